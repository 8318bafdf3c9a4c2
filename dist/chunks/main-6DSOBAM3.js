import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  DISCOVERED_FILES,
  IsolationUnavailableError,
  SuppressionError,
  jsonReportChunks,
  loadSuppressions,
  openReportFile,
  renderTerminal,
  runPreflight,
  suppressionVocabulary,
  verdict,
  writeChunks
} from "./chunk-FFWZ5KLW.js";
import {
  didYouMean,
  forTerminal,
  overLimitMessage
} from "./chunk-ASBU2EIY.js";
import "./chunk-2RPOPZNI.js";
import {
  cancelOnSignals
} from "./chunk-252P47RA.js";
import "./chunk-PN6J2TVM.js";

// src/cli/main.ts
import path from "node:path";
var truncatedDiscoveryWarning = "mcp-preflight: warning: the folder tree is too large to search completely; some config files may not have been found. Pass the config files or their folders explicitly.\n";
async function runCli(options, io) {
  const say = (line) => io.stderr.write(`mcp-preflight: ${line}
`);
  let suppressions;
  try {
    const values = options.suppress ?? [];
    const source = (index) => values.length > 1 ? `--suppress #${index + 1}` : "--suppress";
    suppressions = await loadSuppressions(options.run.root, values, source, suppressionVocabulary);
  } catch (error) {
    if (!(error instanceof SuppressionError)) throw error;
    say(forTerminal(error.message));
    return 2;
  }
  let reportFile;
  if (options.json !== void 0 && options.json !== "-") {
    const opened = await openReportFile(path.resolve(options.run.root, options.json));
    if (!opened.ok) {
      say(`--json ${forTerminal(options.json)}: cannot write the report there (${opened.reason})`);
      return 2;
    }
    reportFile = opened.file;
  }
  const cancellation = cancelOnSignals(
    (signal, count) => say(
      count === 1 ? `${signal}: stopping the servers and writing a partial report\u2026` : `${signal}: killing every process the run started${count >= 3 ? " and exiting" : ""}`
    )
  );
  let result;
  try {
    result = await runPreflight({ ...options.run, suppressions, env: io.env, signal: cancellation.signal });
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    await reportFile?.close();
    say(forTerminal(error.message));
    return 2;
  } finally {
    cancellation.dispose();
  }
  const { report, missing, discoveryTruncated, overLimit, unknownServers } = result;
  const text = options.json === "-" ? io.stderr : io.stdout;
  for (const p of missing) say(`${forTerminal(p)}: no such file or directory`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (overLimit) {
    await reportFile?.close();
    say(overLimitMessage(overLimit, `--${overLimit.setting}`));
    return 2;
  }
  if (report.configs.length === 0 && report.cancelled === void 0) {
    await reportFile?.close();
    const where = options.run.paths.length ? options.run.paths.map(forTerminal).join(", ") : forTerminal(options.run.root);
    say(`no MCP config found under ${where} (looked for ${DISCOVERED_FILES.join(", ")})`);
    return 2;
  }
  if (unknownServers.length > 0) {
    await reportFile?.close();
    for (const { name, suggestions } of unknownServers) {
      const hint = didYouMean(suggestions);
      io.stderr.write(
        forTerminal(`mcp-preflight: --server ${JSON.stringify(name)} matches no server in the config files${hint ? `; ${hint}` : ""}`) + "\n"
      );
    }
    return 2;
  }
  text.write(renderTerminal(report, { color: options.color, verbose: options.verbose }));
  if (options.json === "-") await writeChunks(io.stdout, jsonReportChunks(report), { end: false });
  const failedWrite = await reportFile?.write(report);
  if (failedWrite !== void 0) {
    say(`--json ${forTerminal(options.json ?? "")}: cannot write the report there (${failedWrite})`);
    return 2;
  }
  const cancelled = cancellation.exitCode();
  if (cancelled !== void 0) return cancelled;
  if (missing.length > 0) return 2;
  return verdict(report, options.run.failOn).failed ? 1 : 0;
}
export {
  runCli,
  truncatedDiscoveryWarning
};
