/**
 * Applies suppressions to the results of each server as the engine judges it, and tells afterwards which suppressions
 * matched nothing they could have (stale: the finding is gone, or the server no longer exists). Pure over what it is
 * given; the engine owns the order of calls.
 */
import type { CheckResult, CheckStatus } from '../model/check.js';
import type { SuppressionReport } from '../model/report.js';
import type { ServerSpec } from '../model/spec.js';
import type { Suppression } from '../model/suppression.js';

interface Seen {
  matched: number;
  /** Statuses of the results it applied to that were not findings (pass: the finding is gone; skip: not judged). */
  other: Set<CheckStatus>;
}

export class Suppressor {
  private readonly seen = new Map<Suppression, Seen>();
  private readonly servers = new Set<string>();

  constructor(private readonly suppressions: readonly Suppression[]) {
    for (const s of suppressions) this.seen.set(s, { matched: 0, other: new Set() });
  }

  /** The suppression of each of a server's findings (warn or fail) that one applies to: the first that matches. */
  apply(spec: Pick<ServerSpec, 'name' | 'client'>, results: readonly CheckResult[]): Map<CheckResult, Suppression> {
    this.servers.add(spec.name);
    const marks = new Map<CheckResult, Suppression>();
    for (const result of results) {
      const finding = result.status === 'warn' || result.status === 'fail';
      for (const suppression of this.suppressions) {
        if (!applies(suppression, spec, result)) continue;
        const seen = this.seen.get(suppression)!;
        if (!finding) {
          seen.other.add(result.status);
          continue;
        }
        seen.matched++;
        if (!marks.has(result)) marks.set(result, suppression);
      }
    }
    return marks;
  }

  /**
   * Every suppression with what it matched. One that matched no finding is stale when the run could have matched it:
   * the check passed, or no server of that name was checked. It is not judged when the check was skipped (the server
   * did not start, say) or when the run checked only some servers (`selected`) and not this one.
   */
  report(selected: readonly string[]): SuppressionReport[] {
    return this.suppressions.map((suppression) => {
      const { matched, other } = this.seen.get(suppression)!;
      const entry: SuppressionReport = { ...suppression, matched };
      if (matched > 0 || other.has('skip')) return entry;
      const partial = selected.length > 0 && (suppression.server === undefined || !selected.includes(suppression.server));
      if (partial) return entry;
      const scope = describeScope(suppression);
      if (suppression.server !== undefined && !this.servers.has(suppression.server)) {
        return { ...entry, stale: `no server named ${JSON.stringify(suppression.server)} was checked` };
      }
      if (other.has('pass')) return { ...entry, stale: `${suppression.check} passes${scope}: the finding it silenced is gone` };
      return { ...entry, stale: `there was no ${suppression.check} result${scope}` };
    });
  }
}

function applies(suppression: Suppression, spec: Pick<ServerSpec, 'name' | 'client'>, result: CheckResult): boolean {
  if (suppression.check !== result.id) return false;
  if (suppression.server !== undefined && suppression.server !== spec.name) return false;
  return suppression.client === undefined || suppression.client === (result.client ?? spec.client);
}

function describeScope(suppression: Suppression): string {
  const server = suppression.server !== undefined ? ` for ${JSON.stringify(suppression.server)}` : '';
  const client = suppression.client !== undefined ? ` in ${suppression.client}` : '';
  return `${server}${client}`;
}

/** A check's status as verdicts count it: a suppressed finding counts as a pass. */
export function countedStatus(check: { status: CheckStatus; suppressed?: unknown }): CheckStatus {
  return check.suppressed ? 'pass' : check.status;
}
