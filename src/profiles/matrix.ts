import type { CheckResult } from '../model/check.js';
import type { ClientProfile } from '../model/profile.js';
import type { ClientVerdict } from '../model/report.js';
import { excerpt } from '../checks/util/text.js';

/**
 * The servers × clients table: for each selected client, whether the server works there. A client-specific finding
 * (client-compat, startup-time, protocol-versions) decides first; otherwise a failure that breaks every client (the
 * server does not start, answer or list its tools) makes it fail everywhere — except where client-compat found that
 * this client's own launch works (a server that needs a variable Claude Code passes and the SDK allow-list does not).
 */

/** Failures that leave the server unusable in any client. */
const BREAKS_EVERY_CLIENT = new Set([
  'config-schema',
  'config-variables',
  'spawn',
  'handshake',
  'stays-alive',
  'capabilities',
  'tools-list',
  'tool-schemas',
]);
/** Of those, the ones a different launch can avoid. */
const LAUNCH_FAILURES = new Set(['spawn', 'handshake', 'stays-alive']);

export function clientMatrix(
  profiles: readonly ClientProfile[],
  results: readonly CheckResult[],
  launched: boolean,
): Record<string, ClientVerdict> {
  const table: Record<string, ClientVerdict> = {};
  for (const profile of profiles) table[profile.id] = verdictFor(profile, results, launched);
  return table;
}

function verdictFor(profile: ClientProfile, results: readonly CheckResult[], launched: boolean): ClientVerdict {
  const own = results.filter((r) => r.client === profile.id);
  const ownFailure = own.find((r) => r.status === 'fail');
  if (ownFailure) return { status: 'fails', reason: reason(ownFailure) };
  const ownLaunchWorks = own.some((r) => r.id === 'client-compat' && r.status === 'pass');
  const everywhere = results.find(
    (r) =>
      r.client === undefined &&
      r.status === 'fail' &&
      ((BREAKS_EVERY_CLIENT.has(r.id) && !(ownLaunchWorks && LAUNCH_FAILURES.has(r.id))) ||
        (r.id === 'tool-names' && (profile.tools.invalidNames === 'rejected' || profile.tools.invalidNames === 'filtered'))),
  );
  if (everywhere) return { status: 'fails', reason: `${everywhere.id}: ${reason(everywhere)}` };
  const ownWarning = own.find((r) => r.status === 'warn');
  if (ownWarning) return { status: 'warn', reason: reason(ownWarning) };
  if (!launched && !ownLaunchWorks) {
    const skipped = results.find((r) => r.id === 'spawn' && r.status === 'skip');
    return { status: 'unknown', ...(skipped && { reason: reason(skipped) }) };
  }
  return { status: 'works' };
}

/** The first sentence of a finding, short enough for a table cell's tooltip or a JSON consumer. */
function reason(result: CheckResult): string {
  const first = result.message.split(/(?<=\.)\s/)[0] ?? result.message;
  return excerpt(first, 300);
}
