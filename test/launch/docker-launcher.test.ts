// The docker launcher without a Docker engine: the command line it builds and the cleanup on every way out, with the
// docker command replaced by a fake child process.
import { EventEmitter } from 'node:events';
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_IMAGES, defaultImageFor, DockerLauncher } from '../../src/launch/docker-launcher.js';
import { killLiveProcessesNow } from '../../src/launch/live-processes.js';

interface Spawned {
  command: string;
  args: string[];
  options: SpawnOptions;
  child: FakeChild;
}

class FakeChild extends EventEmitter {
  stdin = new PassThrough();
  stdout = new PassThrough();
  stderr = new PassThrough();
  pid: number;
  killed: string[] = [];
  constructor(pid: number) {
    super();
    this.pid = pid;
  }
  kill(signal: string) {
    this.killed.push(signal);
    return true;
  }
  unref() {}
}

const FAKE_PID = 2 ** 30;

function setup(options: { image?: string; network?: 'host' | 'none' } = {}) {
  const spawned: Spawned[] = [];
  const removedSync: string[][] = [];
  // Far above any kernel's pid_max: the kills the cleanup sends to the fake docker command reach no real process.
  let pid = FAKE_PID;
  const launcher = new DockerLauncher({
    cli: '/usr/bin/docker',
    network: options.network ?? 'host',
    workspace: '/work/repo',
    ...(options.image && { image: options.image }),
    hostEnv: { PATH: '/usr/bin:/bin', HOME: '/home/runner', DOCKER_HOST: 'unix:///run/user/1001/docker.sock', GITHUB_TOKEN: 'ghs_runner' },
    spawnProcess: (command, args, spawnOptions) => {
      const child = new FakeChild(pid++);
      spawned.push({ command, args, options: spawnOptions, child });
      queueMicrotask(() => child.emit('spawn'));
      // `docker kill` and `docker rm` end at once.
      if (args[0] !== 'run') queueMicrotask(() => child.emit('exit', 0, null));
      return child as unknown as ChildProcess;
    },
    runSync: (command, args) => removedSync.push([command, ...args]),
  });
  return { launcher, spawned, removedSync };
}

afterEach(() => killLiveProcessesNow());

describe('DockerLauncher', () => {
  it('runs docker run --rm -i --init with a unique name, the workspace read-only at its path, env passed by name only', () => {
    const { launcher, spawned } = setup({ network: 'none' });
    const env = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/runner',
      API_KEY: 'sk-secret-value',
      LOG_LEVEL: 'debug',
      DOCKER_HOST: 'tcp://evil:2375',
    };
    const attempt = launcher.launch({ command: 'npx', args: ['-y', '@acme/server', '--port=0'], cwd: '/work/repo/tools', env });
    expect(attempt.ok).toBe(true);
    const run = spawned[0] as Spawned;
    const name = run.args[run.args.indexOf('--name') + 1] as string;
    expect(name).toMatch(/^mcp-preflight-[0-9a-f-]{36}$/);
    expect(run.command).toBe('/usr/bin/docker');
    expect(run.args).toEqual([
      'run',
      '--rm',
      '--interactive',
      '--init',
      '--name',
      name,
      '--network',
      'none',
      '--workdir',
      '/work/repo/tools',
      '--volume',
      '/work/repo:/work/repo:ro',
      '--env',
      'API_KEY',
      '--env',
      'LOG_LEVEL',
      '--entrypoint',
      'npx',
      DEFAULT_IMAGES.node,
      '-y',
      '@acme/server',
      '--port=0',
    ]);
    expect(attempt).toMatchObject({ spawnedCommand: '/usr/bin/docker', spawnedArgs: run.args });
    expect(attempt.isolation).toEqual({
      mode: 'docker',
      network: 'none',
      image: DEFAULT_IMAGES.node,
      workspace: { paths: ['/work/repo'], access: 'read-only' },
      hidden: [],
      tracer: 'none',
    });
    // Values reach docker through its environment, never its command line; the runner's own variables do not.
    expect(run.args.join(' ')).not.toContain('sk-secret-value');
    expect(run.options.env).toMatchObject({
      API_KEY: 'sk-secret-value',
      LOG_LEVEL: 'debug',
      DOCKER_HOST: 'unix:///run/user/1001/docker.sock',
    });
    expect(run.options.env).not.toHaveProperty('GITHUB_TOKEN');
    // A second server gets another container.
    launcher.launch({ command: 'node', args: ['s.js'], cwd: '/work/repo', env: {} });
    expect(spawned[1]?.args[spawned[1].args.indexOf('--name') + 1]).not.toBe(name);
  });

  it('keeps loader variables away from the docker command itself, and their values out of the record', () => {
    const { launcher, spawned } = setup();
    const attempt = launcher.launch({
      command: 'node',
      args: ['s.js'],
      cwd: '/work/repo',
      env: { LD_PRELOAD: '/work/repo/evil.so', KEEP: 'x' },
    });
    const run = spawned[0] as Spawned;
    expect(run.options.env).not.toHaveProperty('LD_PRELOAD');
    expect(run.args).toEqual(expect.arrayContaining(['--env', 'KEEP', '--env', 'LD_PRELOAD=/work/repo/evil.so']));
    expect(attempt.spawnedArgs).toContain('LD_PRELOAD=***');
    expect(attempt.spawnedArgs.join(' ')).not.toContain('evil.so');
  });

  it('mounts a working directory outside the workspace too, and uses the image asked for', () => {
    const { launcher, spawned } = setup({ image: 'ghcr.io/acme/runtime:1' });
    launcher.launch({ command: './server', args: [], cwd: '/srv/other', env: {} });
    expect(spawned[0]?.args).toEqual(
      expect.arrayContaining(['/work/repo:/work/repo:ro', '/srv/other:/srv/other:ro', 'ghcr.io/acme/runtime:1']),
    );
  });

  it('declines a command with no default image, naming the defaults', () => {
    const { launcher, spawned } = setup();
    const attempt = launcher.launch({ command: 'ruby', args: ['server.rb'], cwd: '/work/repo', env: {} });
    expect(attempt).toMatchObject({ ok: false, errorCode: 'ENOIMAGE' });
    expect(attempt.ok ? '' : attempt.errorMessage).toMatch(/node:24-bookworm-slim.*uv:python3\.13-bookworm-slim.*set image/);
    expect(spawned).toEqual([]);
  });

  it('picks the default image by the runtime the command names', () => {
    expect(['node', 'npx', '/usr/local/bin/pnpm', 'npx.cmd'].map(defaultImageFor)).toEqual(Array(4).fill(DEFAULT_IMAGES.node));
    expect(['uvx', 'python3', 'python3.12', 'uv'].map(defaultImageFor)).toEqual(Array(4).fill(DEFAULT_IMAGES.python));
    expect(defaultImageFor('go')).toBeUndefined();
  });

  it('signals through docker: SIGTERM to the docker command (passed on to the server), SIGKILL as docker kill', async () => {
    const { launcher, spawned } = setup();
    const attempt = launcher.launch({ command: 'node', args: ['s.js'], cwd: '/work/repo', env: {} });
    if (!attempt.ok) throw new Error(attempt.errorMessage);
    const name = spawned[0]?.args[5];
    expect(await attempt.server.spawned).toEqual({ ok: true, pid: FAKE_PID });
    attempt.server.signal('SIGKILL');
    expect(spawned[1]?.args).toEqual(['kill', name]);
  });

  it('removes the container at the end of the session, and maps the exit status of the container init', async () => {
    const { launcher, spawned, removedSync } = setup();
    const attempt = launcher.launch({ command: 'node', args: ['s.js'], cwd: '/work/repo', env: {} });
    if (!attempt.ok) throw new Error(attempt.errorMessage);
    const run = spawned[0] as Spawned;
    run.child.emit('exit', 137, null);
    expect(await attempt.server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(await attempt.server.reap()).toEqual({ left: [], survived: [] });
    expect(spawned[1]?.args).toEqual(['rm', '--force', run.args[5]]);
    attempt.server.release();
    // Nothing is left to remove on the way out.
    killLiveProcessesNow();
    expect(removedSync).toEqual([]);
  });

  it('removes the container synchronously when the run ends before the session does (crash, cancel, timeout)', () => {
    const { launcher, spawned, removedSync } = setup();
    launcher.launch({ command: 'node', args: ['a.js'], cwd: '/work/repo', env: {} });
    launcher.launch({ command: 'node', args: ['b.js'], cwd: '/work/repo', env: {} });
    killLiveProcessesNow();
    expect(removedSync).toEqual([
      ['/usr/bin/docker', 'rm', '--force', spawned[0]?.args[5]],
      ['/usr/bin/docker', 'rm', '--force', spawned[1]?.args[5]],
    ]);
  });

  it('removes the container when the session lets go of a server it never reaped (spawn failure paths)', async () => {
    const { launcher, spawned } = setup();
    const attempt = launcher.launch({ command: 'node', args: ['s.js'], cwd: '/work/repo', env: {} });
    if (!attempt.ok) throw new Error(attempt.errorMessage);
    attempt.server.release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(spawned[1]?.args).toEqual(['rm', '--force', spawned[0]?.args[5]]);
  });
});
