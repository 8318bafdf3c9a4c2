import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  keepYoungGenerationSmall
} from "./chunks/chunk-4HIXVKNL.js";
import {
  TOOL_NAME,
  TOOL_VERSION
} from "./chunks/chunk-3LATT3HS.js";
import "./chunks/chunk-PN6J2TVM.js";

// src/action/index.ts
import { EOL } from "node:os";
process.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}${EOL}`);
keepYoungGenerationSmall();
var { run } = await import("./chunks/main-Q4P2PJTH.js");
var cancelled = await run();
if (cancelled !== void 0) {
  const { flushed } = await import("./chunks/cancellation-UL5OTCWH.js");
  await flushed(process.stdout);
  process.exit(cancelled);
}
