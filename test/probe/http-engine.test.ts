import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/engine.js';
import type { ServerReport } from '../../src/model/report.js';
import type { RunOptions } from '../../src/model/run.js';
import { BEARER_TOKEN, closedPort, type Fixture, startFixture } from '../fixtures/http/servers.js';

/** The acceptance: five kinds of remote server in one config, each with its verdict on its own line. */
describe('a config with remote servers', () => {
  let dir: string;
  const fixtures: Fixture[] = [];
  let servers: ServerReport[];
  let reportText = '';
  const WRONG_TOKEN = 'zq81x-expired-credential';
  const check = (server: string, id: string) => servers.find((s) => s.name === server)?.checks.find((c) => c.id === id);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-remote-'));
    const [streamable, sse, mismatch, bearer, oauth, anyOrigin] = await Promise.all(
      (['streamable', 'sse', 'streamable', 'bearer', 'oauth', 'any-origin'] as const).map(startFixture),
    );
    fixtures.push(streamable!, sse!, mismatch!, bearer!, oauth!, anyOrigin!);
    const port = await closedPort();
    const config = {
      mcpServers: {
        healthy: { type: 'http', url: streamable!.url },
        legacy: { type: 'sse', url: sse!.url },
        mismatch: { type: 'sse', url: mismatch!.url },
        'missing-auth': { type: 'http', url: bearer!.url },
        'with-auth': { type: 'http', url: bearer!.url, headers: { Authorization: 'Bearer ${FIXTURE_TOKEN}' } },
        'wrong-token': { type: 'http', url: bearer!.url, headers: { Authorization: 'Bearer ${WRONG_TOKEN_FOR_TEST}' } },
        'fork-pr': { type: 'http', url: bearer!.url, headers: { Authorization: 'Bearer ${ABSENT_TOKEN_FOR_TEST}' } },
        oauth: { type: 'http', url: oauth!.url },
        'any-origin': { type: 'http', url: anyOrigin!.url },
        nothing: { type: 'http', url: `http://127.0.0.1:${port}/mcp` },
      },
    };
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify(config, null, 2));
    const { report } = await runPreflight({
      paths: [],
      root: dir,
      servers: [],
      startupTimeoutMs: 5_000,
      requestTimeoutMs: 3_000,
      concurrency: 3,
      freshHome: false,
      failOn: 'error',
      env: { ...process.env, FIXTURE_TOKEN: BEARER_TOKEN, ABSENT_TOKEN_FOR_TEST: '', WRONG_TOKEN_FOR_TEST: WRONG_TOKEN },
      protocolVersions: false,
    } satisfies RunOptions);
    servers = report.servers;
    reportText = JSON.stringify(report);
  }, 60_000);
  afterAll(async () => {
    await Promise.all(fixtures.map((f) => f.close()));
    await rm(dir, { recursive: true, force: true });
  });

  it('passes a healthy Streamable HTTP server and a healthy SSE server, with the same session checks as stdio', () => {
    for (const name of ['healthy', 'legacy', 'with-auth']) {
      const server = servers.find((s) => s.name === name);
      expect(server?.status, JSON.stringify(server?.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip'))).toBe('pass');
      for (const id of ['http-reachable', 'http-transport', 'http-auth', 'handshake', 'tools-list', 'tool-schemas', 'http-protocol']) {
        expect(check(name, id)?.status, `${name} ${id}`).toBe('pass');
      }
      expect(check(name, 'stdout-purity')?.message).toMatch(/Does not apply/);
      expect(server?.tools.map((t) => t.name)).toEqual(['echo']);
    }
    expect(check('healthy', 'http-origin')?.status).toBe('pass');
  });

  it('fails a transport mismatch on the type line with the fix', () => {
    const result = check('mismatch', 'http-transport');
    expect(result?.status).toBe('fail');
    expect(result?.message).toContain('Set "type": "http"');
    // The `type` line of the mismatch entry.
    expect(result?.line).toBe(12);
  });

  it('fails missing auth naming the header to add, and skips an entry whose secret is empty', () => {
    expect(check('missing-auth', 'http-auth')).toMatchObject({ status: 'fail' });
    expect(check('missing-auth', 'http-auth')?.message).toContain('Authorization');
    expect(check('missing-auth', 'handshake')?.status).toBe('skip');
    const fork = servers.find((s) => s.name === 'fork-pr');
    expect(fork?.status).toBe('skip');
    expect(check('fork-pr', 'handshake')?.message).toMatch(/credentials are absent .*fork/);
  });

  it('checks the entry whose secret is empty when credentials are required, and fails it naming the variable', async () => {
    const { report } = await runPreflight({
      paths: [],
      root: dir,
      servers: ['fork-pr'],
      startupTimeoutMs: 5_000,
      requestTimeoutMs: 3_000,
      concurrency: 1,
      freshHome: false,
      failOn: 'error',
      env: { ...process.env, ABSENT_TOKEN_FOR_TEST: '' },
      protocolVersions: false,
      requireCredentials: true,
    } satisfies RunOptions);
    const auth = report.servers[0]?.checks.find((c) => c.id === 'http-auth');
    expect(report.servers[0]?.status).toBe('fail');
    expect(auth?.status).toBe('fail');
    expect(auth?.message).toContain('"Authorization" (from ${ABSENT_TOKEN_FOR_TEST}) was sent without a credential');
  }, 30_000);

  it('fails a refused token naming its variable, and never shows the token even when the server echoes it', () => {
    const result = check('wrong-token', 'http-auth');
    expect(result?.status).toBe('fail');
    expect(result?.message).toContain('"Authorization" (from ${WRONG_TOKEN_FOR_TEST})');
    expect(result?.evidence?.join('\n')).toContain('unauthorized: Bearer');
    expect(reportText).not.toContain(WRONG_TOKEN);
    expect(reportText).not.toContain(BEARER_TOKEN);
  });

  it('says a server wants OAuth and names its authorization server', () => {
    const result = check('oauth', 'http-auth');
    expect(result?.status).toBe('warn');
    expect(result?.message).toContain('https://auth.example.com');
  });

  it('warns about a localhost server that accepts a foreign Origin', () => {
    expect(check('any-origin', 'http-origin')?.status).toBe('warn');
  });

  it('fails a url nothing listens on, saying so', () => {
    const result = check('nothing', 'http-reachable');
    expect(result?.status).toBe('fail');
    expect(result?.message).toMatch(/Nothing listens on 127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    expect(check('nothing', 'handshake')?.status).toBe('skip');
  });
});
