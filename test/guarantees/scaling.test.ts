// Regression guards for issue 5's timing targets, on the bundled CLI run as a child process (the benchmark,
// `npm run bench`, measures the same things with more runs and writes bench/RESULTS.md):
// - scaling: 32 servers that each take 1 s to answer initialize and are then watched for the stay-alive window, at
//   concurrency 32, finish within one server's time (1 s + the window) plus 2 s for the engine: the wall time follows
//   servers / concurrency, not the sum of the waits (64 s). The servers are shell scripts, so that the time measured
//   is the engine's and not 32 Node start-ups competing for the CPU (the benchmark uses Node servers);
//   They run as plain processes (--isolation process): the sandbox's own cost per server is the benchmark's to measure;
// - cold start: `cli.js --version` stays far below the benchmark's 200 ms target (a loose 500 ms guard, median of 5,
//   so that only a real regression — e.g. the engine loaded for --version — fails it on a busy machine).
// Timing on a shared machine is noisy in one direction only (slower), so a bound holds when any attempt meets it.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { DEFAULT_STAY_ALIVE_MS } from '../../src/probe/session.js';
import { bundleToTempDir, median, removeBundle, repoRoot, runNode, type Bundle } from './harness.js';

const SERVERS = 32;
const CONCURRENCY = 32;
const INIT_DELAY_MS = 1000;
/** One server's own time (its initialize, then the window it is watched for) plus what the engine may add. */
const ENGINE_SLACK_MS = 2000;
const MAX_WALL_MS = INIT_DELAY_MS + DEFAULT_STAY_ALIVE_MS + ENGINE_SLACK_MS;
// Five: the suite's heaviest files may load both cores through the first few (seen: 4.6, 5.5, 5.7 s there; 3.2 s alone).
const ATTEMPTS = 5;
const MAX_VERSION_MS = 500;

describe('the bundled CLI', () => {
  let bundle: Bundle | undefined;
  let dir: string;

  beforeAll(async () => {
    bundle = await bundleToTempDir();
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-scaling-'));
    const slowInit = path.join(repoRoot, 'test/fixtures/servers/slow-init.sh');
    const mcpServers = Object.fromEntries(
      Array.from({ length: SERVERS }, (_, i) => [`slow-${i + 1}`, { command: 'sh', args: [slowInit, String(INIT_DELAY_MS / 1000)] }]),
    );
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers }));
  }, 60_000);

  afterAll(async () => {
    await removeBundle(bundle);
    await rm(dir, { recursive: true, force: true });
  });

  // POSIX sh servers.
  it.skipIf(process.platform === 'win32')(
    `checks ${SERVERS} servers that take ${INIT_DELAY_MS} ms to start, at concurrency ${CONCURRENCY}, in under ${MAX_WALL_MS} ms`,
    async () => {
      const walls: number[] = [];
      for (let attempt = 0; attempt < ATTEMPTS && !walls.some((ms) => ms < MAX_WALL_MS); attempt++) {
        const report = path.join(dir, 'report.json');
        const run = await runNode(
          [bundle!.cli, '--json', report, '--concurrency', String(CONCURRENCY), '--isolation', 'process', '--no-color', dir],
          {
            cwd: dir,
            timeoutMs: 60_000,
          },
        );
        expect(run.code, run.stderr).toBe(0);
        // Every server really went through the whole check (a run that skipped the waits would be fast for nothing).
        const { servers } = JSON.parse(await readFile(report, 'utf8')) as Report;
        expect(servers.map((s) => [s.status, (s.startupMs ?? 0) >= INIT_DELAY_MS])).toEqual(servers.map(() => ['pass', true]));
        walls.push(run.wallMs);
      }
      expect(Math.min(...walls), `wall times: ${walls.map(Math.round).join(', ')} ms`).toBeLessThan(MAX_WALL_MS);
    },
    90_000,
  );

  it(`prints its version in under ${MAX_VERSION_MS} ms (median of 5)`, async () => {
    // Like the scaling bound, it holds when any attempt meets it (seen inside the loaded suite: a median of 654 ms).
    const medians: number[] = [];
    for (let attempt = 0; attempt < ATTEMPTS && !medians.some((ms) => ms < MAX_VERSION_MS); attempt++) {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const run = await runNode([bundle!.cli, '--version'], { cwd: dir, timeoutMs: 10_000 });
        expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
        times.push(run.wallMs);
      }
      medians.push(median(times));
    }
    expect(Math.min(...medians), `medians: ${medians.map(Math.round).join(', ')} ms`).toBeLessThan(MAX_VERSION_MS);
  });
});
