import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { suppressionVocabulary } from '../checks/registry.js';
import { didYouMean } from '../closest-names.js';
import { DISCOVERED_FILES } from '../config/paths.js';
import { loadSuppressions, SuppressionError } from '../config/suppressions.js';
import { IsolationUnavailableError, runPreflight } from '../engine.js';
import type { Suppression } from '../model/suppression.js';
import { renderJson } from '../report/json.js';
import { renderTerminal } from '../report/terminal.js';
import { inertLine } from '../report/untrusted-text.js';
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

/** Runs the engine for the CLI and returns the exit code (0 clean, 1 findings at the fail-on level, 2 a usage error or nothing to check). */
export async function runCli(options: CliOptions, io: CliIo): Promise<number> {
  let suppressions: Suppression[];
  try {
    const values = options.suppress ?? [];
    const source = (index: number) => (values.length > 1 ? `--suppress #${index + 1}` : '--suppress');
    suppressions = await loadSuppressions(options.run.root, values, source, suppressionVocabulary);
  } catch (error) {
    if (!(error instanceof SuppressionError)) throw error;
    io.stderr.write(`${inertLine(`mcp-preflight: ${error.message}`)}\n`);
    return 2;
  }
  let result;
  try {
    result = await runPreflight({ ...options.run, suppressions, env: io.env });
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    io.stderr.write(`${inertLine(`mcp-preflight: ${error.message}`)}\n`);
    return 2;
  }
  const { report, missing, discoveryTruncated, unknownServers } = result;
  // With `--json -` stdout carries only the JSON; the text report goes to stderr.
  const text = options.json === '-' ? io.stderr : io.stdout;
  for (const p of missing) io.stderr.write(`mcp-preflight: ${p}: no such file or directory\n`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (report.configs.length === 0) {
    io.stderr.write(
      `mcp-preflight: no MCP config found under ${options.run.paths.length ? options.run.paths.join(', ') : options.run.root} ` +
        `(looked for ${DISCOVERED_FILES.join(', ')})\n`,
    );
    return 2;
  }
  if (unknownServers.length > 0) {
    for (const { name, suggestions } of unknownServers) {
      const hint = didYouMean(suggestions);
      io.stderr.write(
        inertLine(`mcp-preflight: --server ${JSON.stringify(name)} matches no server in the config files${hint ? `; ${hint}` : ''}`) + '\n',
      );
    }
    return 2;
  }
  text.write(renderTerminal(report, { color: options.color, verbose: options.verbose }));
  if (options.json === '-') io.stdout.write(renderJson(report));
  else if (options.json) await writeFile(path.resolve(options.run.root, options.json), renderJson(report));
  const outcome = verdict(report, options.run.failOn);
  if (missing.length > 0) return 2;
  return outcome.failed ? 1 : 0;
}
