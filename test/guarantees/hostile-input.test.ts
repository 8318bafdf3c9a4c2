// Issue 10's defects that a process-level test pins best, one by one (each fails without its fix). The suites over
// every output (injection, leaks), cancellation and the size limits are in the files next to this one.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { shutdown } from '../../src/checks/shutdown.js';
import { MAX_TIMER_MS, withDeadline } from '../../src/launch/deadline.js';
import { isRunning } from '../../src/launch/process-tree.js';
import { probeServer } from '../../src/probe/session.js';
import { context } from '../checks/transcript-builder.js';
import { examplesDir, hostileDir, nodeServer, probeOptions } from '../probe/helpers.js';

describe('a daemon started while the server shuts down', () => {
  it.skipIf(process.platform === 'win32').each([100, 500])(
    'is found, killed and reported: no shutdown pass (server exits %i ms after starting it)',
    async (delay) => {
      const t = await probeServer(nodeServer(path.join(hostileDir, 'daemonizes-on-close.mjs'), [String(delay)]), probeOptions());
      const daemon = Number(/daemon (\d+)/.exec(t.stderr.tail.join('\n'))?.[1]);
      expect(daemon).toBeGreaterThan(0);
      expect(t.shutdown).toMatchObject({ endedBy: 'stdin-close', descendantsLeft: [{ pid: daemon }], descendantsSurvived: [] });
      expect(isRunning(daemon)).toBe(false);
      const outcome = shutdown.run(context({ transcript: () => t }));
      expect(outcome).toMatchObject({ status: 'warn', message: expect.stringMatching(/left 1 child process running/) });
    },
  );
});

describe('timeouts at the ceiling of a timer', () => {
  it('waits, rather than firing after 1 ms, when a deadline is past 2^31 - 1 ms', async () => {
    const late = await withDeadline(new Promise((resolve) => setTimeout(() => resolve('answered'), 50)), MAX_TIMER_MS + 1000, 'expired');
    expect(late).toBe('answered');
  });

  it('lets a healthy server pass with the longest startup and request timeouts', async () => {
    const t = await probeServer(
      nodeServer(path.join(examplesDir, 'servers/healthy.mjs')),
      probeOptions({ startupTimeoutMs: MAX_TIMER_MS, requestTimeoutMs: MAX_TIMER_MS }),
    );
    expect(t.initialize?.outcome).toBe('result');
    expect(t.ping?.outcome).toBe('result');
    expect(t.lists.tools?.end).toBe('complete');
  });
});
