import type { BootRecord } from '../model/boot.js';
import type { ClientOs, LaunchPolicy } from '../model/profile.js';
import { MAIN_POLICY } from './launch-plan.js';

const OS_NAMES: Record<ClientOs, string> = { darwin: 'macOS', linux: 'Linux', win32: 'Windows' };

export function osName(os: ClientOs): string {
  return OS_NAMES[os];
}

/** The boot answered initialize with a result. */
export function bootStarted(boot: BootRecord): boolean {
  return boot.startupMs !== undefined;
}

/** What in a launch policy differs from the main probe's, as the parts of a fix. */
export function policyDifferences(policy: LaunchPolicy): Array<'env' | 'path' | 'cwd'> {
  const parts: Array<'env' | 'path' | 'cwd'> = [];
  if (policy.env !== MAIN_POLICY.env) parts.push('env');
  if (policy.path !== MAIN_POLICY.path) parts.push('path');
  if (policy.cwd !== MAIN_POLICY.cwd) parts.push('cwd');
  return parts;
}
