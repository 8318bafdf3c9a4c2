import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { IsolationUnavailableError, runPreflight } from '../engine.js';
import { renderJson } from '../report/json.js';
import { renderTerminal } from '../report/terminal.js';
import { verdict } from '../report/verdict.js';
import type { CliOptions } from './args.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const truncatedDiscoveryWarning =
  'mcp-preflight: warning: the folder tree is too large to search completely; some config files may not have been found. ' +
  'Pass the config files or their folders explicitly.\n';

/** Runs the engine for the CLI and returns the exit code (0 clean, 1 findings at the fail-on level, 2 nothing to check). */
export async function runCli(options: CliOptions, io: CliIo): Promise<number> {
  let result;
  try {
    result = await runPreflight({ ...options.run, env: io.env });
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    io.stderr.write(`mcp-preflight: ${error.message}\n`);
    return 2;
  }
  const { report, missing, discoveryTruncated } = result;
  // With `--json -` stdout carries only the JSON; the text report goes to stderr.
  const text = options.json === '-' ? io.stderr : io.stdout;
  for (const p of missing) io.stderr.write(`mcp-preflight: ${p}: no such file or directory\n`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (report.configs.length === 0) {
    io.stderr.write(
      `mcp-preflight: no MCP config found under ${options.run.paths.length ? options.run.paths.join(', ') : options.run.root} ` +
        '(looked for .mcp.json, .cursor/mcp.json, .vscode/mcp.json, claude_desktop_config.json)\n',
    );
    return 2;
  }
  text.write(renderTerminal(report, { color: options.color, verbose: options.verbose }));
  if (options.json === '-') io.stdout.write(renderJson(report));
  else if (options.json) await writeFile(path.resolve(options.run.root, options.json), renderJson(report));
  const outcome = verdict(report, options.run.failOn);
  if (missing.length > 0) return 2;
  return outcome.failed ? 1 : 0;
}
