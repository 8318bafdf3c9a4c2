import type { Check, CheckContext, CheckOutcome, CheckResult, FileCheck } from '../model/check.js';
import type { ConfigFile } from '../model/spec.js';
import { fileChecks, serverChecks } from './registry.js';
import { worst } from './util/outcome.js';
import { excerpt } from './util/text.js';

/** A check that throws is a bug in mcp-preflight: report it on the server instead of ending the run. */
function crashed(id: string, error: unknown): CheckOutcome {
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    status: 'fail',
    message:
      `The check "${id}" itself crashed (${excerpt(detail, 200)}). This is a bug in mcp-preflight, not a finding about ` +
      'the server; please report it with this message. The server was not judged by this check.',
  };
}

function outcomesOf(id: string, run: () => CheckOutcome | CheckOutcome[]): CheckOutcome[] {
  try {
    const result = run();
    const outcomes = Array.isArray(result) ? result : [result];
    return outcomes.length > 0 ? oneResultPerClient(outcomes) : [crashed(id, new Error('returned no result'))];
  } catch (error) {
    return [crashed(id, error)];
  }
}

/**
 * One result per client (and one about every client): a check that found several things for the same client says them
 * in one result, worst status first, so the report never holds two `tool-names` rows for Claude Code. The position is
 * the worst finding's; the others' fields and lines are in its message.
 */
export function oneResultPerClient(outcomes: readonly CheckOutcome[]): CheckOutcome[] {
  const groups = new Map<string | undefined, CheckOutcome[]>();
  for (const outcome of outcomes) groups.set(outcome.client, [...(groups.get(outcome.client) ?? []), outcome]);
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0] as CheckOutcome;
    const status = worst(group.map((o) => o.status));
    // Beside a finding, a pass or skip says nothing worth reading.
    const kept = status === 'fail' || status === 'warn' ? group.filter((o) => o.status === 'fail' || o.status === 'warn') : group;
    const ordered = [...kept.filter((o) => o.status === status), ...kept.filter((o) => o.status !== status)];
    const first = ordered[0] as CheckOutcome;
    const evidence = ordered.flatMap((o) => o.evidence ?? []);
    return {
      status,
      message: ordered.map((o) => o.message).join(' '),
      ...(evidence.length > 0 && { evidence }),
      ...(first.position && { position: first.position }),
      ...(first.client !== undefined && { client: first.client }),
    };
  });
}

/**
 * Why a check cannot run: the transcript is missing, or a prerequisite failed or was skipped. A skip names the root
 * cause (`"spawn" failed`) rather than the chain of checks it travelled through.
 */
function blockedBy(
  check: Check,
  ctx: Omit<CheckContext, 'previous'>,
  previous: ReadonlyMap<string, CheckResult[]>,
  roots: ReadonlyMap<string, string>,
  notApplicable: ReadonlySet<string>,
): string | undefined {
  if (check.needsTranscript && !ctx.transcript) {
    return `the server was not launched: ${ctx.notLaunchedReason ?? 'it could not be launched'}`;
  }
  for (const id of check.requires) {
    if (notApplicable.has(id)) continue;
    const results = previous.get(id);
    if (!results) return `its prerequisite "${id}" did not run`;
    const blocking = results.find((r) => r.status === 'fail' || r.status === 'skip');
    if (!blocking) continue;
    if (blocking.status === 'fail') return `"${id}" failed`;
    const root = roots.get(id);
    return root ? `${root} (needed by "${id}")` : `"${id}" was skipped: ${blocking.message.replace(/\.$/, '')}`;
  }
  return undefined;
}

/**
 * Runs the server checks in order. Each check sees the results of the ones before it in `previous`; a check whose
 * transcript is missing or whose prerequisite failed or was skipped is skipped with the reason. Never throws.
 */
export function runServerChecks(ctx: Omit<CheckContext, 'previous'>, checks: readonly Check[] = serverChecks): CheckResult[] {
  const previous = new Map<string, CheckResult[]>();
  const roots = new Map<string, string>();
  const notApplicable = new Set<string>();
  const all: CheckResult[] = [];
  const fallback = ctx.server.spec.source;
  const transport = ctx.server.spec.transport;
  for (const check of checks) {
    if (check.transports && !check.transports.includes(transport)) {
      notApplicable.add(check.id);
      const result: CheckResult = { id: check.id, status: 'skip', message: notApplicableMessage(check, transport), position: fallback };
      previous.set(check.id, [result]);
      all.push(result);
      continue;
    }
    const root = blockedBy(check, ctx, previous, roots, notApplicable);
    if (root) roots.set(check.id, root.replace(/ \(needed by "[^"]*"\)$/, ''));
    const outcomes = root
      ? [{ status: 'skip' as const, message: `Skipped because ${root}.` }]
      : outcomesOf(check.id, () => check.run({ ...ctx, previous }));
    const results = outcomes.map((o): CheckResult => ({ id: check.id, ...o, position: o.position ?? fallback }));
    previous.set(check.id, results);
    all.push(...results);
  }
  return all;
}

function notApplicableMessage(check: Check, transport: string): string {
  const remote = check.transports?.every((t) => t === 'http' || t === 'sse');
  return remote
    ? `Does not apply: this is a ${transport} server, and the check concerns remote (HTTP) servers.`
    : `Does not apply: this is a remote (${transport}) server, and the check concerns servers launched as a process (stdio).`;
}

/** Runs the file checks on one config file. Never throws. */
export function runFileChecks(file: ConfigFile, checks: readonly FileCheck[] = fileChecks): CheckResult[] {
  const fallback = { file: file.displayPath, line: 1, column: 1 };
  return checks.flatMap((check) =>
    outcomesOf(check.id, () => check.run(file)).map((o): CheckResult => ({ id: check.id, ...o, position: o.position ?? fallback })),
  );
}
