import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

// src/probe/young-generation.ts
import v8 from "node:v8";
var applied = false;
function keepYoungGenerationSmall() {
  if (applied) return;
  applied = true;
  v8.setFlagsFromString("--semi-space-growth-factor=1");
}

export {
  keepYoungGenerationSmall
};
