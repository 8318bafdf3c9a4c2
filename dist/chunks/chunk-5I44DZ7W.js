import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

// src/model/isolation.ts
var ISOLATION_MODES = ["auto", "sandbox", "docker", "process"];
var NETWORK_MODES = ["host", "none"];

export {
  ISOLATION_MODES,
  NETWORK_MODES
};
