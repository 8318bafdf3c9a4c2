import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  cancelOnSignals,
  flushed
} from "./chunk-UD5VTAHV.js";
import "./chunk-PN6J2TVM.js";
export {
  cancelOnSignals,
  flushed
};
