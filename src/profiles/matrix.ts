import type { CheckResult } from '../model/check.js';
import type { ClientProfile } from '../model/profile.js';
import type { ClientVerdict } from '../model/report.js';
import { excerpt } from '../checks/util/text.js';

/**
 * The servers × clients table: for each selected client, the whole verdict of the server there — the worst of the
 * results about that client (client-compat, tool-names, tool-schemas, startup-time, protocol-versions with a `client`)
 * and of the results about every client (stdout-purity, spawn, jsonrpc…), so a cell never shows ✔ beside a failed
 * status that concerns that client. Two exceptions, both about how the client starts the server:
 * - a launch failure of the main probe (the MCP SDK's allow-list) does not count for a client whose own launch worked
 *   (a server that needs a variable Claude Code passes);
 * - for a client whose launch no source documents, such a failure is `unknown` when another client's launch worked.
 */

/** Failures of the main probe's launch, which a client that starts servers differently may not see. */
const LAUNCH_FAILURES = new Set(['spawn', 'handshake', 'stays-alive']);

export function clientMatrix(
  profiles: readonly ClientProfile[],
  results: readonly CheckResult[],
  launched: boolean,
): Record<string, ClientVerdict> {
  const launchWorks = new Set(results.filter((r) => r.id === 'client-compat' && r.status === 'pass' && r.client).map((r) => r.client));
  const table: Record<string, ClientVerdict> = {};
  for (const profile of profiles) table[profile.id] = verdictFor(profile, results, launched, launchWorks);
  return table;
}

function verdictFor(
  profile: ClientProfile,
  results: readonly CheckResult[],
  launched: boolean,
  launchWorks: ReadonlySet<string | undefined>,
): ClientVerdict {
  const ownLaunchWorks = launchWorks.has(profile.id);
  const own = results.filter((r) => r.client === profile.id);
  const shared = results.filter((r) => r.client === undefined && !(ownLaunchWorks && LAUNCH_FAILURES.has(r.id)));
  const ownFailure = own.find((r) => r.status === 'fail');
  if (ownFailure) return { status: 'fails', reason: reason(ownFailure) };
  const sharedFailure = shared.find((r) => r.status === 'fail');
  if (sharedFailure) {
    if (!profile.launchKnown && LAUNCH_FAILURES.has(sharedFailure.id) && launchWorks.size > 0) {
      return {
        status: 'unknown',
        reason:
          `${sharedFailure.id} failed with the MCP SDK's allow-list and another client's launch worked; how ${profile.name} ` +
          'starts servers is not documented.',
      };
    }
    return { status: 'fails', reason: `${sharedFailure.id}: ${reason(sharedFailure)}` };
  }
  const warning = own.find((r) => r.status === 'warn') ?? shared.find((r) => r.status === 'warn');
  if (warning) return { status: 'warn', reason: `${warning.client ? '' : `${warning.id}: `}${reason(warning)}` };
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
