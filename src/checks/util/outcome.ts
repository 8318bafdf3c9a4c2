import type { CheckOutcome, CheckStatus } from '../../model/check.js';
import type { SourcePosition } from '../../model/spec.js';

interface Extra {
  evidence?: string[];
  position?: SourcePosition;
}

function outcome(status: CheckStatus, message: string, extra: Extra = {}): CheckOutcome {
  const result: CheckOutcome = { status, message };
  if (extra.evidence && extra.evidence.length > 0) result.evidence = extra.evidence;
  if (extra.position) result.position = extra.position;
  return result;
}

export const pass = (message: string, extra?: Extra) => outcome('pass', message, extra);
export const warn = (message: string, extra?: Extra) => outcome('warn', message, extra);
export const fail = (message: string, extra?: Extra) => outcome('fail', message, extra);
export const skip = (message: string, extra?: Extra) => outcome('skip', message, extra);

const rank: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

/** fail > warn > pass > skip. */
export function worst(statuses: readonly CheckStatus[]): CheckStatus {
  return statuses.reduce<CheckStatus>((a, b) => (rank[b] > rank[a] ? b : a), 'skip');
}
