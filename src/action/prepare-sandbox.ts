/**
 * Makes the sandbox work on a GitHub-hosted Linux runner, and only there (the CLI and self-hosted runners never change
 * system settings): installs bubblewrap (and strace, the side-effects evidence) when missing, and lifts AppArmor's
 * restriction of unprivileged user namespaces for bwrap alone (ubuntu-24.04 images keep
 * `kernel.apparmor_restrict_unprivileged_userns=1`, so a plain bwrap fails with `setting up uid map: Permission
 * denied`). Needs passwordless sudo, which hosted runners have. Checked at run time, not by image name; every step is
 * said in the log.
 */
import type { IsolationMode, NetworkMode } from '../model/isolation.js';
import { APPARMOR_USERNS_SYSCTL, type IsolationHost, probeSandbox } from '../launch/isolation.js';

const APT_TIMEOUT_MS = 5 * 60_000;
const SUDO_TIMEOUT_MS = 30_000;

/** An AppArmor profile that lets bwrap (and only bwrap) create user namespaces. */
export function bwrapAppArmorProfile(bwrap: string): string {
  return [
    'abi <abi/4.0>,',
    'include <tunables/global>',
    `profile mcp-preflight-bwrap ${bwrap} flags=(unconfined) {`,
    '  userns,',
    '}',
    '',
  ].join('\n');
}

export interface PrepareOptions {
  mode: IsolationMode;
  network: NetworkMode;
  host: IsolationHost;
  log: (line: string) => void;
}

export async function prepareSandbox({ mode, network, host, log }: PrepareOptions): Promise<void> {
  if (host.platform !== 'linux' || (mode !== 'auto' && mode !== 'sandbox')) return;
  if (host.env.RUNNER_ENVIRONMENT !== 'github-hosted') return;
  const first = await probeSandbox(host, network);
  if (first.ok && first.tooling.strace) return;
  const sudo = (args: string[], options: { timeoutMs?: number; input?: string } = {}) =>
    host.run('sudo', ['-n', ...args], {
      timeoutMs: options.timeoutMs ?? SUDO_TIMEOUT_MS,
      ...(options.input !== undefined && { input: options.input }),
    });
  if ((await sudo(['true'])).code !== 0) {
    log('Sandbox setup: passwordless sudo is not available on this runner, so nothing was installed or changed.');
    return;
  }

  const missing = [...(host.which('bwrap') ? [] : ['bubblewrap']), ...(host.which('strace') ? [] : ['strace'])];
  if (missing.length > 0) {
    const started = Date.now();
    const install = () =>
      sudo(['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', ...missing], {
        timeoutMs: APT_TIMEOUT_MS,
      });
    let installed = await install();
    // A runner image's package lists can be older than the archive: refresh them once and try again.
    if (installed.code !== 0 && (await sudo(['apt-get', 'update'], { timeoutMs: APT_TIMEOUT_MS })).code === 0) installed = await install();
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(
      installed.code === 0
        ? `Sandbox setup: installed ${missing.join(' and ')} with apt-get (${seconds} s).`
        : `Sandbox setup: apt-get could not install ${missing.join(' and ')}: ${lastLine(installed.stderr)}`,
    );
  }

  const probe = await probeSandbox(host, network);
  if (!probe.ok && probe.reason === 'apparmor') {
    const bwrap = host.which('bwrap') ?? '/usr/bin/bwrap';
    const loaded = await sudo(['apparmor_parser', '--replace'], { input: bwrapAppArmorProfile(bwrap) });
    if (loaded.code === 0) {
      log(
        `Sandbox setup: loaded an AppArmor profile that lets ${bwrap} create user namespaces (kernel.apparmor_restrict_unprivileged_userns is 1 here).`,
      );
    } else {
      const sysctl = await sudo(['sysctl', '-w', 'kernel.apparmor_restrict_unprivileged_userns=0']);
      log(
        sysctl.code === 0
          ? `Sandbox setup: the AppArmor profile did not load (${lastLine(loaded.stderr)}); set kernel.apparmor_restrict_unprivileged_userns=0 for this job instead.`
          : `Sandbox setup: could not lift AppArmor's user-namespace restriction (${lastLine(loaded.stderr)}; ${lastLine(sysctl.stderr)}).`,
      );
    }
  }
  const final = await probeSandbox(host, network);
  log(
    final.ok
      ? `Sandbox setup: the sandbox works (${final.tooling.version}${final.tooling.strace ? ', with strace' : ', without strace'}).`
      : `Sandbox setup: the sandbox still does not work: ${final.detail}.${host.readFile(APPARMOR_USERNS_SYSCTL)?.trim() === '1' ? ' AppArmor still restricts user namespaces.' : ''}`,
  );
}

function lastLine(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  return lines[lines.length - 1]?.trim() ?? 'no message';
}
