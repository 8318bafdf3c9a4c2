import type { CheckStatus } from '../model/check.js';

/** Severity order used everywhere a status is aggregated or ranked: fail > warn > pass > skip. */
const severity: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

export function worstStatus(statuses: Iterable<CheckStatus>): CheckStatus {
  let worst: CheckStatus = 'skip';
  for (const status of statuses) if (severity[status] > severity[worst]) worst = status;
  return worst;
}

export function compareSeverity(a: CheckStatus, b: CheckStatus): number {
  return severity[b] - severity[a];
}
