import { describe, expect, it } from 'vitest';
import { splitCommandLine, startForCheck } from '../../src/probe/http-start.js';
import { closedPort } from '../fixtures/http/servers.js';
import { repoRoot } from './helpers.js';

describe('splitCommandLine', () => {
  it.each([
    ['node server.js --port 3000', ['node', 'server.js', '--port', '3000']],
    ['node "my server.js"  \'a b\'', ['node', 'my server.js', 'a b']],
    ['echo "say \\"hi\\"" ""', ['echo', 'say "hi"', '']],
    ['   ', []],
  ])('%s', (line, argv) => {
    expect(splitCommandLine(line)).toEqual(argv);
  });
});

describe('startForCheck', () => {
  const options = { cwd: repoRoot, env: process.env, readyDeadlineMs: 10_000, stopWaitMs: 2000 };

  it('waits until the port accepts connections, then stops the server', async () => {
    const port = await closedPort();
    const script = `require('node:http').createServer((q, s) => s.end('ok')).listen(${port}, '127.0.0.1')`;
    const started = await startForCheck(`${process.execPath} -e "${script}"`, `http://127.0.0.1:${port}/mcp`, options);
    expect(started.record).toMatchObject({ ready: true });
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(200);
    const record = await started.stop();
    expect(record.exit?.signal).toBe('SIGTERM');
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
  });

  it('records a server that exits before it listens, with its output', async () => {
    const port = await closedPort();
    const started = await startForCheck(
      `${process.execPath} -e "console.error('no config'); process.exit(3)"`,
      `http://127.0.0.1:${port}/`,
      options,
    );
    const record = await started.stop();
    expect(record).toMatchObject({ ready: false, exit: { code: 3 } });
    expect(record.stderr).toContain('no config');
  });

  it('gives up at the deadline on a server that never listens, and kills it', async () => {
    const port = await closedPort();
    const started = await startForCheck(`${process.execPath} -e "setInterval(() => {}, 1000)"`, `http://127.0.0.1:${port}/`, {
      ...options,
      readyDeadlineMs: 500,
    });
    expect(started.record.error).toMatch(/did not accept connections within 500 ms/);
    const pid = started.record.exit === undefined ? undefined : -1;
    await started.stop();
    expect(pid).toBeUndefined();
    // Stopped by the kill, not by itself.
    expect(started.record.exit?.signal).toBe('SIGTERM');
  });
});
