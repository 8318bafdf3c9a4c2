import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  DISCOVERED_FILES,
  IsolationUnavailableError,
  SuppressionError,
  inertLine,
  loadSuppressions,
  renderJson,
  renderTerminal,
  runPreflight,
  suppressionVocabulary,
  verdict
} from "./chunk-45NPUBHG.js";
import {
  didYouMean
} from "./chunk-4UDXA6HF.js";
import "./chunk-2RPOPZNI.js";
import "./chunk-PN6J2TVM.js";

// src/cli/main.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";
var truncatedDiscoveryWarning = "mcp-preflight: warning: the folder tree is too large to search completely; some config files may not have been found. Pass the config files or their folders explicitly.\n";
async function runCli(options, io) {
  let suppressions;
  try {
    const values = options.suppress ?? [];
    const source = (index) => values.length > 1 ? `--suppress #${index + 1}` : "--suppress";
    suppressions = await loadSuppressions(options.run.root, values, source, suppressionVocabulary);
  } catch (error) {
    if (!(error instanceof SuppressionError)) throw error;
    io.stderr.write(`${inertLine(`mcp-preflight: ${error.message}`)}
`);
    return 2;
  }
  let result;
  try {
    result = await runPreflight({ ...options.run, suppressions, env: io.env });
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    io.stderr.write(`${inertLine(`mcp-preflight: ${error.message}`)}
`);
    return 2;
  }
  const { report, missing, discoveryTruncated, unknownServers } = result;
  const text = options.json === "-" ? io.stderr : io.stdout;
  for (const p of missing) io.stderr.write(`mcp-preflight: ${p}: no such file or directory
`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (report.configs.length === 0) {
    io.stderr.write(
      `mcp-preflight: no MCP config found under ${options.run.paths.length ? options.run.paths.join(", ") : options.run.root} (looked for ${DISCOVERED_FILES.join(", ")})
`
    );
    return 2;
  }
  if (unknownServers.length > 0) {
    for (const { name, suggestions } of unknownServers) {
      const hint = didYouMean(suggestions);
      io.stderr.write(
        inertLine(`mcp-preflight: --server ${JSON.stringify(name)} matches no server in the config files${hint ? `; ${hint}` : ""}`) + "\n"
      );
    }
    return 2;
  }
  text.write(renderTerminal(report, { color: options.color, verbose: options.verbose }));
  if (options.json === "-") io.stdout.write(renderJson(report));
  else if (options.json) await writeFile(path.resolve(options.run.root, options.json), renderJson(report));
  const outcome = verdict(report, options.run.failOn);
  if (missing.length > 0) return 2;
  return outcome.failed ? 1 : 0;
}
export {
  runCli,
  truncatedDiscoveryWarning
};
