// Through the whole engine: a startup budget is never failed on a measurement the run's own parallel sessions inflated.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/engine.js';
import type { Report } from '../../src/model/report.js';
import { hostileDir } from '../probe/helpers.js';

describe('startup budgets judged on an uncontended measurement', () => {
  let dir: string;
  let report: Report;
  const startupTime = (name: string) => report.servers.find((s) => s.name === name)?.checks.filter((c) => c.id === 'startup-time');

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-load-'));
    const busy = path.join(dir, 'busy');
    await mkdir(path.join(dir, '.codex'), { recursive: true });
    await mkdir(busy);
    const server = (name: string, extra: string[]) =>
      [
        `[mcp_servers.${name}]`,
        `command = ${JSON.stringify(process.execPath)}`,
        `args = ${JSON.stringify([path.join(hostileDir, 'slow-when-busy.mjs'), '1500', ...extra])}`,
        // Codex's budget for this entry: 1 s for initialize and the first tools/list.
        'startup_timeout_sec = 1',
        `env = { BUSY_DIR = ${JSON.stringify(busy)} }`,
      ].join('\n');
    await writeFile(
      path.join(dir, '.codex/config.toml'),
      [server('busy-a', []), server('busy-b', []), server('slow', ['--always-slow'])].join('\n\n'),
    );
    ({ report } = await runPreflight({
      paths: [],
      root: dir,
      servers: [],
      startupTimeoutMs: 10_000,
      requestTimeoutMs: 5_000,
      concurrency: 3,
      freshHome: false,
      failOn: 'error',
      env: process.env,
      protocolVersions: false,
      // The servers coordinate through a folder under the runner's temp directory, which a sandbox hides.
      isolation: 'process',
    }));
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('passes servers slow only beside the run’s other sessions, saying the measurement was taken alone', () => {
    for (const name of ['busy-a', 'busy-b']) {
      expect(startupTime(name)).toMatchObject([
        {
          status: 'pass',
          message: expect.stringMatching(
            /measured alone, with nothing else of this run in flight; beside \d+ other sessions? of this run it had taken 1\.\d s/,
          ),
        },
      ]);
    }
  });

  it('still fails a server that is slow alone too, and says so', () => {
    expect(startupTime('slow')).toMatchObject([
      {
        status: 'fail',
        client: 'codex',
        message: expect.stringMatching(
          /Codex: the server took 1\.\d s to answer initialize and the first tools\/list \(measured alone, with nothing else of this run in flight;/,
        ),
      },
    ]);
  });
});
