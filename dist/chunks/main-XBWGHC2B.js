import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);
import {
  renderJson,
  renderTerminal,
  runPreflight,
  verdict
} from "./chunk-U5ZH5UPC.js";
import "./chunk-A4DRKH6B.js";
import "./chunk-USNUVBCA.js";
import "./chunk-PN6J2TVM.js";

// src/cli/main.ts
import { writeFile } from "node:fs/promises";
import path from "node:path";
var truncatedDiscoveryWarning = "mcp-preflight: warning: the folder tree is too large to search completely; some config files may not have been found. Pass the config files or their folders explicitly.\n";
async function runCli(options, io) {
  const { report, missing, discoveryTruncated } = await runPreflight({ ...options.run, env: io.env });
  const text = options.json === "-" ? io.stderr : io.stdout;
  for (const p of missing) io.stderr.write(`mcp-preflight: ${p}: no such file or directory
`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (report.configs.length === 0) {
    io.stderr.write(
      `mcp-preflight: no MCP config found under ${options.run.paths.length ? options.run.paths.join(", ") : options.run.root} (looked for .mcp.json, .cursor/mcp.json, .vscode/mcp.json, claude_desktop_config.json)
`
    );
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
