// The stay-alive window: every server is watched for a while after the handshake, overlapped with the requests, and
// an exit before the shutdown is never lost to the order in which the exit event, the end of stdout and the end of the
// window arrive.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { staysAlive } from '../../src/checks/stays-alive.js';
import type { ExitStatus, Launcher, ServerProcess } from '../../src/launch/launcher.js';
import type { Transcript } from '../../src/model/transcript.js';
import { DEFAULT_STAY_ALIVE_MS, probeServer, UNKNOWN_METHOD } from '../../src/probe/session.js';
import { context } from '../checks/transcript-builder.js';
import { examplesDir, hostileDir, nodeServer, probeOptions, stdioServer } from './helpers.js';

const diesAfter = (delayMs: number) => nodeServer(path.join(hostileDir, 'dies-after-handshake.mjs'), [String(delayMs)]);

/** Runs `count` probes, `parallel` at a time, so that the machine is busy while each one decides. */
async function repeated(count: number, parallel: number, probe: () => Promise<Transcript>): Promise<Transcript[]> {
  const transcripts: Transcript[] = [];
  for (let done = 0; done < count; done += parallel) {
    transcripts.push(...(await Promise.all(Array.from({ length: Math.min(parallel, count - done) }, probe))));
  }
  return transcripts;
}

function judged(transcript: Transcript) {
  const outcome = staysAlive.run(context({ transcript: () => transcript }));
  return Array.isArray(outcome) ? outcome[0] : outcome;
}

describe('the stay-alive window', () => {
  it('fails a server that exits 50 ms after the handshake on every one of 24 runs, 4 at a time', async () => {
    const runs = await repeated(24, 4, () => probeServer(diesAfter(50), probeOptions()));
    const seen = runs.map((t) => ({
      answered: t.initialize?.outcome,
      exit: t.exit?.code,
      beforeShutdown: t.exit !== undefined && t.exit.phase !== 'shutdown' && t.shutdown?.endedBy === 'exited-before',
      alive: t.aliveAfterGrace,
      verdict: judged(t)?.status,
      cause: judged(t)?.evidence?.some((line) => line.includes('ECONNREFUSED')),
    }));
    const expected = { answered: 'result', exit: 1, beforeShutdown: true, alive: false, verdict: 'fail', cause: true };
    expect(seen).toEqual(runs.map(() => expected));
  }, 60_000);

  it('fails the database case of the issue: an exit 400 ms after the handshake', async () => {
    const t = await probeServer(diesAfter(400), probeOptions());
    expect(t.exit).toMatchObject({ code: 1 });
    expect(t.exit?.phase).toMatch(/operation|grace/);
    expect(t.exit!.atMs - t.initialize!.endedMs!).toBeGreaterThanOrEqual(400);
    expect(judged(t)).toMatchObject({ status: 'fail', message: expect.stringMatching(/after the handshake/) });
  });

  it('passes a server that is still running when the window ends, and watches it while the requests run', async () => {
    const t = await probeServer(nodeServer(path.join(examplesDir, 'servers/healthy.mjs')), probeOptions());
    const handshake = t.initialize!.endedMs!;
    expect(t.graceMs).toBe(DEFAULT_STAY_ALIVE_MS);
    expect(t.aliveAfterGrace).toBe(true);
    // The requests run inside the window, not after it, but for the unknown method, sent once the window is over so
    // that an exit inside the window is never blamed on it…
    expect(t.ping!.startedMs).toBeLessThan(handshake + DEFAULT_STAY_ALIVE_MS);
    expect(t.unknownMethod!.startedMs).toBeGreaterThanOrEqual(handshake + DEFAULT_STAY_ALIVE_MS);
    // …and the shutdown waits for the window's end.
    expect(t.exit).toMatchObject({ code: 0, phase: 'shutdown' });
    expect(t.exit!.atMs - handshake).toBeGreaterThanOrEqual(DEFAULT_STAY_ALIVE_MS);
    expect(judged(t)).toMatchObject({ status: 'pass', message: 'Still running 1.0 s after the handshake.' });
  });

  it('passes the same server with a window shorter than its delay: it then only exits when stdin closes', async () => {
    const t = await probeServer(diesAfter(5000), probeOptions({ stayAliveMs: 300 }));
    expect(t.aliveAfterGrace).toBe(true);
    expect(t.shutdown?.endedBy).toBe('stdin-close');
    expect(judged(t)?.status).toBe('pass');
  });

  it('counts an exit whose event comes long after stdout ended and after the window, when the OS already shows it', async () => {
    // A process that has exited for the OS (here: one already reaped) whose exit event the launcher delivers 600 ms
    // after its stdout ended, later than the window (50 ms) and the usual wait for an exit behind a closed stdout.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid;
    const t = await probeServer(
      stdioServer(process.execPath, ['fake-server.js']),
      probeOptions({ stayAliveMs: 50, launcher: lateExitLauncher(deadPid, 600) }),
    );
    expect(t.initialize?.outcome).toBe('result');
    expect(t.stdoutClosedAtMs).toBeDefined();
    expect(t.exit).toMatchObject({ code: 1 });
    expect(t.exit?.phase).not.toBe('shutdown');
    expect(t.aliveAfterGrace).toBe(false);
    expect(t.shutdown?.endedBy).toBe('exited-before');
  });
});

describe('a crash on the unknown method', () => {
  const noUnknownMethod = (args: string[] = []) => nodeServer(path.join(examplesDir, 'servers/no-unknown-method.mjs'), args);

  it('is recorded as an exit while the unknown method was in flight, on every one of 10 runs', async () => {
    const runs = await repeated(10, 2, () => probeServer(noUnknownMethod(['--crash']), probeOptions()));
    const seen = runs.map((t) => ({
      unknownMethod: t.unknownMethod?.outcome,
      exit: t.exit?.code,
      phase: t.exit?.phase,
      inFlight: t.exit?.inFlight?.map((r) => [r.method, r.id === t.unknownMethod?.id]),
    }));
    const expected = { unknownMethod: 'closed', exit: 1, phase: 'operation', inFlight: [[UNKNOWN_METHOD, true]] };
    expect(seen).toEqual(runs.map(() => expected));
  }, 60_000);

  it('is not claimed for a server that answers it and keeps running', async () => {
    const t = await probeServer(noUnknownMethod(), probeOptions());
    expect(t.unknownMethod?.outcome).toBe('result');
    expect(t.exit).toMatchObject({ phase: 'shutdown' });
    expect(t.exit?.inFlight).toBeUndefined();
  });
});

/** A launcher whose "process" answers initialize, ends its stdout, and reports its exit `exitDelayMs` later. */
function lateExitLauncher(pid: number, exitDelayMs: number): Launcher {
  return {
    name: 'fake',
    launch() {
      const stdin = new PassThrough();
      const stdout = new PassThrough();
      const stderr = new PassThrough();
      let exit: (status: ExitStatus) => void = () => undefined;
      const exited = new Promise<ExitStatus>((resolve) => {
        exit = resolve;
      });
      stdin.on('data', (chunk: Buffer) => {
        const request = JSON.parse(chunk.toString().split('\n')[0] ?? '{}') as { id?: number; method?: string };
        if (request.method !== 'initialize') return;
        const result = { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'fake', version: '1' } };
        // A process answers on a later turn of the event loop, never within the write that asked.
        setImmediate(() => {
          stdout.end(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result })}\n`);
          setTimeout(() => exit({ code: 1, signal: null }), exitDelayMs);
        });
      });
      const server: ServerProcess = {
        stdin,
        stdout,
        stderr,
        spawned: Promise.resolve({ ok: true, pid }),
        exited,
        signal: () => undefined,
        snapshotDescendants: async () => undefined,
        reap: async () => ({ left: [], survived: [] }),
        release: () => undefined,
      };
      stderr.end();
      return { ok: true, server, spawnedCommand: 'fake', spawnedArgs: [] };
    },
  };
}
