import type { FailOn, Report } from '../model/report.js';

/** Whether a run fails at the given level, with a one-line reason for the step/exit code. */
export function verdict(report: Report, failOn: FailOn): { failed: boolean; reason: string } {
  const { failed, warned, configErrors, servers } = report.totals;
  const errors = failed + configErrors;
  const summary = `${servers} server(s): ${failed} failed, ${warned} warned; ${configErrors} config error(s)`;
  if (failOn === 'never') return { failed: false, reason: summary };
  if (errors > 0) return { failed: true, reason: `mcp-preflight found errors — ${summary}` };
  if (failOn === 'warning' && warned > 0) return { failed: true, reason: `mcp-preflight found warnings (fail-on: warning) — ${summary}` };
  return { failed: false, reason: summary };
}
