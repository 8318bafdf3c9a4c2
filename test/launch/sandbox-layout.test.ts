// The sandbox as data: what a GitHub-hosted runner's layout hides, lets through and makes writable, as bwrap options.
import { describe, expect, it } from 'vitest';
import {
  bwrapOptions,
  type HostFacts,
  hiddenAreas,
  runnerInstallation,
  type SandboxPlan,
  toolCacheRuntime,
  withoutCredentialHeaders,
  writableRoots,
} from '../../src/launch/sandbox-layout.js';

const WORKSPACE = '/home/runner/work/repo/repo';
const runnerEnv = {
  HOME: '/home/runner',
  RUNNER_TEMP: '/home/runner/work/_temp',
  GITHUB_ENV: '/home/runner/work/_temp/_runner_file_commands/set_env_1',
  GITHUB_STEP_SUMMARY: '/home/runner/work/_temp/_runner_file_commands/step_summary_1',
  RUNNER_WORKSPACE: '/home/runner/work/repo',
  RUNNER_TOOL_CACHE: '/opt/hostedtoolcache',
  AGENT_TOOLSDIRECTORY: '/opt/hostedtoolcache',
  SSH_AUTH_SOCK: '/tmp/ssh-agent.sock',
  GITHUB_WORKSPACE: WORKSPACE,
};
const dirs = new Set([
  '/home/runner',
  '/home/runner/work',
  '/home/runner/work/_temp',
  '/home/runner/work/_temp/_runner_file_commands',
  '/home/runner/work/repo',
  WORKSPACE,
  '/opt/hostedtoolcache',
  '/opt/hostedtoolcache/node/24.11.0/x64',
  '/opt/hostedtoolcache/node/24.11.0/x64/bin',
  '/home/runner/runners/2.330.0',
  '/run/user/1001',
]);
const files = new Set([
  '/run/docker.sock',
  '/run/containerd/containerd.sock',
  '/run/systemd/resolve/io.systemd.Resolve',
  '/tmp/ssh-agent.sock',
]);

function facts(overrides: Partial<HostFacts> = {}): HostFacts {
  return {
    env: runnerEnv,
    homeDir: '/home/runner',
    uid: 1001,
    execPath: '/home/runner/runners/2.330.0/externals/node24/bin/node',
    inspect: (file) => {
      // /var/run is a symlink to /run on Ubuntu.
      const real = file.replace(/^\/var\/run\//, '/run/');
      return dirs.has(real) ? { real, dir: true } : files.has(real) ? { real, dir: false } : undefined;
    },
    ...overrides,
  };
}

describe('hiddenAreas', () => {
  it("hides the runner's home, temp, work folder, tool cache, installation, runtime folder and root-equivalent sockets", () => {
    expect(hiddenAreas(facts(), 'host').map((a) => [a.path, a.dir])).toEqual([
      ['/home/runner', true],
      ['/home/runner/work/_temp', true],
      ['/home/runner/work/_temp/_runner_file_commands', true],
      ['/home/runner/work', true],
      ['/opt/hostedtoolcache', true],
      ['/home/runner/runners/2.330.0', true],
      ['/run/user/1001', true],
      ['/tmp/ssh-agent.sock', false],
      ['/run/docker.sock', false],
      ['/run/containerd/containerd.sock', false],
    ]);
  });

  it("with network none, also hides the host's resolver service", () => {
    expect(hiddenAreas(facts(), 'none').map((a) => a.path)).toContain('/run/systemd/resolve/io.systemd.Resolve');
  });

  it('never hides a system folder, whatever a variable says', () => {
    const areas = hiddenAreas(
      facts({ env: { HOME: '/', RUNNER_TEMP: '/tmp', RUNNER_TOOL_CACHE: '/usr' }, homeDir: '/', inspect: (f) => ({ real: f, dir: true }) }),
      'host',
    );
    expect(areas.map((a) => a.path)).not.toEqual(expect.arrayContaining(['/', '/tmp', '/usr']));
  });

  it("finds the runner's installation from its own Node.js", () => {
    expect(runnerInstallation('/home/runner/runners/2.330.0/externals/node24/bin/node')).toBe('/home/runner/runners/2.330.0');
    expect(runnerInstallation('/usr/bin/node')).toBeUndefined();
  });
});

describe('bwrapOptions', () => {
  const areas = hiddenAreas(facts(), 'host');
  const plan = (overrides: Partial<SandboxPlan> = {}): SandboxPlan => ({
    areas,
    roots: [WORKSPACE],
    access: 'throwaway',
    home: '/home/runner',
    privateHome: '/tmp/mcp-preflight-sandbox-1/home',
    scratch: [],
    exposed: ['/opt/hostedtoolcache/node/24.11.0/x64'],
    overlays: [],
    network: 'host',
    cwd: WORKSPACE,
    ...overrides,
  });

  it('hides, then puts back the private home, the runtimes and the workspace, then makes the hidden folders read-only', () => {
    expect(bwrapOptions(plan())).toEqual([
      ...['--ro-bind', '/', '/', '--dev', '/dev', '--proc', '/proc', '--tmpfs', '/tmp'],
      // Parents first. The home is replaced by the private one (hiding all in it: temp, work folder, installation), and
      // /tmp is private anyway (the SSH agent's socket there is gone with it).
      ...['--tmpfs', '/run/user/1001', '--ro-bind', '/dev/null', '/run/docker.sock', '--tmpfs', '/opt/hostedtoolcache'],
      ...['--ro-bind', '/dev/null', '/run/containerd/containerd.sock'],
      ...['--bind', '/tmp/mcp-preflight-sandbox-1/home', '/home/runner'],
      ...['--ro-bind', '/opt/hostedtoolcache/node/24.11.0/x64', '/opt/hostedtoolcache/node/24.11.0/x64'],
      ...['--overlay-src', WORKSPACE, '--tmp-overlay', WORKSPACE],
      ...['--remount-ro', '/run/user/1001', '--remount-ro', '/opt/hostedtoolcache'],
      ...['--chdir', WORKSPACE, '--unshare-pid', '--unshare-ipc', '--unshare-uts', '--new-session', '--die-with-parent'],
    ]);
  });

  it('binds the workspace read-only without overlays, unshares the network for none, and lays files over others', () => {
    const options = bwrapOptions(
      plan({ access: 'read-only', network: 'none', overlays: [['/tmp/run/resolv.conf', '/run/systemd/resolve/stub-resolv.conf']] }),
    );
    expect(options.join(' ')).toContain(
      `--ro-bind ${WORKSPACE} ${WORKSPACE} --ro-bind /tmp/run/resolv.conf /run/systemd/resolve/stub-resolv.conf`,
    );
    expect(options).toContain('--unshare-net');
    expect(options).not.toContain('--overlay-src');
  });

  it('without a private home, hides the home like any other folder', () => {
    const options = bwrapOptions(plan({ home: undefined, privateHome: undefined }));
    expect(options.join(' ')).toContain('--tmpfs /home/runner');
    expect(options.join(' ')).toContain('--remount-ro /home/runner');
  });

  it('does not hide a folder that is also the workspace (an action run from the checkout), or a scratch folder', () => {
    const withAction = [...areas, { path: WORKSPACE, what: "the action's own folder", dir: true }];
    const options = bwrapOptions(plan({ areas: withAction, scratch: ['/home/runner/work/_temp'] }));
    expect(options.filter((o) => o === WORKSPACE).length).toBe(3);
    expect(options.join(' ')).not.toContain(`--remount-ro ${WORKSPACE}`);
    expect(options.join(' ')).toContain('--tmpfs /home/runner/work/_temp');
    expect(options.join(' ')).not.toContain('--remount-ro /home/runner/work/_temp');
  });

  it('lays a hidden folder inside the workspace over the workspace', () => {
    const inner = { path: `${WORKSPACE}/.secrets`, what: 'a test folder', dir: true };
    const options = bwrapOptions(plan({ areas: [inner] })).join(' ');
    expect(options.indexOf(`--tmpfs ${WORKSPACE}/.secrets`)).toBeGreaterThan(options.indexOf('--tmp-overlay'));
  });
});

describe('the rest of the layout', () => {
  const areas = hiddenAreas(facts(), 'host');

  it('lets a tool-cache runtime through as <tool>/<version>/<arch>', () => {
    expect(toolCacheRuntime('/opt/hostedtoolcache/node/24.11.0/x64/bin', areas)).toBe('/opt/hostedtoolcache/node/24.11.0/x64');
    expect(toolCacheRuntime('/opt/hostedtoolcache/Python/3.12.3/x64', areas)).toBe('/opt/hostedtoolcache/Python/3.12.3/x64');
    expect(toolCacheRuntime('/home/runner/.local/bin', areas)).toBeUndefined();
    expect(toolCacheRuntime('/usr/bin', areas)).toBeUndefined();
  });

  it('shows the working directory too when it lies outside the workspace, unless it is a system folder or holds hidden ones', () => {
    expect(writableRoots(WORKSPACE, `${WORKSPACE}/pkg`, { hidden: areas })).toEqual([WORKSPACE]);
    expect(writableRoots(WORKSPACE, '/srv/tool', { hidden: areas })).toEqual([WORKSPACE, '/srv/tool']);
    expect(writableRoots(WORKSPACE, '/home/runner/work/repo', { hidden: areas })).toEqual(['/home/runner/work/repo']);
    // Claude Desktop starts servers in /; the runner's home holds what is hidden.
    expect(writableRoots(WORKSPACE, '/', { hidden: areas })).toEqual([WORKSPACE]);
    expect(writableRoots(WORKSPACE, '/home/runner', { hidden: areas })).toEqual([WORKSPACE]);
    // A container never mounts a folder that holds the workspace.
    expect(writableRoots(WORKSPACE, '/home/runner/work/repo', { ancestors: false })).toEqual([WORKSPACE]);
  });

  it("removes actions/checkout's credential header from a copy of .git/config", () => {
    const config = '[core]\n\tbare = false\n[http "https://github.com/"]\n\textraheader = AUTHORIZATION: basic eC1hY2Nlc3M=\n';
    expect(withoutCredentialHeaders(config)).toBe('[core]\n\tbare = false\n[http "https://github.com/"]\n');
    expect(withoutCredentialHeaders('[core]\n\tbare = false\n')).toBeUndefined();
  });
});
