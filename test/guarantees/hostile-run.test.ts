// Issue 5's guarantee, end to end: every hostile server together in ONE run of the bundled CLI (a child process, as a
// user runs it). What is measured:
// - time: wall clock from spawning `node cli.js` to its exit;
// - memory: the CLI process's own peak RSS (getrusage ru_maxrss at exit, see report-peak-rss.mjs); the servers are
//   separate processes with their own memory and are not counted;
// - leftovers: live processes whose environment carries this run's marker (every server entry sets it in `env`, and
//   everything a server starts inherits it, even after setsid or a double fork), looked for after the CLI exited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SHUTDOWN_WAIT_MS, DEFAULT_STAY_ALIVE_MS } from '../../src/probe/session.js';
import { DEFAULT_PROBE_LIMITS } from '../../src/probe/limits.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { bundleToTempDir, removeBundle, type Bundle } from './harness.js';
import { runHostileSuite, type HostileRun, type HostileSettings } from './hostile-suite.js';

const MB = 1024 * 1024;
const MAX_PEAK_RSS_BYTES = 200 * MB;

// Short enough to keep the test quick; long enough that the light servers of the suite answer in time on two busy
// cores (the 5000 notifications come before the ping answer, the 50 pages of tools are 50 round trips).
const settings: HostileSettings = { startupTimeoutMs: 3000, requestTimeoutMs: 2000 };

/**
 * The longest one server can take with these settings, every wait of the probe at its deadline, one after the other:
 * startup timeout, then the operation budget (a multiple of the request timeout, for ping + lists + unknown method) or
 * the stay-alive window, whichever is longer (they overlap), the shutdown ladder (stdin close, SIGTERM, SIGKILL), the
 * grace descendants get to end by themselves, and the deadline for killing leftovers.
 * All servers run in parallel, so the whole run must fit in it too.
 */
const worstCaseOfOneServerMs =
  settings.startupTimeoutMs +
  Math.max(DEFAULT_PROBE_LIMITS.operationBudgetRequests * settings.requestTimeoutMs, DEFAULT_STAY_ALIVE_MS) +
  2 * DEFAULT_SHUTDOWN_WAIT_MS +
  DEFAULT_PROBE_LIMITS.killWaitMs +
  DEFAULT_PROBE_LIMITS.leftoverGraceMs +
  DEFAULT_PROBE_LIMITS.killDeadlineMs;

// Workflow commands GitHub's runner reads from a log: `::name::` at the start of a line (after blanks).
const workflowCommandAtLineStart = /^\s*::/m;

describe('every hostile server in one run of the bundled CLI', () => {
  let bundle: Bundle | undefined;
  let run: HostileRun;

  beforeAll(async () => {
    bundle = await bundleToTempDir();
    // The kill deadline only guards the test itself: the assertion on the wall time below is the real bound.
    run = await runHostileSuite(bundle.cli, settings, 4 * worstCaseOfOneServerMs);
  }, 8 * worstCaseOfOneServerMs);

  afterAll(async () => {
    await removeBundle(bundle);
  });

  it('exits normally, with a report entry for every server and no probe failure', () => {
    expect(run.cli.timedOut).toBe(false);
    expect(run.cli.stderr).not.toMatch(/internal error/);
    expect(run.cli.code).toBe(0);
    expect(run.report.servers.map((s) => s.name)).toEqual(run.servers.map((s) => s.name));
    expect(run.report.servers.filter((s) => s.probeError !== undefined)).toEqual([]);
  });

  it('ends each server with its finding', () => {
    const seen = run.servers.map((server) => {
      const checks = run.report.servers.find((s) => s.name === server.name)?.checks ?? [];
      return {
        server: server.name,
        checks: server.expect.map(({ check }) => ({ check, status: checks.find((c) => c.id === check)?.status })),
      };
    });
    const expected = run.servers.map((server) => ({ server: server.name, checks: server.expect }));
    expect(seen).toEqual(expected);
  });

  it('keeps what it holds of each server bounded', () => {
    for (const server of run.report.servers) {
      expect(server.stderrTail.length).toBeLessThanOrEqual(DEFAULT_PROBE_LIMITS.maxLines);
      for (const line of server.stderrTail) expect(line.length).toBeLessThanOrEqual(DEFAULT_PROBE_LIMITS.maxLineChars);
    }
    const stderrFlood = run.report.servers.find((s) => s.name === 'stderr-flood');
    expect(stderrFlood?.stderrTail.length).toBe(DEFAULT_PROBE_LIMITS.maxLines);
    expect(run.report.servers.find((s) => s.name === 'many-tools')?.tools).toHaveLength(5000);
  });

  it(`stays under ${MAX_PEAK_RSS_BYTES / MB} MB peak RSS`, () => {
    expect(run.cli.peakRssBytes).toBeGreaterThan(10 * MB);
    expect(run.cli.peakRssBytes).toBeLessThan(MAX_PEAK_RSS_BYTES);
  });

  it('finishes within the worst case of a single server', () => {
    const slowest = Math.max(...run.report.servers.map((s) => s.durationMs ?? 0));
    // The slowest server's own time is part of the run: a sanity check that the run really waited for it.
    expect(run.cli.wallMs).toBeGreaterThanOrEqual(slowest);
    expect(run.cli.wallMs).toBeLessThan(worstCaseOfOneServerMs);
  });

  it.skipIf(process.platform !== 'linux')('leaves no process behind (found by the environment marker, not by name)', () => {
    expect(run.leftovers).toEqual([]);
  });

  it.todo(
    'finds a copy that a server starts in a new session while it is being shut down (see "Known limit" under Guarantees in README.md)',
  );

  it('prints server text inert: no workflow command at a line start, no raw HTML in the job summary', () => {
    const injection = run.report.servers.find((s) => s.name === 'injection');
    // The payloads reached the report (so the assertions below are about them, not about their absence).
    expect(injection?.stderrTail.join('\n')).toContain('<script>alert(1)</script>');
    expect(injection?.checks.find((c) => c.id === 'tool-names')?.message).toContain('::error');

    for (const output of [run.cli.stdout, run.cli.stderr, JSON.stringify(run.report, null, 2)]) {
      expect(output).not.toMatch(workflowCommandAtLineStart);
    }
    expect(run.cli.stdout).toContain('error file=README.md');

    const summary = renderJobSummary(run.report);
    expect(summary).toContain('&lt;script&gt;alert&#40;1&#41;&lt;/script&gt;');
    expect(summary).not.toMatch(/<script|<img|\]\(https?:/i);
    expect(summary).not.toMatch(workflowCommandAtLineStart);
  });
});
