import { sideEffects } from '../../src/checks/side-effects.js';
import type { BoundaryRecord, LaunchIsolation } from '../../src/model/isolation.js';
import type { Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { context } from './transcript-builder.js';

const HOME = '/home/runner';
const sandbox: LaunchIsolation = {
  mode: 'sandbox',
  network: 'host',
  workspace: { paths: ['/home/runner/work/repo/repo'], access: 'throwaway' },
  hidden: [
    { path: HOME, what: "the runner's home directory" },
    { path: '/home/runner/work/_temp', what: "the runner's temp directory (GITHUB_ENV, GITHUB_OUTPUT, GITHUB_PATH, the step summary)" },
  ],
  home: HOME,
  tracer: 'strace',
};
const empty: BoundaryRecord = {
  tracer: 'strace',
  hiddenReads: [],
  blockedWrites: [],
  blockedConnections: [],
  homeFilesWritten: [],
  dropped: 0,
};

function inSandbox(patch: { isolation?: Partial<LaunchIsolation>; boundary?: Partial<BoundaryRecord> | null; stderr?: string[] } = {}) {
  return context({
    transcript: (t: Transcript) => {
      t.launch.launcher = 'sandbox';
      t.launch.isolation = { ...sandbox, ...patch.isolation };
      if (patch.boundary !== null) t.boundary = { ...empty, ...patch.boundary };
      if (patch.stderr) t.stderr.tail = patch.stderr;
    },
  });
}

testCheck(sideEffects, {
  valid: [
    { name: 'nothing seen beyond the sandbox', ctx: inSandbox(), status: 'pass', message: /looked for no file the sandbox hides.*traced/ },
    {
      name: 'network none and no attempt',
      ctx: inSandbox({ isolation: { network: 'none' } }),
      status: 'pass',
      message: /did not try to reach the network/,
    },
    {
      name: 'without a trace, and a stderr that names no hidden path',
      ctx: inSandbox({
        isolation: { tracer: 'none' },
        boundary: null,
        stderr: ["Error: ENOENT: no such file or directory, open '/etc/nope'"],
      }),
      status: 'pass',
      message: /judged from its stderr only/,
    },
    {
      name: 'a write that failed in the throwaway workspace is its own business',
      ctx: inSandbox({ stderr: ["EROFS: read-only file system, open '/home/runner/work/repo/repo/x'"] }),
      status: 'pass',
    },
    { name: 'a plain process is not judged', ctx: context(), status: 'skip', message: /isolation: process/ },
    {
      name: 'a server that did not start',
      ctx: context({
        transcript: (t) =>
          void Object.assign(t, { spawn: { ok: false, errorCode: 'ENOENT', atMs: 1 }, launch: { ...t.launch, isolation: sandbox } }),
      }),
      status: 'skip',
      message: /did not start/,
    },
  ],
  invalid: [
    {
      name: 'it read a file of the runner home that the runner has',
      ctx: inSandbox({
        boundary: {
          hiddenReads: [{ syscall: 'openat', path: '/home/runner/.npmrc', error: 'ENOENT', where: "the runner's home directory" }],
        },
      }),
      status: 'warn',
      message: [/looked for 1 file that the runner has and the sandbox hides \(~\/\.npmrc\)/, /isolation: process/],
      evidence: /read ~\/\.npmrc \(openat: ENOENT\): the runner has it; the runner's home directory is hidden/,
    },
    {
      name: 'it tried to write GITHUB_ENV and the system, and overwrote ~/.bashrc in its private home',
      ctx: inSandbox({
        boundary: {
          blockedWrites: [
            {
              syscall: 'openat',
              path: '/home/runner/work/_temp/_runner_file_commands/set_env_1',
              error: 'ENOENT',
              where: "the runner's temp directory",
            },
            { syscall: 'mkdir', path: '/usr/lib/x', error: 'EROFS', where: 'the read-only system' },
          ],
          homeFilesWritten: ['~/.bashrc'],
        },
      }),
      status: 'warn',
      message: /tried to write where it may not \(~\/work\/_temp\/_runner_file_commands\/set_env_1, \/usr\/lib\/x, ~\/\.bashrc\)/,
      evidence: [/write \/usr\/lib\/x \(mkdir: EROFS\): the read-only system/, /wrote ~\/\.bashrc in its private HOME/],
    },
    {
      name: 'network none: a connection and a lookup, seen traced and on stderr',
      ctx: inSandbox({
        isolation: { network: 'none' },
        boundary: {
          blockedConnections: [
            { syscall: 'connect', address: '192.0.2.53:53', dns: true, error: 'ENETUNREACH' },
            { syscall: 'connect', address: '140.82.112.3:443', dns: false, error: 'ENETUNREACH' },
          ],
        },
        stderr: ['Error: getaddrinfo EAI_AGAIN api.github.com'],
      }),
      status: 'warn',
      message: /tried to reach the network with network "none" \(a host name lookup, 140\.82\.112\.3:443, the network\)/,
      evidence: [/DNS query to 192\.0\.2\.53:53/, /stderr: Error: getaddrinfo EAI_AGAIN api\.github\.com/],
    },
    {
      name: 'without a trace: the path its error message names is hidden',
      ctx: inSandbox({
        isolation: { tracer: 'none' },
        boundary: null,
        stderr: ["Error: ENOENT: no such file or directory, open '/home/runner/.aws/credentials'"],
      }),
      status: 'warn',
      message: [/~\/\.aws\/credentials/, /judged from its stderr only/],
      evidence: /~\/\.aws\/credentials is in the runner's home directory, which is hidden; stderr: Error: ENOENT/,
    },
    {
      name: 'a read-only workspace refused a write (bubblewrap without overlays)',
      ctx: inSandbox({
        isolation: { workspace: { paths: ['/home/runner/work/repo/repo'], access: 'read-only' } },
        boundary: {
          blockedWrites: [
            {
              syscall: 'openat',
              path: '/home/runner/work/repo/repo/cache.db',
              error: 'EROFS',
              where: 'the workspace (read-only in this sandbox)',
            },
          ],
        },
      }),
      status: 'warn',
      evidence: /the workspace \(read-only in this sandbox\)/,
    },
  ],
});
