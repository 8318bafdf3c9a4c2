// Issue 8's guarantee, end to end, with the bundled CLI run as a user runs it (Linux with a working bwrap; skipped
// elsewhere): servers that try to get out of their boundary as a pull request's server would (read the runner's
// files and environment, write outside the workspace and into GITHUB_ENV, write workflow commands into the runner's
// output, leave a daemon behind) each get their verdict, and nothing of theirs reaches the runner: not its files, not
// the output streams of the run, not its process table, after the run or after a cancelled run. The same run as an
// unprivileged user (runners do not run as root), and as plain processes, where the same attacks are shown to work.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeSandbox, systemIsolationHost } from '../../src/launch/isolation.js';
import type { IsolationMode } from '../../src/model/isolation.js';
import type { Report, ServerReport } from '../../src/model/report.js';
import { type Bundle, bundleToTempDir, killAll, processesWithMarker, removeBundle, repoRoot } from './harness.js';
import { RUN_MARKER_VARIABLE } from './hostile-suite.js';

const sandboxHere = (await probeSandbox(systemIsolationHost(process.env), 'host')).ok;
const isRoot = process.getuid?.() === 0;
const NOBODY = 65534;
const escapes = path.join(repoRoot, 'test/fixtures/servers/escapes.mjs');
const neverAnswers = path.join(repoRoot, 'test/fixtures/servers/never-answers.mjs');

/** A runner's layout in a scratch folder: its home, its temp directory with GITHUB_ENV, a workspace, the step's env. */
interface FakeRunner {
  id: string;
  base: string;
  home: string;
  githubEnv: string;
  workspace: string;
  env: NodeJS.ProcessEnv;
  secrets: string[];
}

function fakeRunner(owner: number | undefined): FakeRunner {
  const id = randomUUID().slice(0, 8);
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-preflight-boundary-'));
  const home = path.join(base, 'home');
  const temp = path.join(base, 'work', '_temp');
  const commands = path.join(temp, '_runner_file_commands');
  const workspace = path.join(base, 'work', 'repo', 'repo');
  // mcp-preflight's own temporary folders (the sandboxes' private homes) go here too, so a killed run leaves none in /tmp.
  const tmp = path.join(base, 'tmp');
  for (const dir of [home, commands, workspace, tmp]) fs.mkdirSync(dir, { recursive: true });
  const npmSecret = `npm_SECRET_${id}`;
  fs.writeFileSync(path.join(home, '.npmrc'), `//registry.npmjs.org/:_authToken=${npmSecret}\n`);
  fs.writeFileSync(path.join(home, '.bashrc'), '# the runner\n');
  const githubEnv = path.join(commands, `set_env_${id}`);
  fs.writeFileSync(githubEnv, '');
  const secrets = [npmSecret, `ghs_FAKE${id}TOKEN`, `rt_FAKE${id}`, `runner-value-${id}`];
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: home,
    RUNNER_TEMP: temp,
    RUNNER_WORKSPACE: path.dirname(workspace),
    GITHUB_WORKSPACE: workspace,
    GITHUB_ENV: githubEnv,
    'INPUT_GITHUB-TOKEN': secrets[1],
    ACTIONS_RUNTIME_TOKEN: secrets[2],
    RUNNER_ONLY_VAR: secrets[3],
    TMPDIR: tmp,
  };
  if (owner !== undefined) {
    fs.chmodSync(base, 0o755);
    for (const entry of [base, ...fs.readdirSync(base, { recursive: true }).map((p) => path.join(base, String(p)))]) {
      fs.chownSync(entry, owner, owner);
    }
  }
  return { id, base, home, githubEnv, workspace, env, secrets };
}

/** The attackers, one server entry each, all carrying the run's marker in their environment. */
function config(
  runner: FakeRunner,
  runId: string,
  isolation: IsolationMode,
): Record<string, { command: string; args: string[]; env: Record<string, string> }> {
  const server = (...args: string[]) => ({ command: process.execPath, args: [escapes, ...args], env: { [RUN_MARKER_VARIABLE]: runId } });
  return {
    'reads-outside': server('--read', path.join(runner.home, '.npmrc')),
    'needs-runner-variable': server('--needs', 'RUNNER_ONLY_VAR'),
    'writes-outside': server(
      '--write',
      path.join(runner.home, '.bashrc'),
      '--write',
      `/tmp/mcp-preflight-escape-${runner.id}`,
      // A system path only where the sandbox makes it read-only (a plain process of root would really write it).
      ...(isolation === 'process' ? [] : ['--write', `/usr/mcp-preflight-escape-${runner.id}`]),
    ),
    daemon: server('--daemon'),
    // Against plain processes only the CLI itself is attacked: further up is the test runner, whose output is real.
    hijack: server(
      '--hijack',
      `pwned-${runner.id}`,
      '--github-env',
      runner.githubEnv,
      ...(isolation === 'process' ? ['--ancestors', '1'] : []),
    ),
  };
}

interface BoundaryRun {
  runner: FakeRunner;
  report: Report;
  stdout: string;
  stderr: string;
  code: number | null;
  leftovers: Awaited<ReturnType<typeof processesWithMarker>>;
}

/** Starts the CLI with its output going to files, as a runner's step output goes to a pipe the runner reads. */
function startCli(
  bundle: Bundle,
  runner: FakeRunner,
  args: string[],
  asNobody: boolean,
  outputs: { out: number; err: number },
): ChildProcess {
  const argv = [process.execPath, bundle.cli, '--no-color', '--fail-on', 'never', ...args];
  const [command, ...rest] = asNobody ? ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv] : argv;
  return spawn(command as string, rest, { cwd: runner.workspace, env: runner.env, stdio: ['ignore', outputs.out, outputs.err] });
}

async function runBoundary(bundle: Bundle, isolation: IsolationMode, asNobody: boolean): Promise<BoundaryRun> {
  const runner = fakeRunner(asNobody ? NOBODY : undefined);
  const runId = randomUUID();
  fs.writeFileSync(path.join(runner.workspace, '.mcp.json'), JSON.stringify({ mcpServers: config(runner, runId, isolation) }));
  const outFile = path.join(runner.base, 'stdout.txt');
  const errFile = path.join(runner.base, 'stderr.txt');
  const reportFile = path.join(runner.base, 'report.json');
  const outputs = { out: fs.openSync(outFile, 'a'), err: fs.openSync(errFile, 'a') };
  if (asNobody) for (const file of [outFile, errFile]) fs.chownSync(file, NOBODY, NOBODY);
  if (asNobody) fs.chmodSync(runner.base, 0o777);
  const cli = startCli(
    bundle,
    runner,
    ['--isolation', isolation, '--startup-timeout', '10000', '--json', reportFile, runner.workspace],
    asNobody,
    outputs,
  );
  const [code] = (await once(cli, 'exit')) as [number | null];
  fs.closeSync(outputs.out);
  fs.closeSync(outputs.err);
  const leftovers = await processesWithMarker(`${RUN_MARKER_VARIABLE}=${runId}`);
  if (leftovers) killAll(leftovers);
  const stderr = fs.readFileSync(errFile, 'utf8');
  if (!fs.existsSync(reportFile)) throw new Error(`no report (exit ${code}):\n${stderr}`);
  return {
    runner,
    report: JSON.parse(fs.readFileSync(reportFile, 'utf8')) as Report,
    stdout: fs.readFileSync(outFile, 'utf8'),
    stderr,
    code,
    leftovers,
  };
}

const serverOf = (run: BoundaryRun, name: string) => run.report.servers.find((s) => s.name === name) as ServerReport;
const checkOf = (server: ServerReport, id: string) => server.checks.find((c) => c.id === id);

let bundle: Bundle | undefined;

beforeAll(async () => {
  if (sandboxHere) {
    bundle = await bundleToTempDir();
    // The unprivileged user must be able to run the bundle.
    fs.chmodSync(bundle.dir, 0o755);
  }
}, 120_000);

afterAll(async () => {
  await removeBundle(bundle);
});

const variants = [
  { name: 'as root', asNobody: false },
  { name: 'as an unprivileged user', asNobody: true },
].filter((v) => isRoot || !v.asNobody);

describe.skipIf(!sandboxHere).each(variants)('servers that try to get out of the sandbox, $name', ({ asNobody }) => {
  let run: BoundaryRun;

  beforeAll(async () => {
    run = await runBoundary(bundle as Bundle, 'auto', asNobody);
  }, 90_000);

  afterAll(() => fs.rmSync(run.runner.base, { recursive: true, force: true }));

  it('ran every server in the sandbox', () => {
    expect(run.code, run.stderr).toBe(0);
    expect(run.report.settings.isolation).toMatchObject({ requested: 'auto', effective: 'sandbox' });
    expect(run.report.servers.map((s) => s.launch?.isolation)).toEqual(run.report.servers.map(() => 'sandbox'));
  });

  it("a server reading the runner's ~/.npmrc gets nothing, and side-effects says it looked for it", () => {
    const server = serverOf(run, 'reads-outside');
    expect(server.stderrTail.join('\n')).toMatch(/escape read .*\.npmrc: ENOENT/);
    expect(checkOf(server, 'side-effects')).toMatchObject({ status: 'warn' });
    expect(checkOf(server, 'side-effects')?.message).toContain('.npmrc');
  });

  it("a server that needs a variable of the runner's environment does not find it, even in its parent's /proc", () => {
    const server = serverOf(run, 'needs-runner-variable');
    expect(server.stderrTail.join('\n')).toMatch(/escape needs RUNNER_ONLY_VAR: not found/);
    expect(checkOf(server, 'spawn')?.status).toBe('fail');
  });

  it('a server writing outside the workspace changes nothing of the runner, and side-effects names what it tried', () => {
    const server = serverOf(run, 'writes-outside');
    expect(fs.readFileSync(path.join(run.runner.home, '.bashrc'), 'utf8')).toBe('# the runner\n');
    expect(fs.existsSync(`/tmp/mcp-preflight-escape-${run.runner.id}`)).toBe(false);
    expect(fs.existsSync(`/usr/mcp-preflight-escape-${run.runner.id}`)).toBe(false);
    const finding = checkOf(server, 'side-effects');
    expect(finding?.status).toBe('warn');
    expect(finding?.evidence?.join('\n')).toMatch(/wrote ~\/\.bashrc in its private HOME/);
    expect(finding?.evidence?.join('\n')).toContain(`/usr/mcp-preflight-escape-${run.runner.id}`);
  });

  it('a double-forked daemon is found in the namespace, reported by shutdown, and killed', () => {
    const server = serverOf(run, 'daemon');
    expect(server.stderrTail.join('\n')).toMatch(/escape daemon: started pid \d+/);
    expect(checkOf(server, 'shutdown')).toMatchObject({ status: 'warn' });
    expect(checkOf(server, 'shutdown')?.message).toMatch(/left 1 child process running/);
  });

  it("a server hijacking its parent sees no runner token, writes no workflow command into the run's output, and cannot touch GITHUB_ENV", () => {
    const server = serverOf(run, 'hijack');
    const tail = server.stderrTail.join('\n');
    expect(tail).toMatch(/escape environ of \d+: \d+ variables, tokens: none/);
    expect(tail).toMatch(/escape GITHUB_ENV .*: (ENOENT|EROFS)/);
    expect(fs.readFileSync(run.runner.githubEnv, 'utf8')).toBe('');
    expect(`${run.stdout}\n${run.stderr}`).not.toContain(`pwned-${run.runner.id}`);
    expect(checkOf(server, 'side-effects')?.evidence?.join('\n')).toMatch(/runner's temp directory/);
  });

  it('nothing of the runner reaches the report or the output, and nothing is left running', () => {
    const everything = `${JSON.stringify(run.report)}\n${run.stdout}\n${run.stderr}`;
    for (const secret of run.runner.secrets) expect(everything).not.toContain(secret);
    expect(run.leftovers).toEqual([]);
  });
});

describe.skipIf(!sandboxHere || !isRoot)('the same attacks against plain processes (isolation process)', () => {
  let run: BoundaryRun;

  beforeAll(async () => {
    run = await runBoundary(bundle as Bundle, 'process', false);
  }, 90_000);

  afterAll(() => {
    fs.rmSync(run.runner.base, { recursive: true, force: true });
    fs.rmSync(`/tmp/mcp-preflight-escape-${run.runner.id}`, { force: true });
  });

  it('work: the fixtures are real attacks, which is what the sandbox stops', () => {
    expect(serverOf(run, 'reads-outside').stderrTail.join('\n')).toMatch(/escape read .*\.npmrc: got/);
    expect(serverOf(run, 'needs-runner-variable').stderrTail.join('\n')).toMatch(
      /escape needs RUNNER_ONLY_VAR: found in the environment of pid/,
    );
    expect(fs.readFileSync(path.join(run.runner.home, '.bashrc'), 'utf8')).toContain('written by escapes.mjs');
    expect(fs.readFileSync(run.runner.githubEnv, 'utf8')).toContain(`NODE_OPTIONS=--require=/tmp/pwned-${run.runner.id}.js`);
    expect(run.stdout).toContain(`::error::pwned-${run.runner.id}`);
    expect(checkOf(serverOf(run, 'reads-outside'), 'side-effects')?.status).toBe('skip');
  });
});

describe.skipIf(!sandboxHere).each(variants)('a run cancelled with SIGINT then SIGTERM, $name', ({ asNobody }) => {
  it('leaves no process of the run alive', async () => {
    const runner = fakeRunner(asNobody ? NOBODY : undefined);
    const runId = randomUUID();
    const marked = (args: string[]) => ({ command: process.execPath, args, env: { [RUN_MARKER_VARIABLE]: runId } });
    const servers = {
      silent: marked([neverAnswers]),
      'also-silent': marked([neverAnswers]),
      daemon: marked([escapes, '--daemon', '--silent']),
    };
    fs.writeFileSync(path.join(runner.workspace, '.mcp.json'), JSON.stringify({ mcpServers: servers }));
    if (asNobody) fs.chmodSync(runner.base, 0o777);
    const outputs = { out: fs.openSync(path.join(runner.base, 'out.txt'), 'a'), err: fs.openSync(path.join(runner.base, 'err.txt'), 'a') };
    const cli = startCli(
      bundle as Bundle,
      runner,
      ['--isolation', 'sandbox', '--startup-timeout', '60000', runner.workspace],
      asNobody,
      outputs,
    );
    const exited = once(cli, 'exit');
    try {
      // Mid-probe: every server runs in its sandbox (bwrap and its init carry the marker too: they are started with the
      // server's environment), the daemon is out, and none has answered.
      const daemonRuns = (processes: Array<{ command: string }>) => processes.some((p) => p.command.endsWith(' -e'));
      const deadline = Date.now() + 30_000;
      let running = (await processesWithMarker(`${RUN_MARKER_VARIABLE}=${runId}`)) ?? [];
      while (!(running.length >= 10 && daemonRuns(running)) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        running = (await processesWithMarker(`${RUN_MARKER_VARIABLE}=${runId}`)) ?? [];
      }
      expect(daemonRuns(running), JSON.stringify(running)).toBe(true);
      cli.kill('SIGINT');
      const quick = await Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(undefined), 200))]);
      if (quick === undefined) cli.kill('SIGTERM');
      await exited;
      // The kernel takes the namespaces down at once; give it a bounded moment, then nothing may be left.
      let left = (await processesWithMarker(`${RUN_MARKER_VARIABLE}=${runId}`)) ?? [];
      for (const until = Date.now() + 5000; left.length > 0 && Date.now() < until; ) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        left = (await processesWithMarker(`${RUN_MARKER_VARIABLE}=${runId}`)) ?? [];
      }
      killAll(left);
      expect(left).toEqual([]);
    } finally {
      if (cli.exitCode === null && cli.signalCode === null) cli.kill('SIGKILL');
      fs.closeSync(outputs.out);
      fs.closeSync(outputs.err);
      fs.rmSync(runner.base, { recursive: true, force: true });
    }
  }, 60_000);
});
