// Descendants that outlive their server: a helper that ends by itself soon after is not a leak, one that runs on is;
// each leftover is named by its command line without argument values.
import { type AddressInfo, createServer, type Socket } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/model/transcript.js';
import { probeServer } from '../../src/probe/session.js';
import { hostileDir, isRunning, nodeServer, probeOptions, repoRoot } from './helpers.js';

const helperPid = (t: Transcript) => Number(/helper pid (\d+)/.exec(t.stderr.tail.join('\n'))?.[1]);
const detachedHelper = (linger: string) => nodeServer(path.join(hostileDir, 'detached-helper.mjs'), [linger]);

// POSIX: process groups and a helper in its own group, as chrome-devtools-mcp starts its watchdog.
describe.skipIf(process.platform === 'win32')('leftover descendants', () => {
  it('gives a detached helper that ends 350 ms after its server the grace it needs: no leftover', async () => {
    const t = await probeServer(detachedHelper('350'), probeOptions());
    const helper = helperPid(t);
    expect(helper).toBeGreaterThan(0);
    expect(t.shutdown).toMatchObject({ endedBy: 'stdin-close', descendantsLeft: [], descendantsSurvived: [] });
    expect(isRunning(helper)).toBe(false);
  });

  it('still reports a helper that runs on, named by its executable and script, never its argument values', async () => {
    const t = await probeServer(detachedHelper('forever'), probeOptions({ limits: { leftoverGraceMs: 1000 } }));
    const helper = helperPid(t);
    const node = path.basename(process.execPath);
    expect(t.shutdown?.descendantsLeft).toEqual([
      { pid: helper, command: `${node} ${path.join(hostileDir, 'detached-helper.mjs')} (+3 arguments)` },
    ]);
    expect(JSON.stringify(t.shutdown)).not.toContain('do-not-print-me');
    expect(t.shutdown?.descendantsSurvived).toEqual([]);
    expect(isRunning(helper)).toBe(false);
  });

  // Telemetry goes to a loopback port nothing listens on: the watchdog runs, nothing leaves the machine.
  const chromeDevtools = (telemetryPort = 9) =>
    nodeServer(
      path.join(repoRoot, 'node_modules/chrome-devtools-mcp/build/src/bin/chrome-devtools-mcp.js'),
      [`--clearcut-endpoint=http://127.0.0.1:${telemetryPort}/log`],
      { cwd: repoRoot },
    );

  it('finds chrome-devtools-mcp clean: its telemetry watchdog ends by itself once the server is gone', async () => {
    const t = await probeServer(chromeDevtools(), probeOptions());
    expect(t.initialize?.outcome).toBe('result');
    expect(t.lists.tools?.itemCount).toBeGreaterThan(10);
    expect(t.aliveAfterGrace).toBe(true);
    expect(t.shutdown).toMatchObject({ endedBy: 'stdin-close', descendantsLeft: [], descendantsSurvived: [] });
  });

  it('would report that watchdog without the grace (so the case above is not clean by chance)', async () => {
    // An endpoint that accepts and never answers holds the watchdog for its whole 5 s shutdown budget, so that the
    // look without grace finds it however slowly a loaded machine gets there.
    const sockets = new Set<Socket>();
    const endpoint = createServer((socket) => void sockets.add(socket));
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    const { port } = endpoint.address() as AddressInfo;
    try {
      const t = await probeServer(chromeDevtools(port), probeOptions({ limits: { leftoverGraceMs: 0 } }));
      const [watchdog, ...others] = t.shutdown?.descendantsLeft ?? [];
      expect(others).toEqual([]);
      expect(watchdog?.command).toMatch(/^node\S* …\/chrome-devtools-mcp\/build\/src\/telemetry\/watchdog\/main\.js \(\+\d+ arguments\)$/);
      expect(watchdog?.command).not.toContain('127.0.0.1');
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => endpoint.close(resolve));
    }
  });
});
