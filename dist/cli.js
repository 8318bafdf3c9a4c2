#!/usr/bin/env node
import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import "./chunks/chunk-PN6J2TVM.js";

// src/node-version-guard.ts
var MIN_NODE_MAJOR = 20;
function unsupportedNodeMessage(version) {
  const major = Number(/^v?(\d+)/.exec(version)?.[1]);
  if (major >= MIN_NODE_MAJOR) return void 0;
  return `mcp-preflight needs Node.js ${MIN_NODE_MAJOR} or newer; this is Node.js ${version}.`;
}

// src/cli.ts
var unsupported = unsupportedNodeMessage(process.version);
if (unsupported === void 0) {
  await import("./chunks/entry-7RPIGMGP.js");
} else {
  process.stderr.write(`${unsupported}
`);
  process.exitCode = 2;
}
