import type { ClientVerdict, Report, ServerReport } from '../model/report.js';
import { clientName, PROFILES } from '../profiles/index.js';

/** The servers × clients table both renderers draw: which columns, and each server's cells (absent: not selected). */
export interface ClientMatrixView {
  clients: Array<{ id: string; name: string }>;
  rows: Array<{ server: ServerReport; cells: Array<ClientVerdict | undefined> }>;
}

/**
 * The matrix, when it says something at a glance: more than one client in the run, or a server that does not simply
 * work in its one client (`always`: whenever some server was judged for a client). Columns follow the profile order.
 */
export function clientMatrixView(report: Report, options: { always?: boolean } = {}): ClientMatrixView | undefined {
  const servers = report.servers.filter((s) => s.clients && Object.keys(s.clients).length > 0);
  const ids = new Set(servers.flatMap((s) => Object.keys(s.clients ?? {})));
  const notSimple = servers.some((s) => Object.values(s.clients ?? {}).some((v) => v.status !== 'works'));
  if (ids.size === 0 || (ids.size === 1 && !notSimple && !options.always)) return undefined;
  const order = PROFILES.map((p) => p.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const clients = [...ids].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((id) => ({ id, name: clientName(id) }));
  return { clients, rows: servers.map((server) => ({ server, cells: clients.map((c) => server.clients?.[c.id]) })) };
}
