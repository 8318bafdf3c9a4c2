/** The step outputs, derived from the report alone (independent of fail-on, so workflows can branch on them). */
import type { CheckStatus } from '../model/check.js';
import type { Report } from '../model/report.js';
import { worstStatus } from '../report/status.js';

export type ActionOutputName = 'report-path' | 'servers' | 'passed' | 'warned' | 'failed' | 'status';

/**
 * `cancelled` when SIGINT or SIGTERM cut the run short (the counts are of a partial report); else `fail` when a server
 * failed or a config file could not be read, `warn`, `pass`, or `skip` when nothing ran.
 */
export function overallStatus(report: Report): CheckStatus | 'cancelled' {
  if (report.cancelled) return 'cancelled';
  if (report.totals.configErrors > 0) return 'fail';
  return worstStatus([...report.servers.map((s) => s.status), ...report.configs.flatMap((c) => c.checks.map((k) => k.status))]);
}

export function actionOutputs(report: Report, reportPath: string): Record<ActionOutputName, string> {
  const t = report.totals;
  return {
    'report-path': reportPath,
    servers: String(t.servers),
    passed: String(t.passed),
    warned: String(t.warned),
    failed: String(t.failed),
    status: overallStatus(report),
  };
}
