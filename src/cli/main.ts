import path from 'node:path';
import { cancelOnSignals } from '../cancellation.js';
import { suppressionVocabulary } from '../checks/registry.js';
import { didYouMean } from '../closest-names.js';
import { DISCOVERED_FILES } from '../config/paths.js';
import { loadSuppressions, SuppressionError } from '../config/suppressions.js';
import { IsolationUnavailableError, runPreflight } from '../engine.js';
import type { Suppression } from '../model/suppression.js';
import { openReportFile, type ReportFile, writeChunks } from '../report-file.js';
import { jsonReportChunks } from '../report/json.js';
import { LiveProgress } from '../report/progress.js';
import { emptyShardLine } from '../report/shard-line.js';
import { writeExtraFormats } from './formats.js';
import { renderTerminal } from '../report/terminal.js';
import { forTerminal } from '../report/untrusted-text.js';
import { verdict } from '../report/verdict.js';
import { terminalWidth } from '../report/wrap.js';
import { overLimitMessage } from '../settings.js';
import type { CliOptions } from './args.js';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const truncatedDiscoveryWarning =
  'mcp-preflight: warning: the folder tree is too large to search completely; some config files may not have been found. ' +
  'Pass the config files or their folders explicitly.\n';

/**
 * Runs the engine for the CLI and returns the exit code: 0 clean, 1 findings at the fail-on level, 2 a usage error or
 * nothing to check (an unknown --server, an --isolation this machine cannot give, a bad suppression), 130 or 143 when SIGINT or SIGTERM cancelled the run (a partial report is still printed and written).
 * Every path or name quoted in a message goes through the untrusted-text door: a folder name is attacker-chosen too.
 */
export async function runCli(options: CliOptions, io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`mcp-preflight: ${line}\n`);
  let suppressions: Suppression[];
  try {
    const values = options.suppress ?? [];
    const source = (index: number) => (values.length > 1 ? `--suppress #${index + 1}` : '--suppress');
    suppressions = await loadSuppressions(options.run.root, values, source, suppressionVocabulary);
  } catch (error) {
    if (!(error instanceof SuppressionError)) throw error;
    say(forTerminal(error.message));
    return 2;
  }
  let reportFile: ReportFile | undefined;
  if (options.json !== undefined && options.json !== '-') {
    // Before any server starts: an unwritable path costs nothing but this line.
    const opened = await openReportFile(path.resolve(options.run.root, options.json));
    if (!opened.ok) {
      say(`--json ${forTerminal(options.json)}: cannot write the report there (${opened.reason})`);
      return 2;
    }
    reportFile = opened.file;
  }
  // Live progress only on a terminal (stderr, so `--json -` and a redirected report stay clean); a log stays quiet.
  const progress = isTty(io.stderr) ? new LiveProgress(io.stderr, { color: options.color }) : undefined;
  const cancellation = cancelOnSignals((signal, count) => {
    // The status line would run into the message: it stops at the first signal.
    progress?.stop();
    say(
      count === 1
        ? `${signal}: stopping the servers and writing a partial report…`
        : `${signal}: killing every process the run started${count >= 3 ? ' and exiting' : ''}`,
    );
  });
  let result;
  try {
    result = await runPreflight({
      ...options.run,
      suppressions,
      env: io.env,
      signal: cancellation.signal,
      ...(progress && { onServerStart: (s) => progress.start(s), onServerDone: (s) => progress.finish(s) }),
    });
  } catch (error) {
    if (!(error instanceof IsolationUnavailableError)) throw error;
    await reportFile?.close();
    say(forTerminal(error.message));
    return 2;
  } finally {
    progress?.stop();
    cancellation.dispose();
  }
  const { report, missing, discoveryTruncated, overLimit, unknownServers } = result;
  // With `--json -` stdout carries only the JSON; the text report goes to stderr.
  const text = options.json === '-' ? io.stderr : io.stdout;
  for (const p of missing) say(`${forTerminal(p)}: no such file or directory`);
  if (discoveryTruncated) io.stderr.write(truncatedDiscoveryWarning);
  if (overLimit) {
    await reportFile?.close();
    say(overLimitMessage(overLimit, `--${overLimit.setting}`));
    return 2;
  }
  if (report.configs.length === 0 && report.cancelled === undefined) {
    await reportFile?.close();
    const where = options.run.paths.length ? options.run.paths.map(forTerminal).join(', ') : forTerminal(options.run.root);
    say(`no MCP config found under ${where} (looked for ${DISCOVERED_FILES.join(', ')})`);
    return 2;
  }
  if (unknownServers.length > 0) {
    await reportFile?.close();
    for (const { name, given, suggestions } of unknownServers) {
      const hint = didYouMean(suggestions);
      const option = given === 'servers' ? '--server' : '--start';
      io.stderr.write(
        forTerminal(`mcp-preflight: ${option} ${JSON.stringify(name)} matches no server in the config files${hint ? `; ${hint}` : ''}`) +
          '\n',
      );
    }
    return 2;
  }
  if (report.shard?.servers === 0) say(emptyShardLine(report.shard));
  const width = terminalWidth((text as { columns?: number }).columns);
  text.write(renderTerminal(report, { color: options.color, verbose: options.verbose, width }));
  if (options.json === '-') await writeChunks(io.stdout, jsonReportChunks(report), { end: false });
  const failedWrite = await reportFile?.write(report);
  if (failedWrite !== undefined) {
    say(`--json ${forTerminal(options.json ?? '')}: cannot write the report there (${failedWrite})`);
    return 2;
  }
  const extraFailed = await writeExtraFormats(options, report, say);
  if (extraFailed) return 2;
  const cancelled = cancellation.exitCode();
  if (cancelled !== undefined) return cancelled;
  if (missing.length > 0) return 2;
  return verdict(report, options.run.failOn).failed ? 1 : 0;
}

function isTty(stream: NodeJS.WritableStream): stream is NodeJS.WriteStream {
  return (stream as { isTTY?: boolean }).isTTY === true;
}
