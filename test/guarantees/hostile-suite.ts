/**
 * Every hostile server of issue 5 in one config, checked in one run of the bundled CLI. Used by
 * `hostile-run.test.ts` (which asserts the outcome) and by `bench/run.mjs` (which reports the peak RSS).
 * Plain Node must be able to strip this file's types: only `node:` imports, type-only imports, erasable syntax.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { CheckStatus } from '../../src/model/check.js';
import type { Report } from '../../src/model/report.js';
import { killAll, processesWithMarker, repoRoot, runNode, type MarkedProcess, type NodeRun } from './harness.js';

const MB = 1024 * 1024;
const fixtures = path.join(repoRoot, 'test/fixtures/servers');

/** The variable every server entry sets; its value is unique per run, so leftovers can be found by environment. */
export const RUN_MARKER_VARIABLE = 'MCP_PREFLIGHT_RUN';

export interface HostileSettings {
  startupTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface Expectation {
  check: string;
  status: CheckStatus;
}

export interface HostileServer {
  name: string;
  script: string;
  args: string[];
  /** Checks whose outcome is certain for this server (others may vary with timing and are not asserted). */
  expect: Expectation[];
}

const fail = (check: string): Expectation => ({ check, status: 'fail' });
const warn = (check: string): Expectation => ({ check, status: 'warn' });
const pass = (check: string): Expectation => ({ check, status: 'pass' });

/** The servers, sized as issue 5 asks. Delays are derived from the timeouts so they always land past the deadline. */
export function hostileServers(settings: HostileSettings): HostileServer[] {
  const server = (name: string, script: string, args: string[], expect: Expectation[]): HostileServer => ({
    name,
    script: path.join(script.startsWith('examples/') ? repoRoot : fixtures, script),
    args,
    expect,
  });
  return [
    server('stdout-flood', 'stdout-flood.mjs', [String(100 * MB), '100'], [fail('stdout-purity')]),
    server('long-line', 'long-line.mjs', [String(50 * MB)], [fail('stdout-purity'), fail('handshake')]),
    server('binary', 'binary.mjs', [String(5 * MB)], [fail('stdout-purity')]),
    // Stderr is the log channel: a flood there is allowed, it only has to stay bounded. (Its handshake is not asserted:
    // with every flood of the suite on two cores, the 25 MB may take longer than the startup timeout.)
    server('stderr-flood', 'stderr-flood.mjs', [String(20 * MB), String(5 * MB)], [pass('stdout-purity')]),
    server('never-reads-stdin', 'never-reads-stdin.mjs', [], [fail('handshake'), warn('shutdown')]),
    server('never-answers', 'never-answers.mjs', [], [fail('handshake')]),
    server('late-initialize', 'late-answer.mjs', ['initialize', String(settings.startupTimeoutMs + 1000)], [fail('handshake')]),
    server(
      'late-tools-list',
      'late-answer.mjs',
      ['tools/list', String(settings.requestTimeoutMs + 1000)],
      [pass('handshake'), fail('tools-list')],
    ),
    server('ignores-sigterm', 'examples/servers/ignores-sigterm.mjs', [], [pass('handshake'), fail('shutdown')]),
    server('forks-grandchildren', 'forks.mjs', ['--children', '2', '--detached'], [pass('handshake'), warn('shutdown')]),
    server('respawns', 'respawns.mjs', [], [pass('handshake'), warn('shutdown')]),
    server('exits-with-signal', 'exits-with-signal.mjs', ['SIGKILL'], [fail('spawn')]),
    server('closes-stdout', 'closes-stdout.mjs', [], [pass('handshake'), fail('stays-alive')]),
    // Exits 50 ms after the handshake, on a machine made busy by every flood above: caught on every run.
    server('dies-after-handshake', 'dies-after-handshake.mjs', ['50'], [pass('handshake'), fail('stays-alive')]),
    server('notification-flood', 'notification-flood.mjs', ['5000'], [pass('handshake'), pass('tools-list')]),
    server('big-tools-list', 'big-tools.mjs', [String(10 * MB)], [fail('tools-list')]),
    server('many-tools', 'many-tools.mjs', ['5000', '100'], [pass('tools-list'), pass('tool-names')]),
    // Its tool names are outside the spec's charset; Claude Code (the judged client) rewrites them: a warning.
    server('injection', 'injection.mjs', [], [fail('stdout-purity'), warn('tool-names')]),
  ];
}

export interface HostileRun {
  servers: HostileServer[];
  settings: HostileSettings;
  concurrency: number;
  cli: NodeRun;
  /** The JSON report the CLI wrote. */
  report: Report;
  /** Processes with the run's marker still alive after the CLI exited (killed since); undefined off Linux. */
  leftovers: MarkedProcess[] | undefined;
}

/**
 * Writes a `.mcp.json` declaring every hostile server (each with the run's marker in its `env`), runs the bundled CLI
 * on it with all servers in parallel, and looks for processes left behind once it exited.
 */
export async function runHostileSuite(cli: string, settings: HostileSettings, timeoutMs: number): Promise<HostileRun> {
  const servers = hostileServers(settings);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-hostile-'));
  const runId = randomUUID();
  try {
    const mcpServers = Object.fromEntries(
      servers.map((s) => [s.name, { command: process.execPath, args: [s.script, ...s.args], env: { [RUN_MARKER_VARIABLE]: runId } }]),
    );
    await writeFile(path.join(dir, '.mcp.json'), `${JSON.stringify({ mcpServers }, null, 2)}\n`);
    const reportFile = path.join(dir, 'report.json');
    const concurrency = servers.length;
    const run = await runNode(
      [
        cli,
        '--json',
        reportFile,
        '--no-color',
        '--fail-on',
        'never',
        '--startup-timeout',
        String(settings.startupTimeoutMs),
        '--request-timeout',
        String(settings.requestTimeoutMs),
        '--concurrency',
        String(concurrency),
        dir,
      ],
      { cwd: dir, timeoutMs, measureRss: true },
    );
    const leftovers = await processesWithMarker(`${RUN_MARKER_VARIABLE}=${runId}`);
    if (leftovers) killAll(leftovers);
    const text = await readFile(reportFile, 'utf8').catch(() => undefined);
    if (text === undefined)
      throw new Error(`the CLI wrote no report (exit ${run.code}, signal ${run.signal}):\n${run.stderr.slice(-4000)}`);
    return { servers, settings, concurrency, cli: run, report: JSON.parse(text) as Report, leftovers };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
