import { describe, expect, it } from 'vitest';
import { chooseIsolation, probeSandbox } from '../../src/launch/isolation.js';
import { fakeHost } from './fake-host.js';

describe('chooseIsolation', () => {
  it('auto takes the sandbox where bwrap works, and says what it cannot do here', async () => {
    const choice = await chooseIsolation({ mode: 'auto', network: 'host' }, fakeHost({ overlay: true }));
    expect(choice).toEqual({
      settings: { requested: 'auto', network: 'host', effective: 'sandbox', tool: 'bubblewrap 0.9.0', limits: [] },
      sandbox: { bwrap: '/usr/bin/bwrap', version: 'bubblewrap 0.9.0', overlay: true, strace: '/usr/bin/strace' },
    });
    const limited = await chooseIsolation({ mode: 'auto', network: 'host' }, fakeHost({ strace: false, isRoot: true }));
    expect(limited.settings.limits).toEqual([
      expect.stringMatching(/^The workspace is read-only in the sandbox: bubblewrap 0\.9\.0 cannot lay a throwaway layer/),
      expect.stringMatching(/^strace is not available: side effects are judged only from what servers print on stderr/),
      expect.stringMatching(/^mcp-preflight runs as root/),
    ]);
    expect(limited.sandbox?.strace).toBeUndefined();
  });

  it('tries the namespaces it will use: network none unshares the network in the trial too', async () => {
    const host = fakeHost();
    await probeSandbox(host, 'none');
    expect(host.commands.find((c) => c.at(-1) === '/bin/true')).toContain('--unshare-net');
  });

  it('auto falls back to process with one notice naming what is lost and how to enable the sandbox (AppArmor)', async () => {
    const choice = await chooseIsolation({ mode: 'auto', network: 'none' }, fakeHost({ apparmor: true }));
    expect(choice.error).toBeUndefined();
    expect(choice.settings.effective).toBe('process');
    expect(choice.settings.notice).toMatch(
      /^No sandbox: AppArmor restricts unprivileged user namespaces \(bwrap: setting up uid map: Permission denied\)\./,
    );
    expect(choice.settings.notice).toMatch(/no boundary, and network "none" is not enforced/);
    expect(choice.settings.notice).toMatch(/sysctl -w kernel\.apparmor_restrict_unprivileged_userns=0/);
  });

  it.each([
    [{ bwrap: false }, /bubblewrap \(bwrap\) is not installed.*apt-get install bubblewrap/],
    [{ noUserns: true }, /unprivileged user namespaces are not available/],
  ])('auto without a working bwrap (%j) falls back with the reason and the fix', async (machine, notice) => {
    const choice = await chooseIsolation({ mode: 'auto', network: 'host' }, fakeHost(machine));
    expect(choice.settings).toMatchObject({ effective: 'process', notice: expect.stringMatching(notice) });
  });

  it.each(['darwin', 'win32'] as const)('auto on %s is process, and the notice says sandboxing is Linux-only', async (platform) => {
    const host = fakeHost({ platform });
    const choice = await chooseIsolation({ mode: 'auto', network: 'host' }, host);
    expect(choice.settings.effective).toBe('process');
    expect(choice.settings.notice).toMatch(new RegExp(`^No sandbox on ${platform} \\(sandboxing is Linux-only\\)`));
    expect(host.commands).toEqual([]);
  });

  it('an explicit sandbox or docker that is not available is an error, never a quiet fallback', async () => {
    expect((await chooseIsolation({ mode: 'sandbox', network: 'host' }, fakeHost({ apparmor: true }))).error).toMatch(
      /^isolation sandbox is not available: AppArmor restricts/,
    );
    expect((await chooseIsolation({ mode: 'docker', network: 'host' }, fakeHost({ docker: 'cli-only' }))).error).toMatch(
      /^isolation docker is not available: no Docker engine answers \(Cannot connect to the Docker daemon/,
    );
    expect((await chooseIsolation({ mode: 'docker', network: 'host' }, fakeHost())).error).toMatch(/the docker command is not installed/);
    expect((await chooseIsolation({ mode: 'process', network: 'none' }, fakeHost())).error).toMatch(
      /network "none" needs isolation sandbox or docker/,
    );
  });

  it('docker with an engine, and its image', async () => {
    const choice = await chooseIsolation({ mode: 'docker', network: 'none', image: 'node:22' }, fakeHost({ docker: 'engine' }));
    expect(choice.settings).toMatchObject({ effective: 'docker', network: 'none', image: 'node:22', tool: 'Docker 27.1.1' });
    expect(choice.docker).toEqual({ cli: '/usr/bin/docker', version: 'Docker 27.1.1' });
  });

  it('process is stated as no boundary', async () => {
    const choice = await chooseIsolation({ mode: 'process', network: 'host' }, fakeHost());
    expect(choice.settings).toEqual({
      requested: 'process',
      network: 'host',
      effective: 'process',
      limits: ["Servers run as plain processes of the runner's user: a convenience, not a security boundary."],
    });
  });
});
