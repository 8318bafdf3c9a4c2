// The bubblewrap launcher for real (Linux with bwrap and user namespaces; skipped elsewhere): stdio, exit statuses,
// the end of stdout, leftovers in the namespace, hidden paths and what a server tried beyond them.
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxTooling, probeSandbox, systemIsolationHost } from '../../src/launch/isolation.js';
import type { LaunchRequest, ServerProcess } from '../../src/launch/launcher.js';
import { isRunning } from '../../src/launch/process-tree.js';
import { SandboxLauncher, systemHostFacts } from '../../src/launch/sandbox-launcher.js';
import { hostileDir } from '../probe/helpers.js';

const node = process.execPath;
const probe = await probeSandbox(systemIsolationHost(process.env), 'host');
const tooling: SandboxTooling | undefined = probe.ok ? probe.tooling : undefined;

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString();
}

describe.skipIf(!tooling)('SandboxLauncher', () => {
  let scratch: string;
  let runnerHome: string;
  let runnerTemp: string;
  let workspace: string;
  let env: Record<string, string>;

  beforeAll(() => {
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-preflight-sandbox-test-'));
    runnerHome = path.join(scratch, 'home');
    runnerTemp = path.join(scratch, 'runner-temp');
    workspace = path.join(scratch, 'workspace');
    for (const dir of [runnerHome, runnerTemp, workspace]) fs.mkdirSync(dir);
    fs.writeFileSync(path.join(runnerHome, '.npmrc'), '//registry.npmjs.org/:_authToken=npm_SECRET\n');
    fs.writeFileSync(path.join(runnerHome, '.bashrc'), '# runner\n');
    fs.writeFileSync(path.join(runnerTemp, 'set_env'), '');
    fs.writeFileSync(path.join(workspace, 'data.txt'), 'in the workspace\n');
    env = { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: runnerHome, MARKER: 'only-in-env-9f3a' };
  });

  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  function launcher(network: 'host' | 'none' = 'host', tools: SandboxTooling = tooling as SandboxTooling): SandboxLauncher {
    const hostEnv = { ...env, RUNNER_TEMP: runnerTemp, GITHUB_ENV: path.join(runnerTemp, 'set_env') };
    return new SandboxLauncher({ tooling: tools, network, workspace, host: systemHostFacts(hostEnv) });
  }

  function start(code: string, options: { network?: 'host' | 'none'; args?: string[]; extraEnv?: Record<string, string> } = {}) {
    const request: LaunchRequest = {
      command: node,
      args: ['-e', code, ...(options.args ?? [])],
      cwd: workspace,
      env: { ...env, ...options.extraEnv },
    };
    const attempt = launcher(options.network).launch(request);
    if (!attempt.ok) throw new Error(attempt.errorMessage);
    return attempt;
  }

  it('runs the server with exactly its environment, its own /proc, and no value on the command line', async () => {
    const attempt = start(
      'const fs = require("fs"); const pids = fs.readdirSync("/proc").filter((p) => /^\\d+$/.test(p));' +
        'process.stdout.write(JSON.stringify({ env: process.env, pids, ppidEnv: fs.readFileSync(`/proc/${process.ppid}/environ`, "latin1") }))',
    );
    const server = attempt.server;
    expect(attempt.spawnedCommand).toBe(tooling?.bwrap);
    expect(attempt.spawnedArgs.join(' ')).not.toContain('only-in-env-9f3a');
    expect(attempt.isolation).toMatchObject({ mode: 'sandbox', network: 'host', home: runnerHome });
    const spawned = await server.spawned;
    expect(spawned.ok).toBe(true);
    const seen = JSON.parse(await readAll(server.stdout)) as { env: Record<string, string>; pids: string[]; ppidEnv: string };
    expect(seen.env).toEqual(env);
    // bwrap's init, the sandbox's shell (and strace when it traces), the server: nothing of the runner.
    expect(seen.pids.length).toBeLessThanOrEqual(4);
    expect(seen.ppidEnv).not.toContain('RUNNER_TEMP');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(await server.reap()).toMatchObject({ left: [], survived: [] });
    server.release();
  });

  it('never lets a loader variable reach bwrap on the host: the server still gets it, its value is not recorded', async () => {
    const library = path.join(workspace, 'not-a-library.so');
    fs.writeFileSync(library, 'not an ELF file');
    const attempt = start('process.stdout.write(String(process.env.LD_PRELOAD))', { extraEnv: { LD_PRELOAD: library } });
    const spawned = await attempt.server.spawned;
    if (!spawned.ok) throw new Error(spawned.errorMessage);
    // From the server up to mcp-preflight: bwrap's own processes (on the host) must not have it.
    const chain: number[] = [];
    for (let pid = spawned.pid; pid !== process.pid && pid > 1; ) {
      chain.push(pid);
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      pid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    }
    const bwrapEnvs = chain
      .filter((pid) => fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith(tooling?.bwrap ?? 'bwrap'))
      .map((pid) => fs.readFileSync(`/proc/${pid}/environ`, 'utf8'));
    expect(bwrapEnvs.length).toBeGreaterThan(0);
    for (const environ of bwrapEnvs) expect(environ).not.toContain('LD_PRELOAD');
    expect(await readAll(attempt.server.stdout)).toBe(library);
    expect(attempt.spawnedArgs.join(' ')).toContain('--setenv LD_PRELOAD *** --');
    expect(attempt.spawnedArgs.join(' ')).not.toContain(library);
    await attempt.server.exited;
    await attempt.server.reap();
    attempt.server.release();
  });

  it('hides the runner home, the runner temp directory, and keeps HOME and /tmp private', async () => {
    const { server } = start(
      'const fs = require("fs"); const r = (f) => { try { return fs.readFileSync(f, "utf8"); } catch (e) { return e.code; } };' +
        'fs.writeFileSync("/tmp/x", "1");' +
        `process.stdout.write(JSON.stringify({ npmrc: r(${JSON.stringify(path.join(runnerHome, '.npmrc'))}), env: r(${JSON.stringify(path.join(runnerTemp, 'set_env'))}),` +
        ` data: r(${JSON.stringify(path.join(workspace, 'data.txt'))}), home: fs.readdirSync(process.env.HOME), tmp: fs.readdirSync("/tmp") }))`,
    );
    const seen = JSON.parse(await readAll(server.stdout)) as Record<string, unknown>;
    // /tmp is empty but for what the server wrote and the way to the workspace, which lives in /tmp here.
    expect(seen).toMatchObject({ npmrc: 'ENOENT', env: 'ENOENT', data: 'in the workspace\n', tmp: [path.basename(scratch), 'x'].sort() });
    await server.exited;
    const reaped = await server.reap();
    server.release();
    if (tooling?.strace) {
      expect(reaped.boundary?.hiddenReads.map((r) => r.path)).toEqual(
        expect.arrayContaining([path.join(runnerHome, '.npmrc'), path.join(runnerTemp, 'set_env')]),
      );
    }
    expect(fs.existsSync('/tmp/x') && fs.readFileSync('/tmp/x', 'utf8') === '1').toBe(false);
  });

  it("puts the workspace back when it lies inside the runner's home, as on GitHub-hosted runners", async () => {
    const nested = path.join(runnerHome, 'work', 'repo', 'repo');
    fs.mkdirSync(nested, { recursive: true });
    fs.writeFileSync(path.join(nested, 'config.json'), '{"ok":true}');
    const hostEnv = { ...env, RUNNER_TEMP: path.join(runnerHome, 'work', '_temp'), RUNNER_WORKSPACE: path.dirname(nested) };
    fs.mkdirSync(hostEnv.RUNNER_TEMP, { recursive: true });
    fs.writeFileSync(path.join(hostEnv.RUNNER_TEMP, 'set_env'), '');
    const nestedLauncher = new SandboxLauncher({
      tooling: tooling as SandboxTooling,
      network: 'host',
      workspace: nested,
      host: systemHostFacts(hostEnv),
    });
    const attempt = nestedLauncher.launch({
      command: node,
      cwd: nested,
      env,
      args: [
        '-e',
        'const fs = require("fs"); const r = (f) => { try { return fs.readFileSync(f, "utf8"); } catch (e) { return e.code; } };' +
          'process.stdout.write(JSON.stringify({ config: r("config.json"), npmrc: r(process.env.HOME + "/.npmrc"),' +
          ' temp: r(process.env.HOME + "/work/_temp/set_env"), home: fs.readdirSync(process.env.HOME) }))',
      ],
    });
    if (!attempt.ok) throw new Error(attempt.errorMessage);
    const seen = JSON.parse(await readAll(attempt.server.stdout)) as Record<string, unknown>;
    // The workspace is there, nothing else of the home: not its files, not the runner's temp directory inside it.
    expect(seen).toEqual({ config: '{"ok":true}', npmrc: 'ENOENT', temp: 'ENOENT', home: ['work'] });
    await attempt.server.exited;
    await attempt.server.reap();
    attempt.server.release();
  });

  it('sees the end of stdout when the server closes it and keeps running', async () => {
    const { server } = start('require("fs").closeSync(1); setTimeout(() => {}, 60000)');
    await once(server.stdout, 'end');
    expect(isRunning((await server.spawned).ok ? ((await server.spawned) as { pid: number }).pid : -1)).toBe(true);
    server.signal('SIGTERM');
    expect(await server.exited).toEqual({ code: null, signal: 'SIGTERM' });
    await server.reap();
    server.release();
  });

  it('finds and kills what the server left in its namespace, daemons included', async () => {
    const attempt = launcher().launch({
      command: node,
      args: [path.join(hostileDir, 'forks.mjs'), '--children', '1', '--detached'],
      cwd: workspace,
      env,
    });
    if (!attempt.ok) throw new Error(attempt.errorMessage);
    const server: ServerProcess = attempt.server;
    let stderr = '';
    server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    while ((stderr.match(/helper \d+/g) ?? []).length < 2) await once(server.stderr, 'data');
    server.stdin.end();
    expect(await server.exited).toEqual({ code: 0, signal: null });
    const reaped = await server.reap();
    expect(reaped.left).toHaveLength(2);
    expect(reaped.left.every((d) => /^node\b/.test(d.command ?? ''))).toBe(true);
    expect(reaped.survived).toEqual([]);
    expect(reaped.left.map((d) => d.pid).filter(isRunning)).toEqual([]);
    server.release();
  });

  it('declines a command the sandbox hides, and one that does not exist, before starting anything', () => {
    fs.mkdirSync(path.join(runnerHome, 'bin'), { recursive: true });
    fs.copyFileSync('/bin/true', path.join(runnerHome, 'bin', 'home-tool'));
    fs.chmodSync(path.join(runnerHome, 'bin', 'home-tool'), 0o755);
    const hidden = launcher().launch({
      command: 'home-tool',
      args: [],
      cwd: workspace,
      env: { ...env, PATH: `${runnerHome}/bin:/usr/bin` },
    });
    expect(hidden).toMatchObject({
      ok: false,
      errorCode: 'EHIDDEN',
      errorMessage: `spawn home-tool EHIDDEN (the sandbox hides ${path.join(runnerHome, 'bin', 'home-tool')})`,
    });
    expect(hidden.isolation?.hidden).toContainEqual({ path: runnerHome, what: "the runner's home directory" });
    const missing = launcher().launch({ command: 'no-such-tool-3e1', args: [], cwd: workspace, env });
    expect(missing).toMatchObject({ ok: false, errorCode: 'ENOENT', errorMessage: 'spawn no-such-tool-3e1 ENOENT' });
  });

  it.skipIf(!tooling?.strace)('records blocked writes, blocked connections and files written over the runner home', async () => {
    const { server } = start(
      'const fs = require("fs"); const net = require("net");' +
        'try { fs.writeFileSync("/usr/mcp-preflight-test", "x"); } catch {}' +
        'fs.appendFileSync(process.env.HOME + "/.bashrc", "evil\\n");' +
        'const s = net.connect(443, "192.0.2.1"); s.on("error", () => process.exit(0));',
      { network: 'none' },
    );
    await server.exited;
    const { boundary } = await server.reap();
    server.release();
    expect(boundary).toMatchObject({
      tracer: 'strace',
      blockedWrites: [expect.objectContaining({ path: '/usr/mcp-preflight-test', error: 'EROFS', where: 'the read-only system' })],
      blockedConnections: [expect.objectContaining({ address: '192.0.2.1:443', dns: false, error: 'ENETUNREACH' })],
      homeFilesWritten: ['~/.bashrc'],
    });
    expect(fs.readFileSync(path.join(runnerHome, '.bashrc'), 'utf8')).toBe('# runner\n');
  });
});
