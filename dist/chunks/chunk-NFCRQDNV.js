import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  describeWriteError,
  renderJunit,
  renderSarif
} from "./chunk-PIMTGGPY.js";
import {
  forTerminal
} from "./chunk-OEXIEUCX.js";

// src/cli/formats.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";
async function writeExtraFormats(options, report, say, render = {
  junit: () => renderJunit([{ report }]),
  sarif: () => renderSarif(report)
}) {
  let failed = false;
  for (const [flag, file, content] of [
    ["--junit", options.junit, render.junit],
    ["--sarif", options.sarif, render.sarif]
  ]) {
    if (file === void 0) continue;
    try {
      await writeFile(path.resolve(options.run.root, file), content());
    } catch (error) {
      say(`${flag} ${forTerminal(file)}: cannot write there (${describeWriteError(error)})`);
      failed = true;
    }
  }
  return failed;
}

export {
  writeExtraFormats
};
