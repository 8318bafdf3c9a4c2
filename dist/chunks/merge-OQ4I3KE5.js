import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  writeExtraFormats
} from "./chunk-NFCRQDNV.js";
import {
  MergeInputError,
  mergeReports,
  mergeTerminalLines,
  readMergeInputs
} from "./chunk-MTFPMET3.js";
import {
  jsonReportChunks,
  openReportFile,
  renderJunit,
  renderSarif,
  renderTerminal,
  verdict,
  writeChunks
} from "./chunk-PIMTGGPY.js";
import {
  forTerminal
} from "./chunk-OEXIEUCX.js";
import "./chunk-3LATT3HS.js";
import "./chunk-PN6J2TVM.js";

// src/cli/merge.ts
import path from "node:path";
import { parseArgs } from "node:util";
var mergeUsage = `Usage: mcp-preflight merge [options] REPORT...

Merges the JSON reports of a job matrix's legs (files, or folders of .json files) into one verdict: a servers \xD7
(leg, client) table, the servers that fail on some legs only, one set of findings. Reports must come from this
version of mcp-preflight; missing or duplicate shards are reported (a missing shard fails the merge).

Options:
  --json FILE       write the merged JSON report to FILE ('-' for stdout)
  --junit FILE      write JUnit XML with one testsuite per server and leg
  --sarif FILE      write SARIF 2.1.0 of the merged findings (category mcp-preflight/merged)
  --fail-on LEVEL   error | warning | never (default error)
  --no-color        no colours`;
function parseMergeArgs(argv, cwd, env, isTty) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: "string" },
      junit: { type: "string" },
      sarif: { type: "string" },
      "fail-on": { type: "string" },
      "no-color": { type: "boolean" },
      help: { type: "boolean", short: "h" }
    }
  });
  if (values.help) return "help";
  const failOn = values["fail-on"] ?? "error";
  if (failOn !== "error" && failOn !== "warning" && failOn !== "never") {
    throw new Error(`--fail-on must be error, warning or never (got "${failOn}")`);
  }
  if (positionals.length === 0) throw new Error("merge needs at least one REPORT (a file or a folder of .json reports)");
  return {
    reports: positionals,
    root: cwd,
    ...values.json !== void 0 && { json: values.json },
    ...values.junit !== void 0 && { junit: values.junit },
    ...values.sarif !== void 0 && { sarif: values.sarif },
    failOn,
    color: !values["no-color"] && isTty && !env.NO_COLOR
  };
}
async function runMerge(options, io) {
  const say = (line) => io.stderr.write(`mcp-preflight merge: ${line}
`);
  let merged;
  try {
    const inputs = await readMergeInputs(options.reports, options.root);
    const outcome = mergeReports(inputs, { os: process.platform, arch: process.arch, node: process.version });
    if (!outcome.ok) {
      say(outcome.error);
      return 2;
    }
    merged = outcome.merged;
  } catch (error) {
    if (!(error instanceof MergeInputError)) throw error;
    say(error.message);
    return 2;
  }
  const { report } = merged;
  report.settings.failOn = options.failOn;
  const text = options.json === "-" ? io.stderr : io.stdout;
  text.write(`${mergeTerminalLines(merged).join("\n")}
`);
  text.write(renderTerminal(report, { color: options.color, verbose: false }));
  if (options.json === "-") await writeChunks(io.stdout, jsonReportChunks(report), { end: false });
  else if (options.json !== void 0) {
    const opened = await openReportFile(path.resolve(options.root, options.json));
    const problem = opened.ok ? await opened.file.write(report) : opened.reason;
    if (problem !== void 0) {
      say(`--json ${forTerminal(options.json)}: cannot write the report there (${problem})`);
      return 2;
    }
  }
  const failedWrite = await writeExtraFormats({ ...options, run: { root: options.root } }, report, say, {
    junit: () => renderJunit(merged.legReports, { failOn: options.failOn }),
    sarif: () => renderSarif(report, { category: "mcp-preflight/merged" })
  });
  if (failedWrite) return 2;
  if (merged.incomplete) say("some shards are missing (see the notes above): the merge fails, as their servers were not checked");
  return verdict(report, options.failOn).failed || merged.incomplete ? 1 : 0;
}
export {
  mergeUsage,
  parseMergeArgs,
  runMerge
};
