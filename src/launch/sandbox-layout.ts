/**
 * The bubblewrap sandbox as data: which paths it hides, which it lets through, where the server may write, and the
 * one bwrap command line that builds it (bubblewrap's own argument model: an ordered list of mounts and namespaces).
 * Pure: what exists on the host is passed in, so the layout is unit-tested without a sandbox.
 *
 * The system is the host's own, read-only (`--ro-bind / /`): a server started by an absolute path or from the
 * system's PATH runs as it does outside. On top of it, the runner's own files are hidden behind empty read-only
 * folders, root-equivalent sockets behind /dev/null, and HOME and /tmp are private and empty. The workspace is put
 * back at its own path.
 */
import path from 'node:path';
import type { HiddenArea, NetworkMode, WorkspaceAccess } from '../model/isolation.js';

export const HOME_AREA = "the runner's home directory";
export const RUNNER_TEMP_AREA = "the runner's temp directory (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, the step summary)";
export const WORK_FOLDER_AREA = "the runner's work folder (_temp, _actions, other checkouts)";
export const TOOL_CACHE_AREA = "the runner's tool cache";
export const RUNNER_INSTALL_AREA = "the runner's installation (its credentials and logs)";
const RUNTIME_DIR_AREA = "the user's runtime folder (session bus, agent and container sockets)";
const SSH_AGENT_AREA = 'the SSH agent socket';
const DOCKER_AREA = "the Docker daemon's socket (root on the host)";
const CONTAINER_AREA = 'a container engine socket (root on the host)';
const SYSTEM_BUS_AREA = 'the system D-Bus socket';
const SNAPD_AREA = "snapd's socket";
const RESOLVER_AREA = "the host's name resolver service (network: none)";

/** What is known about a path on the host: its real path (symlinks resolved) and whether it is a folder. */
export interface PathInfo {
  real: string;
  dir: boolean;
}

export interface HostFacts {
  /** The runner's environment. */
  env: NodeJS.ProcessEnv;
  /** The home directory of the user mcp-preflight runs as (`os.homedir()`). */
  homeDir: string;
  uid: number;
  /** mcp-preflight's own Node.js: on a runner it is the runner's (`<runner>/externals/node24/bin/node`). */
  execPath: string;
  /** More paths to hide, e.g. the action's own folder. */
  extraHidden?: readonly HiddenArea[];
  /** undefined when the path does not exist. */
  inspect(file: string): PathInfo | undefined;
}

/** A hidden path as mounted: a folder gets an empty read-only tmpfs, anything else /dev/null. */
export interface HiddenMount extends HiddenArea {
  dir: boolean;
}

/** Paths that are never hidden, whatever a variable says (HOME=/ in some containers). */
const SYSTEM_PATHS = new Set([
  '/',
  '/bin',
  '/boot',
  '/dev',
  '/etc',
  '/home',
  '/lib',
  '/lib32',
  '/lib64',
  '/libx32',
  '/media',
  '/mnt',
  '/nix',
  '/opt',
  '/proc',
  '/run',
  '/sbin',
  '/snap',
  '/srv',
  '/sys',
  '/tmp',
  '/usr',
  '/var',
]);

/** Whether `child` is `parent` or lies below it (both absolute, normalized). */
export function isInside(child: string, parent: string): boolean {
  if (parent === '/') return child.startsWith('/');
  return child === parent || child.startsWith(`${parent}/`);
}

/** The runner's installation folder when this Node.js is the runner's own (`<root>/externals/node24/bin/node`). */
export function runnerInstallation(execPath: string): string | undefined {
  return /^(\/.+)\/externals\/node[^/]*\/bin\/node$/.exec(execPath)?.[1];
}

/**
 * Every path the sandbox hides from servers, with what it is, as real paths that exist. Nested areas are all kept (the
 * innermost one names a path best: the temp directory inside the home directory), `mountsOf` mounts the outermost.
 */
export function hiddenAreas(facts: HostFacts, network: NetworkMode): HiddenMount[] {
  const { env } = facts;
  const dirOf = (file: string | undefined) => (file ? path.dirname(file) : undefined);
  const candidates: Array<[string | undefined, string]> = [
    [env.HOME, HOME_AREA],
    [facts.homeDir, HOME_AREA],
    [env.RUNNER_TEMP, RUNNER_TEMP_AREA],
    ...['GITHUB_ENV', 'GITHUB_OUTPUT', 'GITHUB_PATH', 'GITHUB_STEP_SUMMARY', 'GITHUB_STATE'].map((name): [string | undefined, string] => [
      dirOf(env[name]),
      RUNNER_TEMP_AREA,
    ]),
    [dirOf(env.RUNNER_WORKSPACE), WORK_FOLDER_AREA],
    [env.RUNNER_TOOL_CACHE, TOOL_CACHE_AREA],
    [env.AGENT_TOOLSDIRECTORY, TOOL_CACHE_AREA],
    ['/opt/hostedtoolcache', TOOL_CACHE_AREA],
    [runnerInstallation(facts.execPath), RUNNER_INSTALL_AREA],
    [env.XDG_RUNTIME_DIR, RUNTIME_DIR_AREA],
    [`/run/user/${facts.uid}`, RUNTIME_DIR_AREA],
    [env.SSH_AUTH_SOCK, SSH_AGENT_AREA],
    ['/run/docker.sock', DOCKER_AREA],
    ['/var/run/docker.sock', DOCKER_AREA],
    ['/run/containerd/containerd.sock', CONTAINER_AREA],
    ['/run/podman/podman.sock', CONTAINER_AREA],
    ['/run/dbus/system_bus_socket', SYSTEM_BUS_AREA],
    ['/run/snapd.socket', SNAPD_AREA],
    ['/run/snapd-snap.socket', SNAPD_AREA],
    ...(network === 'none'
      ? ([
          ['/run/systemd/resolve/io.systemd.Resolve', RESOLVER_AREA],
          ['/run/nscd/socket', RESOLVER_AREA],
        ] satisfies Array<[string, string]>)
      : []),
    ...(facts.extraHidden ?? []).map((area): [string, string] => [area.path, area.what]),
  ];
  const areas = new Map<string, HiddenMount>();
  for (const [candidate, what] of candidates) {
    if (!candidate || !path.posix.isAbsolute(candidate)) continue;
    const info = facts.inspect(path.posix.normalize(candidate));
    if (!info || SYSTEM_PATHS.has(info.real) || areas.has(info.real)) continue;
    areas.set(info.real, { path: info.real, what, dir: info.dir });
  }
  return [...areas.values()];
}

/** The innermost hidden area that holds `file` (undefined: not hidden). */
export function areaOf(file: string, areas: readonly HiddenArea[]): HiddenArea | undefined {
  let found: HiddenArea | undefined;
  for (const area of areas) {
    if (isInside(file, area.path) && (!found || area.path.length > found.path.length)) found = area;
  }
  return found;
}

/**
 * Where a runtime the server needs lives inside the tool cache: `<cache>/<tool>/<version>/<arch>`, the layout of
 * `@actions/tool-cache` (`/opt/hostedtoolcache/node/24.1.0/x64/bin` is exposed as `…/node/24.1.0/x64`, so `npx` finds
 * `../lib/node_modules/npm`). undefined when `file` is not in a tool cache.
 */
export function toolCacheRuntime(file: string, areas: readonly HiddenArea[]): string | undefined {
  const cache = areas.find((a) => a.what === TOOL_CACHE_AREA && isInside(file, a.path) && file !== a.path);
  if (!cache) return undefined;
  const parts = path.posix.relative(cache.path, file).split('/').slice(0, 3);
  return path.posix.join(cache.path, ...parts);
}

/** Everything one launch needs to build its sandbox. */
export interface SandboxPlan {
  areas: readonly HiddenMount[];
  /** Writable roots: the workspace, and the server's working directory when it lies outside it. */
  roots: readonly string[];
  access: WorkspaceAccess;
  /** The server's HOME inside the sandbox (undefined: the server has no absolute HOME). */
  home?: string;
  /** The host folder mounted there, private to this launch. */
  privateHome?: string;
  /** More private, empty, writable folders: TMPDIR, TMP, TEMP when the server's environment points elsewhere than /tmp. */
  scratch: readonly string[];
  /** Tool-cache runtimes let through, read-only. */
  exposed: readonly string[];
  /** Files laid over others, read-only: `[source, destination]` (a cleaned `.git/config`, a resolv.conf). */
  overlays: ReadonlyArray<readonly [string, string]>;
  network: NetworkMode;
  cwd: string;
}

/** The bwrap options (everything before `--`) that build `plan`. Order matters: bwrap mounts in sequence. */
export function bwrapOptions(plan: SandboxPlan): string[] {
  const args = ['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'];
  const insideRoot = (p: string) => plan.roots.some((root) => isInside(p, root) && p !== root);
  // A path that something private or allowed replaces is not hidden on its own: the private home (which hides all
  // below it), a scratch folder, or the workspace itself when it is also a hidden area (an action run from the checkout).
  const privateHome = plan.privateHome !== undefined ? plan.home : undefined;
  const covering: string[] = ['/tmp', ...(privateHome !== undefined ? [privateHome] : [])];
  // Covered: below a folder that is already hidden or private, unless a writable root in between puts it back.
  const covered = (file: string) =>
    covering.some((dir) => isInside(file, dir) && !plan.roots.some((root) => isInside(root, dir) && isInside(file, root)));
  const mounted: HiddenMount[] = [];
  for (const area of [...plan.areas].sort((a, b) => a.path.length - b.path.length)) {
    if (plan.roots.includes(area.path) || plan.scratch.includes(area.path)) continue;
    if (covered(area.path)) continue;
    mounted.push(area);
    if (area.dir) covering.push(area.path);
  }
  // Hidden areas that a writable root contains must be laid over it, after it is mounted.
  const [outer, inner] = partition(mounted, (area) => !insideRoot(area.path));
  const hide = (areas: HiddenMount[]) =>
    areas.flatMap((area) => (area.dir ? ['--tmpfs', area.path] : ['--ro-bind', '/dev/null', area.path]));
  args.push(...hide(outer));
  if (plan.home !== undefined && plan.privateHome !== undefined) args.push('--bind', plan.privateHome, plan.home);
  for (const dir of plan.scratch) args.push('--tmpfs', dir);
  for (const dir of plan.exposed) args.push('--ro-bind', dir, dir);
  for (const root of plan.roots) {
    args.push(...(plan.access === 'throwaway' ? ['--overlay-src', root, '--tmp-overlay', root] : ['--ro-bind', root, root]));
  }
  args.push(...hide(inner));
  for (const [source, destination] of plan.overlays) args.push('--ro-bind', source, destination);
  // Last: the hidden folders become read-only, so a write there fails (and is seen) instead of vanishing.
  for (const area of [...outer, ...inner]) if (area.dir) args.push('--remount-ro', area.path);
  args.push('--chdir', plan.cwd, '--unshare-pid', '--unshare-ipc', '--unshare-uts');
  if (plan.network === 'none') args.push('--unshare-net');
  args.push('--new-session', '--die-with-parent');
  return args;
}

function partition<T>(items: readonly T[], test: (item: T) => boolean): [T[], T[]] {
  const yes: T[] = [];
  const no: T[] = [];
  for (const item of items) (test(item) ? yes : no).push(item);
  return [yes, no];
}

/**
 * The folders a server sees as its workspace: the workspace, plus its working directory when that lies outside (a
 * config passed from elsewhere). Never a system folder, nor one that holds something hidden (the runner's home as the
 * working directory, `/` for a client that starts servers there): such a working directory is only entered, not shown.
 * With `ancestors: false` (a container) a folder that holds the workspace is not shown either.
 */
export function writableRoots(
  workspace: string,
  cwd: string,
  options: { hidden?: readonly HiddenArea[]; ancestors?: boolean } = {},
): string[] {
  if (isInside(cwd, workspace)) return [workspace];
  const holdsHidden = (options.hidden ?? []).some((area) => isInside(area.path, cwd));
  if (SYSTEM_PATHS.has(cwd) || holdsHidden) return [workspace];
  if (isInside(workspace, cwd)) return options.ancestors === false ? [workspace] : [cwd];
  return [workspace, cwd];
}

/** `.git/config` without `extraheader` lines: actions/checkout before v6 keeps the job's token there. */
export function withoutCredentialHeaders(gitConfig: string): string | undefined {
  const lines = gitConfig.split('\n');
  const kept = lines.filter((line) => !/^\s*extraheader\s*=/i.test(line));
  return kept.length === lines.length ? undefined : kept.join('\n');
}

/** A resolv.conf for `network: none`: a name server no packet can reach, so a lookup fails at once (and is seen). */
export const UNREACHABLE_RESOLV_CONF = 'nameserver 192.0.2.53\noptions attempts:1 timeout:1\n';
