import type { CheckReport, ServerReport } from '../model/report.js';

/** One finding that several servers share: the first server's check stands for all of them. */
export interface FindingGroup {
  check: CheckReport;
  servers: ServerReport[];
}

/**
 * Groups the same finding across servers: same check, status, client and suppression, and the same message once the
 * server's own name and every number (times, pids, counts) are set aside. Under `--client all` one client's launch
 * problem is otherwise repeated for every server. Returns each finding's group; a finding alone has a group of one.
 */
export function groupFindings(servers: readonly ServerReport[]): Map<CheckReport, FindingGroup> {
  const byKey = new Map<string, FindingGroup>();
  const groups = new Map<CheckReport, FindingGroup>();
  for (const server of servers) {
    for (const check of server.checks) {
      if (check.status !== 'fail' && check.status !== 'warn') continue;
      const key = findingKey(check, server);
      let group = byKey.get(key);
      if (!group) {
        group = { check, servers: [] };
        byKey.set(key, group);
      }
      // A server with the same finding twice (two tool-names results) keeps both, listed once.
      if (!group.servers.includes(server)) group.servers.push(server);
      groups.set(check, group);
    }
  }
  return groups;
}

function findingKey(check: CheckReport, server: ServerReport): string {
  const message = server.name === '' ? check.message : check.message.split(server.name).join('\u0000');
  const suppressed = check.suppressed ? `${check.suppressed.source}\u0000${check.suppressed.reason}` : '';
  return JSON.stringify([check.id, check.status, check.client ?? '', suppressed, message.replace(/\d+(\.\d+)?/g, '#')]);
}
