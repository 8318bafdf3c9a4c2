#!/usr/bin/env node
// Broken: crashes before it can answer, here because a dependency is not installed (MODULE_NOT_FOUND-style).
// Node prints the error and the stack on stderr and exits with code 1.
await import('@acme/weather-sdk-not-installed');
