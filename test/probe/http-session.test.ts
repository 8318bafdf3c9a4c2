import { afterEach, describe, expect, it } from 'vitest';
import { runServerChecks } from '../../src/checks/run-checks.js';
import { probeServer } from '../../src/probe/session.js';
import { BEARER_TOKEN, closedPort, type Fixture, type FixtureKind, startFixture } from '../fixtures/http/servers.js';
import { probeOptions } from './helpers.js';
import { remoteServer } from './http-helpers.js';

const open: Fixture[] = [];
async function fixture(kind: FixtureKind): Promise<Fixture> {
  const started = await startFixture(kind);
  open.push(started);
  return started;
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((f) => f.close()));
});

const fast = probeOptions({ startupTimeoutMs: 3000, requestTimeoutMs: 2000 });

describe('a remote session', () => {
  it('speaks Streamable HTTP (SSE answers) and records the exchange', async () => {
    const { url } = await fixture('streamable');
    const t = await probeServer(remoteServer(url, 'http'), fast);
    expect(t.transport).toBe('http');
    expect(t.http?.spoken).toBe('http');
    expect(t.initialize?.outcome).toBe('result');
    expect(t.lists.tools?.items).toHaveLength(1);
    expect(t.http?.sessionId).toMatch(/^[\x21-\x7e]+$/);
    const notification = t.http?.exchanges.find((e) => e.rpc === 'notifications/initialized');
    expect(notification?.status).toBe(202);
    const later = t.http?.exchanges.find((e) => e.rpc === 'tools/list');
    expect(later?.sent).toMatchObject({ sessionId: true, protocolVersion: '2025-11-25' });
    expect(t.http?.exchanges.find((e) => e.purpose === 'delete')?.status).toBe(200);
    expect(t.http?.exchanges.find((e) => e.purpose === 'foreign-origin')?.status).toBe(403);
  });

  it('speaks Streamable HTTP with JSON answers', async () => {
    const { url } = await fixture('streamable-json');
    const t = await probeServer(remoteServer(url, 'http'), fast);
    expect(t.initialize?.outcome).toBe('result');
    expect(t.http?.exchanges.find((e) => e.rpc === 'initialize')?.contentType).toMatch(/^application\/json/);
  });

  it('speaks legacy SSE when the entry says sse', async () => {
    const { url } = await fixture('sse');
    const t = await probeServer(remoteServer(url, 'sse'), fast);
    expect(t.http?.spoken).toBe('sse');
    expect(t.initialize?.outcome).toBe('result');
    expect(t.lists.tools?.itemCount).toBe(1);
  });

  it('detects the legacy transport behind an http entry (POST refused, GET gives the endpoint)', async () => {
    const { url } = await fixture('sse');
    const t = await probeServer(remoteServer(url, 'http'), fast);
    expect(t.http?.configured).toBe('http');
    expect(t.http?.spoken).toBe('sse');
    expect(t.initialize?.outcome).toBe('result');
  });

  it('detects Streamable HTTP behind an sse entry', async () => {
    const { url } = await fixture('streamable');
    const t = await probeServer(remoteServer(url, 'sse'), fast);
    expect(t.http?.spoken).toBe('http');
    expect(t.initialize?.outcome).toBe('result');
  });

  it('speaks the 2026-07-28 revision: errors carried by HTTP error statuses are answers, the headers agree with the body', async () => {
    const { url } = await fixture('modern');
    const t = await probeServer(remoteServer(url, 'http'), fast);
    expect(t.http?.spoken).toBe('http');
    expect(t.initialize).toMatchObject({ outcome: 'error', error: { code: -32022 } });
    expect(t.generation).toBe('modern');
    expect(t.discover?.outcome).toBe('result');
    expect(t.lists.tools?.itemCount).toBe(1);
    expect(t.unknownMethod).toMatchObject({ outcome: 'error', error: { code: -32601 } });
    expect(t.http?.exchanges.find((e) => e.purpose === 'header-mismatch')).toMatchObject({ status: 400, jsonRpcErrorCode: -32020 });
    const server = remoteServer(url, 'http');
    const verdicts = new Map(
      runServerChecks({ server, transcript: t, settings: fast, platform: process.platform, homeDir: '/home/test' }).map((r) => [r.id, r]),
    );
    for (const id of ['http-transport', 'handshake', 'tools-list', 'http-protocol']) expect(verdicts.get(id)?.status, id).toBe('pass');
    expect(verdicts.get('http-protocol')?.message).toContain('refused with -32020');
  });

  it('records a refused connection without waiting for a timeout', async () => {
    const port = await closedPort();
    const started = Date.now();
    const t = await probeServer(remoteServer(`http://127.0.0.1:${port}/mcp`, 'http'), fast);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(t.http?.exchanges[0]?.error).toMatchObject({ kind: 'refused', code: 'ECONNREFUSED' });
    expect(t.initialize?.outcome).toBe('closed');
  });

  it('records 401 with and without the bearer token', async () => {
    const { url } = await fixture('bearer');
    const denied = await probeServer(remoteServer(url, 'http'), fast);
    expect(denied.http?.exchanges[0]?.status).toBe(401);
    const allowed = await probeServer(remoteServer(url, 'http', { Authorization: `Bearer ${BEARER_TOKEN}` }), fast);
    expect(allowed.initialize?.outcome).toBe('result');
  });

  it('follows an OAuth challenge to the authorization server', async () => {
    const { url } = await fixture('oauth');
    const t = await probeServer(remoteServer(url, 'http'), fast);
    expect(t.http?.oauth).toMatchObject({ fromChallenge: true, status: 200, authorizationServers: ['https://auth.example.com'] });
  });

  it('records a foreign Origin accepted by a localhost server', async () => {
    const { url } = await fixture('any-origin');
    const t = await probeServer(remoteServer(url, 'http'), fast);
    expect(t.http?.exchanges.find((e) => e.purpose === 'foreign-origin')?.status).toBe(200);
  });

  it('records a stream closed before the answer, and a server that never answers, within the deadlines', async () => {
    const early = await fixture('early-close');
    const t = await probeServer(remoteServer(early.url, 'http'), fast);
    expect(t.http?.exchanges[0]?.streamEnd).toBe('closed-early');
    expect(t.initialize?.outcome).toBe('timeout');
    const slow = await fixture('slow');
    const started = Date.now();
    const s = await probeServer(remoteServer(slow.url, 'http'), { ...fast, startupTimeoutMs: 800 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(s.http?.exchanges[0]?.error?.kind).toBe('timeout');
  });
});
