/** `mcp-preflight merge REPORT...`: one verdict from the JSON reports of a job matrix's legs. */
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { FailOn } from '../model/report.js';
import { openReportFile, writeChunks } from '../report-file.js';
import { jsonReportChunks } from '../report/json.js';
import { renderJunit } from '../report/junit.js';
import { mergeReports, type MergedRun } from '../report/merge.js';
import { MergeInputError, readMergeInputs } from '../report/merge-input.js';
import { mergeTerminalLines } from '../report/merge-render.js';
import { renderSarif } from '../report/sarif.js';
import { renderTerminal } from '../report/terminal.js';
import { forTerminal } from '../report/untrusted-text.js';
import { verdict } from '../report/verdict.js';
import type { CliIo } from './main.js';
import { writeExtraFormats } from './formats.js';

export const mergeUsage = `Usage: mcp-preflight merge [options] REPORT...

Merges the JSON reports of a job matrix's legs (files, or folders of .json files) into one verdict: a servers ×
(leg, client) table, the servers that fail on some legs only, one set of findings. Reports must come from this
version of mcp-preflight; missing or duplicate shards are reported (a missing shard fails the merge).

Options:
  --json FILE       write the merged JSON report to FILE ('-' for stdout)
  --junit FILE      write JUnit XML with one testsuite per server and leg
  --sarif FILE      write SARIF 2.1.0 of the merged findings (category mcp-preflight/merged)
  --fail-on LEVEL   error | warning | never (default error)
  --no-color        no colours`;

export interface MergeCliOptions {
  reports: string[];
  root: string;
  json?: string;
  junit?: string;
  sarif?: string;
  failOn: FailOn;
  color: boolean;
}

/** Throws a message for a usage error (the caller prints it as one). */
export function parseMergeArgs(argv: string[], cwd: string, env: NodeJS.ProcessEnv, isTty: boolean): MergeCliOptions | 'help' {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      json: { type: 'string' },
      junit: { type: 'string' },
      sarif: { type: 'string' },
      'fail-on': { type: 'string' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const failOn = values['fail-on'] ?? 'error';
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') {
    throw new Error(`--fail-on must be error, warning or never (got "${failOn}")`);
  }
  if (positionals.length === 0) throw new Error('merge needs at least one REPORT (a file or a folder of .json reports)');
  return {
    reports: positionals,
    root: cwd,
    ...(values.json !== undefined && { json: values.json }),
    ...(values.junit !== undefined && { junit: values.junit }),
    ...(values.sarif !== undefined && { sarif: values.sarif }),
    failOn,
    color: !values['no-color'] && isTty && !env.NO_COLOR,
  };
}

/** Exit code as a single run's: 0 clean, 1 findings at the fail-on level (or a missing shard), 2 unusable input. */
export async function runMerge(options: MergeCliOptions, io: CliIo): Promise<number> {
  const say = (line: string) => io.stderr.write(`mcp-preflight merge: ${line}\n`);
  let merged: MergedRun;
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
  // The merge's own fail-on decides, whatever the legs were given (they usually run with never).
  report.settings.failOn = options.failOn;
  const text = options.json === '-' ? io.stderr : io.stdout;
  text.write(`${mergeTerminalLines(merged).join('\n')}\n`);
  text.write(renderTerminal(report, { color: options.color, verbose: false }));
  if (options.json === '-') await writeChunks(io.stdout, jsonReportChunks(report), { end: false });
  else if (options.json !== undefined) {
    const opened = await openReportFile(path.resolve(options.root, options.json));
    const problem = opened.ok ? await opened.file.write(report) : opened.reason;
    if (problem !== undefined) {
      say(`--json ${forTerminal(options.json)}: cannot write the report there (${problem})`);
      return 2;
    }
  }
  const failedWrite = await writeExtraFormats({ ...options, run: { root: options.root } }, report, say, {
    junit: () => renderJunit(merged.legReports, { failOn: options.failOn }),
    sarif: () => renderSarif(report, { category: 'mcp-preflight/merged' }),
  });
  if (failedWrite) return 2;
  if (merged.incomplete) say('some shards are missing (see the notes above): the merge fails, as their servers were not checked');
  return verdict(report, options.failOn).failed || merged.incomplete ? 1 : 0;
}
