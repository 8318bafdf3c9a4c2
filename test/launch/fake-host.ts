/** A scripted machine for the isolation decision and the runner preparation: no process is started. */
import type { CommandResult, IsolationHost } from '../../src/launch/isolation.js';
import { APPARMOR_USERNS_SYSCTL } from '../../src/launch/isolation.js';

export interface FakeMachine {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  bwrap?: boolean;
  strace?: boolean;
  docker?: 'engine' | 'cli-only' | false;
  /** AppArmor restricts unprivileged user namespaces (ubuntu-24.04). */
  apparmor?: boolean;
  /** User namespaces are off altogether. */
  noUserns?: boolean;
  overlay?: boolean;
  sudo?: boolean;
  aptInstallFailsUntilUpdate?: boolean;
  apparmorParserFails?: boolean;
  isRoot?: boolean;
}

export interface FakeHost extends IsolationHost {
  commands: string[][];
  inputs: string[];
  machine: Required<Omit<FakeMachine, 'env' | 'platform'>>;
}

export function fakeHost(options: FakeMachine = {}): FakeHost {
  const machine = {
    bwrap: true,
    strace: true,
    docker: false as FakeMachine['docker'],
    apparmor: false,
    noUserns: false,
    overlay: false,
    sudo: true,
    aptInstallFailsUntilUpdate: false,
    apparmorParserFails: false,
    isRoot: false,
    ...options,
  } as FakeHost['machine'];
  let updated = false;
  const ok = (stdout = ''): CommandResult => ({ code: 0, stdout, stderr: '' });
  const failed = (stderr: string, code = 1): CommandResult => ({ code, stdout: '', stderr });
  const host: FakeHost = {
    platform: options.platform ?? 'linux',
    env: options.env ?? {},
    commands: [],
    inputs: [],
    machine,
    tmpDir: '/tmp',
    isRoot: machine.isRoot,
    which: (name) => {
      if (name === 'bwrap' || name === '/usr/bin/bwrap') return machine.bwrap ? '/usr/bin/bwrap' : undefined;
      if (name === 'strace') return machine.strace ? '/usr/bin/strace' : undefined;
      if (name === 'docker') return machine.docker ? '/usr/bin/docker' : undefined;
      return undefined;
    },
    readFile: (file) => (file === APPARMOR_USERNS_SYSCTL ? (machine.apparmor ? '1\n' : '0\n') : undefined),
    run: async (command, args, runOptions) => {
      host.commands.push([command, ...args]);
      if (runOptions?.input !== undefined) host.inputs.push(runOptions.input);
      if (command === '/usr/bin/bwrap') {
        if (args[0] === '--version') return ok('bubblewrap 0.9.0\n');
        if (args[0] === '--help') return ok(machine.overlay ? '--overlay-src SRC\n' : 'usage\n');
        if (machine.apparmor) return failed('bwrap: setting up uid map: Permission denied\n');
        if (machine.noUserns)
          return failed(
            'bwrap: No permissions to creating new namespace, likely because the kernel does not allow non-privileged user namespaces.\n',
          );
        return ok();
      }
      if (command === '/usr/bin/docker') {
        return machine.docker === 'engine'
          ? ok('27.1.1\n')
          : failed('Cannot connect to the Docker daemon at unix:///var/run/docker.sock.\n');
      }
      if (command === 'sudo') {
        if (!machine.sudo) return failed('sudo: a password is required\n');
        const [, program, ...rest] = args;
        if (program === 'true') return ok();
        if (program === 'env' && rest.includes('install')) {
          if (machine.aptInstallFailsUntilUpdate && !updated)
            return failed('E: Unable to fetch some archives, maybe run apt-get update\n', 100);
          if (rest.includes('bubblewrap')) machine.bwrap = true;
          if (rest.includes('strace')) machine.strace = true;
          return ok();
        }
        if (program === 'apt-get' && rest[0] === 'update') {
          updated = true;
          return ok();
        }
        if (program === 'apparmor_parser') {
          if (machine.apparmorParserFails) return failed('apparmor_parser: Unable to replace "mcp-preflight-bwrap".\n');
          machine.apparmor = false;
          return ok();
        }
        if (program === 'sysctl') {
          machine.apparmor = false;
          return ok('kernel.apparmor_restrict_unprivileged_userns = 0\n');
        }
      }
      return failed(`unexpected command ${command} ${args.join(' ')}`, 127);
    },
  };
  return host;
}
