#!/usr/bin/env node
// Entry point of the `mcp-preflight` command. It loads nothing but the version check before it knows the Node.js is
// new enough: an older one gets one plain line (exit 2) instead of a crash in some module's top level.
import { unsupportedNodeMessage } from './node-version-guard.js';

const unsupported = unsupportedNodeMessage(process.version);
if (unsupported === undefined) {
  await import('./cli/entry.js');
} else {
  process.stderr.write(`${unsupported}\n`);
  process.exitCode = 2;
}
