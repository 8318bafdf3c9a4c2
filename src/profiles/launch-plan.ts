import type { ClientOs, ClientProfile, LaunchPolicy } from '../model/profile.js';

/** How mcp-preflight's main probe starts every server: the MCP SDK's allow-list, the runner's PATH, the config's folder. */
export const MAIN_POLICY: LaunchPolicy = { env: 'sdk', path: 'inherit', cwd: 'workspace' };

export function policyKey(policy: LaunchPolicy): string {
  return `${policy.env}|${policy.path}|${policy.cwd}`;
}

export function describePolicy(policy: LaunchPolicy): string {
  const env = { sdk: "the MCP SDK's allow-list of variables", codex: "Codex's allow-list of variables", full: 'the whole environment' }[
    policy.env
  ];
  const path = policy.path === 'macos-gui' ? ', PATH /usr/bin:/bin:/usr/sbin:/sbin' : '';
  const cwd = policy.cwd === 'filesystem-root' ? ', not started in the project folder' : '';
  return `${env}${path}${cwd}`;
}

/** One way a client starts the server that a session on this runner can reproduce. */
export interface ClientLaunch {
  profile: ClientProfile;
  os: ClientOs;
  policy: LaunchPolicy;
  /** Reproduced on a runner of another OS (a macOS launch on Linux: same kind of system, judged as a warning). */
  simulated: boolean;
}

/** The runner's platform as a client OS (other Unixes count as Linux). */
export function runnerOs(platform: NodeJS.Platform): ClientOs {
  return platform === 'darwin' || platform === 'win32' ? platform : 'linux';
}

/**
 * The launches of a profile a boot on this runner stands for: the client's own launch when it exists on the runner's
 * OS, and on Linux also its macOS launch when that differs (the GUI PATH and `/` as cwd are reproducible on any
 * Unix). Windows launches elsewhere, and Unix launches on Windows, are judged from the config alone.
 */
export function reproducibleLaunches(profile: ClientProfile, os: ClientOs): ClientLaunch[] {
  const launches: ClientLaunch[] = [];
  if (profile.oses.includes(os)) launches.push({ profile, os, policy: profile.launch(os), simulated: false });
  if (os === 'linux' && profile.oses.includes('darwin')) {
    const mac = profile.launch('darwin');
    if (!launches.some((l) => policyKey(l.policy) === policyKey(mac)))
      launches.push({ profile, os: 'darwin', policy: mac, simulated: true });
  }
  return launches;
}

/** The distinct launch policies of the selected clients that the main probe does not already use. */
export function extraPolicies(profiles: readonly ClientProfile[], os: ClientOs): LaunchPolicy[] {
  const seen = new Map<string, LaunchPolicy>();
  for (const profile of profiles) {
    for (const { policy } of reproducibleLaunches(profile, os)) {
      const key = policyKey(policy);
      if (key !== policyKey(MAIN_POLICY) && !seen.has(key)) seen.set(key, policy);
    }
  }
  return [...seen.values()];
}
