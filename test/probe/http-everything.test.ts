import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runServerChecks } from '../../src/checks/run-checks.js';
import { probeServer } from '../../src/probe/session.js';
import { closedPort } from '../fixtures/http/servers.js';
import { probeOptions, repoRoot } from './helpers.js';
import { remoteServer } from './http-helpers.js';

const entry = path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
const started: ChildProcess[] = [];

/** Starts server-everything in an HTTP mode on a free port; resolves once it says it listens. */
async function everything(mode: 'streamableHttp' | 'sse'): Promise<string> {
  const port = await closedPort();
  const child = spawn(process.execPath, [entry, mode], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  let seen = '';
  const ready = new Promise<void>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      seen += chunk.toString();
      if (/listening on port|running on port/i.test(seen)) resolve();
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.once('exit', () => reject(new Error(`server-everything ${mode} exited: ${seen}`)));
  });
  await ready;
  return `http://127.0.0.1:${port}/${mode === 'sse' ? 'sse' : 'mcp'}`;
}

afterEach(async () => {
  for (const child of started.splice(0)) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGKILL');
    await once(child, 'exit');
  }
});

describe('@modelcontextprotocol/server-everything over HTTP', () => {
  it.each([
    ['streamableHttp', 'http'],
    ['sse', 'sse'],
  ] as const)(
    'comes out of %s mode without a fail',
    async (mode, type) => {
      const server = remoteServer(await everything(mode), type);
      const transcript = await probeServer(server, probeOptions({ startupTimeoutMs: 10_000, requestTimeoutMs: 5_000 }));
      const results = runServerChecks({
        server,
        transcript,
        settings: { startupTimeoutMs: 10_000, requestTimeoutMs: 5_000 },
        platform: process.platform,
        homeDir: '/home/test',
      });
      const failed = results.filter((r) => r.status === 'fail');
      expect(failed, JSON.stringify(failed, null, 1)).toEqual([]);
      const byId = new Map(results.map((r) => [r.id, r.status]));
      for (const id of ['http-reachable', 'http-transport', 'http-auth', 'handshake', 'tools-list', 'http-protocol'])
        expect(byId.get(id), id).toBe('pass');
      expect(transcript.http?.spoken).toBe(type);
      expect(transcript.lists.tools?.itemCount).toBeGreaterThan(5);
    },
    30_000,
  );
});
