import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runServerChecks } from '../../src/checks/run-checks.js';
import type { CheckResult } from '../../src/model/check.js';
import { probeServer } from '../../src/probe/session.js';
import { closedPort } from '../fixtures/http/servers.js';
import { probeOptions, repoRoot } from './helpers.js';
import { remoteServer } from './http-helpers.js';

/**
 * The official conformance suite (0.1.16, pinned) against server-everything over Streamable HTTP, beside our own
 * verdicts: where both judge the same rule, they agree. The suite needs Node >= 22 (it imports fs.globSync): it runs
 * on this Node when it is 22 or newer, else on NODE24 (default: `.ci/run`'s Node 24 in this checkout), and the test is
 * skipped, saying so, when there is none.
 */
const runningOn22 = Number(process.versions.node.split('.')[0]) >= 22;
const node24 = process.env.NODE24 ?? (runningOn22 ? process.execPath : path.join(repoRoot, '.tools/node24/bin/node'));
const conformance = path.join(repoRoot, 'node_modules/@modelcontextprotocol/conformance/dist/index.js');
const everythingEntry = path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const available = existsSync(node24) && existsSync(conformance);
if (!available) console.warn(`conformance cross-check skipped: needs Node >= 22 at ${node24} (set NODE24) and the conformance package`);

/** Which of our checks judges the same rule as a conformance check id. */
const SAME_RULE: Record<string, string> = {
  'server-initialize': 'handshake',
  'tools-list': 'tools-list',
  ping: 'jsonrpc',
  'localhost-host-rebinding-rejected': 'http-origin',
};

const agrees = (theirs: string, ours: CheckResult['status']) =>
  theirs === 'SUCCESS' ? ours === 'pass' : ours === 'warn' || ours === 'fail';

describe.skipIf(!available)('conformance suite cross-check (server-everything, Streamable HTTP)', () => {
  let child: ChildProcess;
  let url: string;
  let out: string;

  beforeAll(async () => {
    const port = await closedPort();
    child = spawn(process.execPath, [everythingEntry, 'streamableHttp'], {
      env: { ...process.env, PORT: String(port) },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let seen = '';
    await new Promise<void>((resolve, reject) => {
      child.stderr?.on('data', (chunk: Buffer) => {
        seen += chunk.toString();
        if (/listening on port/i.test(seen)) resolve();
      });
      child.once('exit', () => reject(new Error(`server-everything exited: ${seen}`)));
    });
    url = `http://127.0.0.1:${port}/mcp`;
    out = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-conformance-'));
  });
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
    await rm(out, { recursive: true, force: true });
  });

  it('agrees with our verdicts on initialize, ping, tools/list and DNS rebinding', async () => {
    const theirs = new Map<string, string>();
    for (const scenario of ['server-initialize', 'ping', 'tools-list', 'dns-rebinding-protection']) {
      // Exit code 1 means a FAILURE in the scenario: the verdicts are read from checks.json either way.
      await promisify(execFile)(node24, [conformance, 'server', '--url', url, '--scenario', scenario, '-o', out], {
        timeout: 60_000,
      }).catch(() => undefined);
    }
    for (const dir of await readdir(out)) {
      const checks = JSON.parse(await readFile(path.join(out, dir, 'checks.json'), 'utf8')) as Array<{ id: string; status: string }>;
      for (const check of checks) theirs.set(check.id, check.status);
    }
    const server = remoteServer(url, 'http');
    const transcript = await probeServer(server, probeOptions({ startupTimeoutMs: 10_000, requestTimeoutMs: 5_000 }));
    const ours = new Map(
      runServerChecks({
        server,
        transcript,
        settings: { startupTimeoutMs: 10_000, requestTimeoutMs: 5_000 },
        platform: process.platform,
        homeDir: os.homedir(),
      }).map((r) => [r.id, r.status]),
    );
    const compared = Object.entries(SAME_RULE).map(([id, ourId]) => ({ id, theirs: theirs.get(id), ours: ours.get(ourId) }));
    // Every pair was judged by both sides.
    for (const pair of compared) expect(pair.theirs, pair.id).toBeDefined();
    expect(
      compared.filter((p) => !agrees(p.theirs as string, p.ours as CheckResult['status'])),
      JSON.stringify(compared),
    ).toEqual([]);
    // server-everything accepts any Origin: both sides object (their FAILURE, our warning).
    expect(theirs.get('localhost-host-rebinding-rejected')).toBe('FAILURE');
    expect(ours.get('http-origin')).toBe('warn');
  }, 120_000);
});
