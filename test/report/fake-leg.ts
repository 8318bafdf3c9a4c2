import type { Report } from '../../src/model/report.js';

/** A leg on another OS, faked from a real one: its runner fields, and optionally one server failing there. */
export function fakeLeg(report: Report, leg: string, platform: NodeJS.Platform, failing?: string): Report {
  const copy = structuredClone(report);
  copy.runner = { ...copy.runner, os: platform, leg };
  const server = copy.servers.find((s) => s.name === failing);
  if (server) {
    server.status = 'fail';
    const reason = 'spawn ENOENT for npx: Windows needs "cmd /c npx"';
    server.checks = server.checks.map((c) => (c.id === 'spawn' ? { ...c, status: 'fail', message: reason } : c));
    // What the run there would have said of each client, too: a server that does not start works in none.
    if (server.clients) {
      server.clients = Object.fromEntries(Object.keys(server.clients).map((id) => [id, { status: 'fails', reason: `spawn: ${reason}` }]));
    }
  }
  return copy;
}
