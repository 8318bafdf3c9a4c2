import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/model/transcript.js';
import { probeServer, type ProbeOptions } from '../../src/probe/session.js';
import { hostileDir, isRunning, nodeServer, probeOptions } from './helpers.js';

const MB = 1024 * 1024;

/** Probes a hostile fixture and measures the peak RSS growth of this process meanwhile. */
async function probeHostile(script: string, args: string[], options: Partial<ProbeOptions> = {}) {
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = Date.now();
  try {
    const transcript = await probeServer(nodeServer(path.join(hostileDir, script), args), probeOptions(options));
    return { transcript, elapsedMs: Date.now() - started, rssGrowthMb: (peak - baseline) / MB };
  } finally {
    clearInterval(sampler);
  }
}

function helperPids(transcript: Transcript): number[] {
  return [...transcript.stderr.tail.join('\n').matchAll(/helper (\d+)/g)].map((match) => Number(match[1]));
}

describe('probeServer against hostile servers', () => {
  it('survives 100 MB of junk lines on stdout with bounded memory and time', async () => {
    const { transcript: t, elapsedMs, rssGrowthMb } = await probeHostile('stdout-flood.mjs', [String(100 * MB), '100']);
    // 2^20 junk lines: 100 kept as evidence, the rest counted; the answers after them are kept too.
    expect(t.wireStats).toMatchObject({ badLines: MB, keptLines: 100 + (t.wireStats.lines - MB) });
    expect(t.wireStats.bytes).toBeGreaterThan(100 * MB);
    expect(t.wire.filter((line) => line.kind !== 'message')).toHaveLength(100);
    expect(t.wire[0]).toMatchObject({ index: 1, phase: 'startup', kind: 'not-json' });
    expect(t.initialize?.outcome).toBe('result');
    expect(t.lists.tools?.end).toBe('complete');
    expect(rssGrowthMb).toBeLessThan(100);
    expect(elapsedMs).toBeLessThan(10_000);
  });

  it('counts a 50 MB line without a newline without holding it', async () => {
    const { transcript: t, rssGrowthMb } = await probeHostile('long-line.mjs', [String(50 * MB)], { startupTimeoutMs: 1000 });
    expect(t.wireStats).toMatchObject({ bytes: 50 * MB, lines: 1, badLines: 1, unterminatedBytes: 50 * MB });
    expect(t.wire[0]).toMatchObject({ kind: 'oversize', byteLength: 50 * MB, truncated: true });
    expect(t.wire[0]?.text.length).toBeLessThanOrEqual(1024);
    expect(t.initialize?.outcome).toBe('timeout');
    expect(rssGrowthMb).toBeLessThan(150);
  });

  it('classifies binary garbage and still completes the handshake after it', async () => {
    const { transcript: t } = await probeHostile('binary.mjs', [String(5 * MB)]);
    expect(t.wireStats.badLines).toBeGreaterThan(1000);
    expect(t.wire.some((line) => line.kind === 'invalid-utf8')).toBe(true);
    expect(t.initialize?.outcome).toBe('result');
  });

  it('keeps only a bounded tail of a stderr flood', async () => {
    const { transcript: t, rssGrowthMb } = await probeHostile('stderr-flood.mjs', [String(20 * MB), String(5 * MB)]);
    expect(t.stderr.bytes).toBe(25 * MB);
    expect(t.stderr.tail.length).toBeLessThanOrEqual(50);
    expect(t.stderr.tail.every((line) => line.length <= 1000)).toBe(true);
    expect(t.initialize?.outcome).toBe('result');
    expect(t.wireStats.badLines).toBe(0);
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('gives up on a server that never reads stdin, and SIGTERM ends it', async () => {
    const { transcript: t } = await probeHostile('never-reads-stdin.mjs', [], { startupTimeoutMs: 300, shutdownWaitMs: 300 });
    expect(t.initialize?.outcome).toBe('timeout');
    expect(t.shutdown?.endedBy).toBe('sigterm');
    expect(t.exit).toMatchObject({ signal: 'SIGTERM', phase: 'shutdown' });
  });

  // POSIX semantics: process groups, sessions, and a SIGTERM handler that runs.
  it.skipIf(process.platform === 'win32')(
    'kills helpers in the process group and detached ones, including one born during shutdown',
    async () => {
      const { transcript: t } = await probeHostile('forks.mjs', ['--children', '2', '--detached', '--respawn-on-term'], {
        shutdownWaitMs: 300,
      });
      const helpers = helperPids(t);
      expect(helpers).toHaveLength(4);
      expect(t.shutdown?.endedBy).toBe('sigterm');
      expect(t.shutdown?.descendantsLeft.map((d) => d.pid).sort()).toEqual([...helpers].sort());
      expect(t.shutdown?.descendantsSurvived).toEqual([]);
      expect(helpers.filter(isRunning)).toEqual([]);
    },
  );

  it('records the initialize answer of a server that exits in the same tick', async () => {
    const { transcript: t } = await probeHostile('answers-then-exits.mjs', []);
    expect(t.initialize).toMatchObject({ outcome: 'result', result: { serverInfo: { name: 'answers-then-exits' } } });
    expect(t.startupMs).toBeGreaterThan(0);
    expect(t.exit).toMatchObject({ code: 0, phase: 'operation' });
    expect(t.exit!.atMs).toBeGreaterThanOrEqual(t.initialize!.endedMs!);
    expect(t.aliveAfterGrace).toBe(false);
    expect(t.shutdown?.endedBy).toBe('exited-before');
  });

  it('keeps the raw initialize result the SDK refuses (unsupported protocol version)', async () => {
    const { transcript: t } = await probeHostile('unsupported-version.mjs', []);
    expect(t.initialize).toMatchObject({ outcome: 'result', result: { protocolVersion: '1999-01-01' } });
    expect(t.ping).toBeUndefined();
    expect(t.aliveAfterGrace).toBe(true);
    expect(t.shutdown?.endedBy).toBe('stdin-close');
  });

  it('stops waiting for answers once the server closed stdout', async () => {
    const { transcript: t, elapsedMs } = await probeHostile('closes-stdout.mjs', [], { requestTimeoutMs: 5000 });
    expect(t.initialize?.outcome).toBe('result');
    expect(t.stdoutClosedAtMs).toBeGreaterThan(0);
    expect(t.exit).toBeDefined();
    expect(t.exit!.atMs).toBeGreaterThan(t.stdoutClosedAtMs!);
    expect(t.aliveAfterGrace).toBe(true);
    expect(t.shutdown?.endedBy).toBe('stdin-close');
    expect(elapsedMs).toBeLessThan(3000);
  });

  it('caps the messages kept from thousands of notifications', async () => {
    const { transcript: t } = await probeHostile('notification-flood.mjs', ['5000']);
    expect(t.messages.length + t.droppedMessages).toBeGreaterThan(5000);
    expect(t.messages.length).toBeLessThanOrEqual(1000);
    expect(t.wireStats).toMatchObject({ badLines: 0, keptLines: 100 });
    expect(t.lists.tools?.end).toBe('complete');
  });

  it('records a tools/list answer over the line cap as an oversize line and a timeout', async () => {
    const { transcript: t, rssGrowthMb } = await probeHostile('big-tools.mjs', [String(10 * MB)], { requestTimeoutMs: 500 });
    expect(t.lists.tools).toMatchObject({ end: 'timeout', itemCount: 0 });
    // After the handshake, before the shutdown: a line that comes after tools/list timed out lands in the stay-alive
    // window (grace), which the session waits out before the unknown method.
    expect(t.wire.find((line) => line.kind === 'oversize')?.phase).toMatch(/^(?:operation|grace)$/);
    expect(t.unknownMethod?.outcome).toBe('error');
    expect(rssGrowthMb).toBeLessThan(100);
  });

  it('follows 50 pages to 5000 tools', async () => {
    const { transcript: t } = await probeHostile('many-tools.mjs', ['5000', '100']);
    expect(t.lists.tools).toMatchObject({ end: 'complete', itemCount: 5000 });
    expect(t.lists.tools?.pages).toHaveLength(50);
    expect(t.lists.tools?.items).toHaveLength(5000);
    expect(t.lists.tools?.pages[1]?.result).toEqual({ tools: '[100 items]', nextCursor: '200' });
  });

  it('stops on a repeated cursor and at the page limit', async () => {
    const repeated = await probeHostile('many-tools.mjs', ['50', '10', '--repeat-cursor']);
    expect(repeated.transcript.lists.tools).toMatchObject({ end: 'repeated-cursor', repeatedCursor: 'same-cursor' });
    expect(repeated.transcript.lists.tools?.pages).toHaveLength(2);
    const endless = await probeHostile('many-tools.mjs', ['1', '1', '--endless'], { limits: { maxPages: 20 } });
    expect(endless.transcript.lists.tools).toMatchObject({ end: 'page-limit', itemCount: 1 });
    expect(endless.transcript.lists.tools?.pages).toHaveLength(20);
  });
});
