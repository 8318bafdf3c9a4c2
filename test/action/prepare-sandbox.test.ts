import { describe, expect, it } from 'vitest';
import { bwrapAppArmorProfile, prepareSandbox } from '../../src/action/prepare-sandbox.js';
import type { IsolationMode } from '../../src/model/isolation.js';
import { type FakeMachine, fakeHost } from '../launch/fake-host.js';

const hosted = { RUNNER_ENVIRONMENT: 'github-hosted' };

async function prepare(machine: FakeMachine, mode: IsolationMode = 'auto') {
  const host = fakeHost(machine);
  const log: string[] = [];
  await prepareSandbox({ mode, network: 'host', host, log: (line) => log.push(line) });
  const sudo = host.commands.filter((c) => c[0] === 'sudo').map((c) => c.slice(2).join(' '));
  return { host, log, sudo };
}

describe('prepareSandbox (the action, on GitHub-hosted Linux runners only)', () => {
  it('on ubuntu-24.04: installs what is missing, loads an AppArmor profile for bwrap, and says so', async () => {
    const { host, log, sudo } = await prepare({ env: hosted, bwrap: false, strace: false, apparmor: true });
    expect(sudo).toEqual([
      'true',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap strace',
      'apparmor_parser --replace',
    ]);
    expect(host.inputs).toEqual([bwrapAppArmorProfile('/usr/bin/bwrap')]);
    expect(host.inputs[0]).toContain('profile mcp-preflight-bwrap /usr/bin/bwrap flags=(unconfined) {\n  userns,\n}');
    expect(log).toEqual([
      expect.stringMatching(/^Sandbox setup: installed bubblewrap and strace with apt-get \(\d+\.\d s\)\.$/),
      expect.stringMatching(/^Sandbox setup: loaded an AppArmor profile that lets \/usr\/bin\/bwrap create user namespaces/),
      'Sandbox setup: the sandbox works (bubblewrap 0.9.0, with strace).',
    ]);
  });

  it('falls back to the sysctl when the profile does not load', async () => {
    const { log, sudo } = await prepare({ env: hosted, apparmor: true, apparmorParserFails: true });
    expect(sudo).toEqual(['true', 'apparmor_parser --replace', 'sysctl -w kernel.apparmor_restrict_unprivileged_userns=0']);
    expect(log[0]).toMatch(/the AppArmor profile did not load \(apparmor_parser: Unable to replace/);
    expect(log.at(-1)).toBe('Sandbox setup: the sandbox works (bubblewrap 0.9.0, with strace).');
  });

  it('refreshes the package lists once when the install fails', async () => {
    const { sudo, log } = await prepare({ env: hosted, bwrap: false, aptInstallFailsUntilUpdate: true });
    expect(sudo.filter((c) => c.includes('apt-get'))).toEqual([
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap',
      'apt-get update',
      'env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends bubblewrap',
    ]);
    expect(log[0]).toMatch(/installed bubblewrap with apt-get/);
  });

  it('changes nothing without passwordless sudo, and says why', async () => {
    const { sudo, log } = await prepare({ env: hosted, apparmor: true, sudo: false });
    expect(sudo).toEqual(['true']);
    expect(log).toEqual(['Sandbox setup: passwordless sudo is not available on this runner, so nothing was installed or changed.']);
  });

  it('does nothing when the sandbox already works with strace', async () => {
    const { host, log } = await prepare({ env: hosted });
    expect(host.commands.some((c) => c[0] === 'sudo')).toBe(false);
    expect(log).toEqual([]);
  });

  it.each([
    ['a self-hosted runner', { env: { RUNNER_ENVIRONMENT: 'self-hosted' }, apparmor: true }, 'auto'],
    ['a machine that is not a runner (the CLI never prepares, and neither does the action there)', { env: {}, apparmor: true }, 'auto'],
    ['macOS', { env: hosted, platform: 'darwin' }, 'auto'],
    ['isolation process', { env: hosted, apparmor: true }, 'process'],
    ['isolation docker', { env: hosted, apparmor: true }, 'docker'],
  ] as const)('never touches %s', async (_, machine, mode) => {
    const { host, log } = await prepare(machine as FakeMachine, mode);
    expect(host.commands).toEqual([]);
    expect(log).toEqual([]);
  });
});
