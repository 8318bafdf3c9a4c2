import { once } from 'node:events';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ServerProcess } from '../../src/launch/launcher.js';
import { ProcessLauncher } from '../../src/launch/process-launcher.js';
import { describeCommandLine, isRunning, parsePsOutput } from '../../src/launch/process-tree.js';
import { hostileDir, repoRoot } from '../probe/helpers.js';

const launcher = new ProcessLauncher();
const node = process.execPath;

function launch(args: string[], env: Record<string, string> = {}): ServerProcess {
  const attempt = launcher.launch({ command: node, args, cwd: repoRoot, env });
  if (!attempt.ok) throw new Error(attempt.errorMessage);
  return attempt.server;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe('ProcessLauncher', () => {
  it('gives the process exactly the environment it was asked to, and the declared argv', async () => {
    const attempt = launcher.launch({
      command: node,
      args: ['-e', 'process.stdout.write(JSON.stringify(process.env))'],
      cwd: repoRoot,
      env: { ONLY_THIS: 'yes', PATH: '/usr/bin' },
    });
    expect(attempt).toMatchObject({
      ok: true,
      spawnedCommand: node,
      spawnedArgs: ['-e', 'process.stdout.write(JSON.stringify(process.env))'],
    });
    if (!attempt.ok) return;
    expect(JSON.parse(await readAll(attempt.server.stdout))).toEqual({ ONLY_THIS: 'yes', PATH: '/usr/bin' });
    expect(await attempt.server.exited).toEqual({ code: 0, signal: null });
  });

  it('reports a command that does not exist as a spawn failure', async () => {
    const attempt = launcher.launch({ command: 'mcp-preflight-no-such-command', args: [], cwd: repoRoot, env: { PATH: '/nonexistent' } });
    expect(attempt.ok).toBe(true);
    if (!attempt.ok) return;
    expect(await attempt.server.spawned).toMatchObject({ ok: false, errorCode: 'ENOENT' });
    attempt.server.release();
  });

  it('survives writes to a server that already exited (EPIPE)', async () => {
    const server = launch(['-e', 'process.exit(3)']);
    expect(await server.exited).toEqual({ code: 3, signal: null });
    for (let i = 0; i < 50; i++) server.stdin.write(`${'x'.repeat(1000)}\n`);
    await new Promise((resolve) => setImmediate(resolve));
    server.release();
  });

  it.skipIf(process.platform === 'win32')('makes the server lead its own process group and signals only the server', async () => {
    const server = launch(['-e', 'setInterval(() => {}, 1000)']);
    const spawned = await server.spawned;
    if (!spawned.ok) throw new Error(spawned.errorMessage);
    expect(() => process.kill(-spawned.pid, 0)).not.toThrow();
    server.signal('SIGKILL');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    server.release();
  });

  it('finds and kills descendants left behind, in the group or detached from it', async () => {
    const server = launch([path.join(hostileDir, 'forks.mjs'), '--children', '1', '--detached']);
    const helpers: number[] = [];
    server.stderr.on('data', (chunk: Buffer) => {
      for (const match of chunk.toString().matchAll(/helper (\d+)/g)) helpers.push(Number(match[1]));
    });
    while (helpers.length < 2) await once(server.stderr, 'data');
    await server.snapshotDescendants();
    server.signal('SIGKILL');
    await server.exited;
    expect(helpers.every(isRunning)).toBe(true);

    const reaped = await server.reap();
    expect(reaped.left.map((d) => d.pid).sort()).toEqual([...helpers].sort());
    expect(reaped.survived).toEqual([]);
    expect(helpers.some(isRunning)).toBe(false);
    server.release();
  });
});

describe('parsePsOutput', () => {
  it('reads pid, parent, group, state and the command line without argument values', () => {
    expect(
      parsePsOutput('  12     1    12 Ss   /usr/bin/node /srv/server.js --token=secret\n 99 12 12 Z+ [node] <defunct>\nbad line\n'),
    ).toEqual([
      { pid: 12, ppid: 1, pgid: 12, state: 'Ss', command: 'node /srv/server.js (+1 argument)' },
      { pid: 99, ppid: 12, pgid: 12, state: 'Z+', command: '[node] (+1 argument)' },
    ]);
  });
});

describe('describeCommandLine', () => {
  it.each([
    [
      ['/usr/bin/node', '/home/u/.npm/_npx/1a/node_modules/chrome-devtools-mcp/build/src/telemetry/watchdog/main.js', '--parent-pid=42'],
      'node …/chrome-devtools-mcp/build/src/telemetry/watchdog/main.js (+1 argument)',
    ],
    [['node', 'server.js'], 'node server.js'],
    [['python3', '-m', 'mcp_server', '--api-key', 'sk-live-123'], 'python3 (+4 arguments)'],
    [['/bin/sh', '-c', 'sleep 1000'], 'sh (+2 arguments)'],
    [['node', '-e', 'setInterval(() => {}, 1000)'], 'node (+2 arguments)'],
    [['psql', 'postgresql://admin:hunter2@db/prod'], 'psql (+1 argument)'],
    [['helper', 'https://example.com/x.js'], 'helper (+1 argument)'],
    [['helper', 'TOKEN=abc/def.js'], 'helper (+1 argument)'],
    [['C:\\Program Files\\nodejs\\node.exe', 'C:\\srv\\worker.js', 'secret'], 'node.exe C:\\srv\\worker.js (+1 argument)'],
    [['sleep', '1000'], 'sleep (+1 argument)'],
  ])('%j → %s', (argv, expected) => {
    expect(describeCommandLine(argv)).toBe(expected);
  });

  it('never shows an argument value', () => {
    for (const secret of ['sk-live-123', 'hunter2', 'abc']) {
      expect(describeCommandLine(['x', '--key', secret])).not.toContain(secret);
      expect(describeCommandLine(['x', `--key=${secret}`])).not.toContain(secret);
    }
  });
});
