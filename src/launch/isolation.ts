/**
 * Which boundary servers run in. `auto` takes the strongest one this machine offers (the bubblewrap sandbox on Linux)
 * and falls back to plain processes with one notice naming what is lost and how to get it back; an explicit `sandbox`
 * or `docker` that is not available is an error (a run never quietly weakens what was asked for). Everything the
 * decision reads (platform, environment, commands it runs) is injected, so it is unit-tested without the tools.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Isolation, IsolationMode, IsolationSettings, NetworkMode } from '../model/isolation.js';
import { isRunnableFile, resolveCommand } from './resolve-command.js';
import { straceArguments } from './sandbox-trace.js';

export interface CommandResult {
  /** null when the command could not be run or was killed at its deadline. */
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command without a shell and with a deadline; never rejects. */
export type CommandRunner = (
  command: string,
  args: readonly string[],
  options?: { timeoutMs?: number; input?: string },
) => Promise<CommandResult>;

export interface IsolationHost {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  run: CommandRunner;
  /** The executable a bare name resolves to on PATH, or an absolute path that is runnable; undefined when absent. */
  which(name: string): string | undefined;
  readFile(file: string): string | undefined;
  /** A folder that exists, for the overlay trial. */
  tmpDir: string;
  /** mcp-preflight runs as root. */
  isRoot: boolean;
}

export interface SandboxTooling {
  bwrap: string;
  /** `bubblewrap 0.8.0`. */
  version: string;
  /** bubblewrap and the kernel can lay a throwaway layer over the workspace (`--overlay-src`, bubblewrap 0.9+). */
  overlay: boolean;
  /** strace works inside the sandbox: failed system calls are the evidence of side effects. */
  strace?: string;
}

export type SandboxUnavailable = 'not-linux' | 'no-bwrap' | 'apparmor' | 'userns' | 'failed';

export type SandboxProbe = { ok: true; tooling: SandboxTooling } | { ok: false; reason: SandboxUnavailable; detail: string };

export interface DockerTooling {
  cli: string;
  /** `Docker 27.1.1` (the engine's version). */
  version: string;
}

export interface IsolationRequest {
  mode: IsolationMode;
  network: NetworkMode;
  image?: string;
}

export interface IsolationChoice {
  settings: IsolationSettings;
  sandbox?: SandboxTooling;
  docker?: DockerTooling;
  /** Set when an explicit request cannot be met: the run must not start. */
  error?: string;
}

const TRIAL_TIMEOUT_MS = 10_000;
const DOCKER_TIMEOUT_MS = 20_000;
export const APPARMOR_USERNS_SYSCTL = '/proc/sys/kernel/apparmor_restrict_unprivileged_userns';

/** The options every sandbox trial shares with a real launch: the namespaces and the read-only system. */
function trialOptions(network: NetworkMode): string[] {
  return [
    '--ro-bind',
    '/',
    '/',
    '--dev',
    '/dev',
    '--proc',
    '/proc',
    '--unshare-pid',
    '--unshare-ipc',
    '--unshare-uts',
    ...(network === 'none' ? ['--unshare-net'] : []),
    '--new-session',
    '--die-with-parent',
  ];
}

/** Whether the bubblewrap sandbox works here, with what it can do; a trial run decides, not the OS name. */
export async function probeSandbox(host: IsolationHost, network: NetworkMode): Promise<SandboxProbe> {
  if (host.platform !== 'linux') return { ok: false, reason: 'not-linux', detail: `sandboxing is Linux-only (this is ${host.platform})` };
  const bwrap = host.which('bwrap') ?? (host.which('/usr/bin/bwrap') && '/usr/bin/bwrap');
  if (!bwrap) return { ok: false, reason: 'no-bwrap', detail: 'bubblewrap (bwrap) is not installed' };
  const base = trialOptions(network);
  const [versionRun, help, trial] = await Promise.all([
    host.run(bwrap, ['--version'], { timeoutMs: TRIAL_TIMEOUT_MS }),
    host.run(bwrap, ['--help'], { timeoutMs: TRIAL_TIMEOUT_MS }),
    host.run(bwrap, [...base, '--', '/bin/true'], { timeoutMs: TRIAL_TIMEOUT_MS }),
  ]);
  if (trial.code !== 0) return { ok: false, ...whyBwrapFailed(trial, host) };
  const version = versionRun.stdout.trim() || 'bubblewrap';
  const strace = host.which('strace');
  const [overlay, traced] = await Promise.all([
    help.stdout.includes('--overlay-src')
      ? host.run(bwrap, [...base, '--overlay-src', host.tmpDir, '--tmp-overlay', host.tmpDir, '--', '/bin/true'], {
          timeoutMs: TRIAL_TIMEOUT_MS,
        })
      : undefined,
    strace ? host.run(bwrap, [...base, '--', ...straceArguments(strace), '/bin/true'], { timeoutMs: TRIAL_TIMEOUT_MS }) : undefined,
  ]);
  return {
    ok: true,
    tooling: {
      bwrap,
      version,
      overlay: overlay?.code === 0,
      ...(strace && traced?.code === 0 && { strace }),
    },
  };
}

function whyBwrapFailed(trial: CommandResult, host: IsolationHost): { reason: SandboxUnavailable; detail: string } {
  const message = firstLine(trial.stderr) || (trial.code === null ? 'bwrap did not finish' : `bwrap exited with ${trial.code}`);
  if (/uid map|Permission denied/i.test(trial.stderr) && host.readFile(APPARMOR_USERNS_SYSCTL)?.trim() === '1') {
    return { reason: 'apparmor', detail: `AppArmor restricts unprivileged user namespaces (${message})` };
  }
  if (/namespace|Operation not permitted/i.test(trial.stderr)) {
    return { reason: 'userns', detail: `unprivileged user namespaces are not available (${message})` };
  }
  return { reason: 'failed', detail: message };
}

/** How to get the sandbox on this machine, for each reason it is missing. */
export function howToEnableSandbox(reason: SandboxUnavailable): string {
  switch (reason) {
    case 'not-linux':
      return 'Run on Linux for a sandbox.';
    case 'no-bwrap':
      return 'Install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap; Fedora: sudo dnf install bubblewrap).';
    case 'apparmor':
      return (
        'Allow bwrap to create user namespaces: load an AppArmor profile for it (see "Isolation" in the README), or ' +
        'sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0 (until the next reboot).'
      );
    case 'userns':
      return 'Enable unprivileged user namespaces (sysctl user.max_user_namespaces > 0); inside a container, run mcp-preflight on the host instead.';
    case 'failed':
      return 'See the bwrap error above.';
  }
}

/** Whether a Docker engine answers. */
export async function probeDocker(host: IsolationHost): Promise<{ ok: true; tooling: DockerTooling } | { ok: false; detail: string }> {
  const cli = host.which('docker');
  if (!cli) return { ok: false, detail: 'the docker command is not installed' };
  const version = await host.run(cli, ['version', '--format', '{{.Server.Version}}'], { timeoutMs: DOCKER_TIMEOUT_MS });
  if (version.code !== 0) return { ok: false, detail: `no Docker engine answers (${firstLine(version.stderr) || `exit ${version.code}`})` };
  return { ok: true, tooling: { cli, version: `Docker ${version.stdout.trim()}` } };
}

const PROCESS_LIMIT = "Servers run as plain processes of the runner's user: a convenience, not a security boundary.";
const ROOT_LIMIT =
  'mcp-preflight runs as root, so servers run as root without capabilities: they can read root-only files the sandbox does not hide.';
const DOCKER_LIMITS = [
  'The workspace is mounted read-only.',
  'Processes a server leaves behind end with its container; they are not listed (shutdown cannot judge them).',
];

/** Decides the run's isolation. */
export async function chooseIsolation(request: IsolationRequest, host: IsolationHost): Promise<IsolationChoice> {
  const { mode, network } = request;
  const base = { requested: mode, network, ...(request.image && { image: request.image }) };
  if (mode === 'process') {
    if (network === 'none')
      return failed(base, 'network "none" needs isolation sandbox or docker: a plain process shares the runner\'s network');
    return { settings: { ...base, effective: 'process', limits: [PROCESS_LIMIT] } };
  }
  if (mode === 'docker') {
    const docker = await probeDocker(host);
    if (!docker.ok) return failed(base, `isolation docker is not available: ${docker.detail}`);
    return { settings: { ...base, effective: 'docker', tool: docker.tooling.version, limits: DOCKER_LIMITS }, docker: docker.tooling };
  }
  const sandbox = await probeSandbox(host, network);
  if (sandbox.ok) {
    const { tooling } = sandbox;
    const limits = [
      ...(tooling.overlay
        ? []
        : [
            `The workspace is read-only in the sandbox: ${tooling.version} cannot lay a throwaway layer over it (bubblewrap 0.9 or later on Linux 5.11 or later can).`,
          ]),
      ...(tooling.strace ? [] : ['strace is not available: side effects are judged only from what servers print on stderr.']),
      ...(host.isRoot ? [ROOT_LIMIT] : []),
    ];
    return { settings: { ...base, effective: 'sandbox', tool: tooling.version, limits }, sandbox: tooling };
  }
  if (mode === 'sandbox')
    return failed(base, `isolation sandbox is not available: ${sandbox.detail}. ${howToEnableSandbox(sandbox.reason)}`);
  const lost = `Servers run as plain processes with the runner user's rights, files and environment: no boundary${network === 'none' ? ', and network "none" is not enforced' : ''}.`;
  const notice =
    sandbox.reason === 'not-linux'
      ? `No sandbox on ${host.platform} (sandboxing is Linux-only). ${lost}`
      : `No sandbox: ${sandbox.detail}. ${lost} ${howToEnableSandbox(sandbox.reason)}`;
  return { settings: { ...base, effective: 'process', notice, limits: [PROCESS_LIMIT] } };
}

function failed(base: Omit<IsolationSettings, 'effective' | 'limits'>, error: string): IsolationChoice {
  const effective: Isolation = 'process';
  return { settings: { ...base, effective, limits: [] }, error };
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/** The real machine. */
export function systemIsolationHost(env: NodeJS.ProcessEnv): IsolationHost {
  return {
    platform: process.platform,
    env,
    run: runCommand,
    which: (name) => {
      if (name.includes('/')) return isRunnableFile(name) ? name : undefined;
      return resolveCommand(name, { platform: process.platform, env, cwd: process.cwd(), isRunnableFile }).resolved;
    },
    readFile: (file) => {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    tmpDir: os.tmpdir(),
    isRoot: process.getuid?.() === 0,
  };
}

/** `CommandRunner` for real: no shell, a deadline, output capped; resolves whatever happens. */
export const runCommand: CommandRunner = (command, args, options = {}) =>
  new Promise((resolve) => {
    const child = execFile(
      command,
      [...args],
      { timeout: options.timeoutMs ?? TRIAL_TIMEOUT_MS, maxBuffer: 1024 * 1024, windowsHide: true, killSignal: 'SIGKILL' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && code === null ? error.message : '') });
      },
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(options.input ?? '');
  });
