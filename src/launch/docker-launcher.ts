/**
 * Runs a server in a throwaway Docker container (Linux runners): `docker run --rm -i --init` with a user-chosen image
 * or the default for its runtime, the workspace mounted read-only at its own path, only the server's environment
 * (passed by name, `--env NAME`, so the docker command reads the values from its own environment and no value appears
 * on a command line), `--network none` on request, and a unique container name, so the container can be removed on
 * every way out: the end of the session, a timeout, a crash of the run, a cancelled job.
 *
 * What a container cannot show: processes a server leaves behind end with the container and are not listed, and a
 * server that closes stdout is seen only when it exits (the container's init holds its output open).
 */
import { type ChildProcess, type SpawnOptions, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LaunchIsolation, NetworkMode } from '../model/isolation.js';
import { withDeadline } from './deadline.js';
import type { CommandRunner } from './isolation.js';
import type { ExitStatus, LaunchAttempt, LaunchRequest, Launcher, ReapResult, ServerProcess, SpawnOutcome } from './launcher.js';
import { trackLive } from './live-processes.js';
import { isLoaderVariable, MASKED } from './loader-variables.js';
import { statusFromShell } from './sandbox-launcher.js';
import { withoutCredentialHeaders, writableRoots } from './sandbox-layout.js';

/** Images for servers started by a Node.js or Python launcher when no `image` is given. */
export const DEFAULT_IMAGES = {
  node: 'node:24-bookworm-slim',
  python: 'ghcr.io/astral-sh/uv:python3.13-bookworm-slim',
} as const;

const NODE_COMMANDS = new Set(['node', 'npx', 'npm', 'pnpm', 'pnpx', 'yarn', 'tsx', 'corepack']);
const PYTHON_COMMANDS = new Set(['python', 'python3', 'uv', 'uvx', 'pip', 'pip3', 'pipx']);

/** The default image for a command, by the runtime its name says; undefined when it says none. */
export function defaultImageFor(command: string): string | undefined {
  const name = path.posix.basename(command).replace(/\.(?:exe|cmd)$/i, '');
  if (NODE_COMMANDS.has(name)) return DEFAULT_IMAGES.node;
  if (PYTHON_COMMANDS.has(name) || /^python3(?:\.\d+)?$/.test(name)) return DEFAULT_IMAGES.python;
  return undefined;
}

/** Variables whose inherited value describes the runner, not the container (the image has its own). */
const HOST_SPECIFIC = new Set(['PATH', 'HOME', 'SHELL', 'USER', 'LOGNAME', 'TMPDIR', 'TMP', 'TEMP']);
/** What the docker command itself reads; never forwarded from a config, so it cannot redirect the client. */
const DOCKER_CLIENT = /^DOCKER_/;

export interface DockerLauncherOptions {
  cli: string;
  network: NetworkMode;
  /** Mounted read-only at its own path. */
  workspace: string;
  /** The image for every server; default: `defaultImageFor(command)`. */
  image?: string;
  /** The runner's environment: the docker command's own settings (DOCKER_HOST…) come from it. */
  hostEnv: NodeJS.ProcessEnv;
  /** Injected in tests. */
  spawnProcess?: (command: string, args: string[], options: SpawnOptions) => ChildProcess;
  /** Runs a docker command to its end (cleanup on the way out); injected in tests. */
  runSync?: (command: string, args: string[]) => void;
  /** Deadline for `docker rm -f`. */
  removeTimeoutMs?: number;
}

export class DockerLauncher implements Launcher {
  readonly name = 'docker';
  private readonly cleanedGitConfigs = new Map<string, string | undefined>();

  constructor(private readonly options: DockerLauncherOptions) {}

  /** Pulls every image the servers need before the first one starts, so a pull is not taken for a slow start. */
  async prepare(commands: readonly string[], run: CommandRunner): Promise<void> {
    const images = new Set(commands.map((c) => this.options.image ?? defaultImageFor(c)).filter((i): i is string => i !== undefined));
    await Promise.all(
      [...images].map(async (image) => {
        const present = await run(this.options.cli, ['image', 'inspect', '--format', '{{.Id}}', image], { timeoutMs: 30_000 });
        if (present.code !== 0) await run(this.options.cli, ['pull', '--quiet', image], { timeoutMs: 600_000 });
      }),
    );
  }

  launch(request: LaunchRequest): LaunchAttempt {
    const { cli, network, hostEnv } = this.options;
    const image = this.options.image ?? defaultImageFor(request.command);
    const roots = writableRoots(this.options.workspace, request.cwd, { ancestors: false });
    const isolation: LaunchIsolation = {
      mode: 'docker',
      network,
      ...(image !== undefined && { image }),
      workspace: { paths: roots, access: 'read-only' },
      hidden: [],
      tracer: 'none',
    };
    if (image === undefined) {
      return {
        ok: false,
        errorCode: 'ENOIMAGE',
        errorMessage:
          `no container image for "${request.command}": the defaults cover Node.js (${DEFAULT_IMAGES.node}) and Python ` +
          `(${DEFAULT_IMAGES.python}) launchers; set image to one that has it`,
        spawnedCommand: request.command,
        spawnedArgs: request.args,
        isolation,
      };
    }
    const forwarded = Object.keys(request.env).filter(
      (name) => !DOCKER_CLIENT.test(name) && !isLoaderVariable(name) && !(HOST_SPECIFIC.has(name) && request.env[name] === hostEnv[name]),
    );
    // Loader variables must not reach the docker command itself: they go on its command line (masked in the record).
    const loader = Object.entries(request.env).filter(([name]) => isLoaderVariable(name));
    const withLoader = (value: (v: string) => string) => loader.flatMap(([variable, v]) => ['--env', `${variable}=${value(v)}`]);
    const name = `mcp-preflight-${randomUUID()}`;
    const argsWith = (loaderEnv: string[]) => [
      'run',
      '--rm',
      '--interactive',
      '--init',
      '--name',
      name,
      '--network',
      network,
      '--workdir',
      request.cwd,
      ...roots.flatMap((root) => ['--volume', `${root}:${root}:ro`]),
      ...roots.flatMap((root) => {
        const cleaned = this.cleanedGitConfig(root);
        return cleaned ? ['--volume', `${cleaned}:${path.join(root, '.git', 'config')}:ro`] : [];
      }),
      ...forwarded.flatMap((variable) => ['--env', variable]),
      ...loaderEnv,
      '--entrypoint',
      request.command,
      image,
      ...request.args,
    ];
    // The docker command's own settings from the runner, then the values it forwards by name.
    const clientEnv: Record<string, string> = {};
    for (const [key, value] of Object.entries(hostEnv)) {
      if (value !== undefined && (DOCKER_CLIENT.test(key) || ['PATH', 'XDG_RUNTIME_DIR'].includes(key))) clientEnv[key] = value;
    }
    clientEnv.DOCKER_CONFIG ??= path.join(os.homedir(), '.docker');
    for (const variable of forwarded) clientEnv[variable] = request.env[variable] as string;

    const server = new ContainerProcess(cli, argsWith(withLoader((v) => v)), name, clientEnv, this.options);
    return { ok: true, server, spawnedCommand: cli, spawnedArgs: argsWith(withLoader(() => MASKED)), isolation };
  }

  private cleanedGitConfig(root: string): string | undefined {
    if (this.cleanedGitConfigs.has(root)) return this.cleanedGitConfigs.get(root);
    let cleaned: string | undefined;
    try {
      const text = withoutCredentialHeaders(fs.readFileSync(path.join(root, '.git', 'config'), 'utf8'));
      if (text !== undefined) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mcp-preflight-docker-'));
        process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
        cleaned = path.join(dir, 'git-config');
        fs.writeFileSync(cleaned, text, { mode: 0o644 });
      }
    } catch {
      cleaned = undefined;
    }
    this.cleanedGitConfigs.set(root, cleaned);
    return cleaned;
  }
}

class ContainerProcess implements ServerProcess {
  readonly spawned: Promise<SpawnOutcome>;
  readonly exited: Promise<ExitStatus>;
  private readonly child: ChildProcess;
  private hasExited = false;
  private removed = false;
  private readonly untrack: () => void;
  private readonly removeSync: () => void;

  constructor(
    private readonly cli: string,
    args: string[],
    private readonly name: string,
    env: Record<string, string>,
    private readonly options: DockerLauncherOptions,
  ) {
    const start = options.spawnProcess ?? spawn;
    this.child = start(cli, args, { env, stdio: ['pipe', 'pipe', 'pipe'], detached: true, windowsHide: true });
    this.child.stdin?.on('error', () => undefined);
    const runSync =
      options.runSync ??
      ((command: string, commandArgs: string[]) => {
        spawnSync(command, commandArgs, { stdio: 'ignore', timeout: options.removeTimeoutMs ?? 10_000 });
      });
    // On the way out of a dying run: the container goes, whatever state it is in.
    this.removeSync = () => {
      if (!this.removed) runSync(cli, ['rm', '--force', name]);
      this.removed = true;
      const pid = this.child.pid;
      if (pid !== undefined && !this.hasExited) for (const target of [-pid, pid]) signalQuietly(target, 'SIGKILL');
    };
    this.untrack = trackLive(this.removeSync);
    this.spawned = new Promise((resolve) => {
      this.child.once('spawn', () => resolve({ ok: true, pid: this.child.pid ?? -1 }));
      this.child.once('error', (error: NodeJS.ErrnoException) =>
        resolve({ ok: false, errorCode: error.code ?? 'ERROR', errorMessage: error.message }),
      );
    });
    this.exited = new Promise((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.hasExited = true;
        // `docker run` exits with the container's status; its init reports a death by signal N as 128 + N.
        resolve(code !== null ? statusFromShell(code) : { code, signal });
      });
      this.child.once('error', () => {
        this.hasExited = true;
        resolve({ code: null, signal: null });
      });
    });
  }

  get stdin() {
    return this.child.stdin!;
  }
  get stdout() {
    return this.child.stdout!;
  }
  get stderr() {
    return this.child.stderr!;
  }

  signal(signal: 'SIGTERM' | 'SIGKILL'): void {
    if (this.hasExited) return;
    if (signal === 'SIGTERM') {
      // `docker run` passes the signals it gets to the container's init, which passes them to the server.
      signalQuietly(this.child.pid ?? -1, 'SIGTERM');
      return;
    }
    this.runAsync(['kill', this.name]);
  }

  async snapshotDescendants(): Promise<void> {}

  /** The container goes with everything in it; what it held is not listed (see the module comment). */
  async reap(): Promise<ReapResult> {
    await this.remove();
    return { left: [], survived: [] };
  }

  private async remove(): Promise<void> {
    if (this.removed) return;
    const timeout = this.options.removeTimeoutMs ?? 10_000;
    const done = await withDeadline(
      new Promise<boolean>((resolve) => this.runAsync(['rm', '--force', this.name], resolve)),
      timeout,
      false,
    );
    if (done) {
      this.removed = true;
      this.untrack();
    }
  }

  private runAsync(args: string[], onEnd?: (ok: boolean) => void): void {
    const start = this.options.spawnProcess ?? spawn;
    const child = start(this.cli, args, { stdio: 'ignore', windowsHide: true });
    child.once('error', () => onEnd?.(false));
    child.once('exit', (code) => onEnd?.(code === 0));
  }

  release(): void {
    for (const stream of [this.child.stdin, this.child.stdout, this.child.stderr]) stream?.destroy();
    if (this.removed) return;
    void this.remove().then(() => {
      if (!this.hasExited) this.child.kill('SIGKILL');
    });
    if (!this.hasExited) this.child.unref();
  }
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Gone already.
  }
}
