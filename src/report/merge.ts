/**
 * Many legs' reports (a job matrix: OSes × shards) into one: a report the single-run renderers, annotations, verdict
 * and exit status work on unchanged, plus the servers × (leg, client) table and what differs between legs. Pure: the
 * reports were read and validated by merge-input.ts.
 *
 * A leg is named by its label (`--leg`, input `leg`), else the runner's OS. Shards of one leg are put back together;
 * a finding several legs agree on is one finding, one seen on some legs only says which.
 */
import type { CheckStatus } from '../model/check.js';
import type {
  CheckReport,
  ClientVerdict,
  ConfigReport,
  LegCell,
  MergedLeg,
  MergedServer,
  Report,
  RunnerInfo,
  ServerReport,
} from '../model/report.js';

export type { LegCell, MergedLeg, MergedServer };
import { buildReport } from './build.js';
import { truncate } from './markdown-escape.js';
import { worstStatus } from './status.js';
import { forTerminal } from './untrusted-text.js';

export interface MergeInput {
  /** Where the report came from (a file name), for messages. */
  source: string;
  report: Report;
}

export interface MergedRun {
  report: Report;
  legs: MergedLeg[];
  servers: MergedServer[];
  /** Missing or duplicate shards and the like, one sentence each. */
  notes: string[];
  /** Each leg's reports as read (one per shard kept), for formats that show legs apart (JUnit). */
  legReports: Array<{ leg: string; report: Report }>;
  /** Some shard of some leg is missing: its servers were not checked there, so the merge cannot pass. */
  incomplete: boolean;
}

export type MergeOutcome = { ok: true; merged: MergedRun } | { ok: false; error: string };

const osNames: Record<string, string> = { linux: 'Linux', win32: 'Windows', darwin: 'macOS' };
const maxReasonChars = 160;

/** The name of a leg's column: its label, else the runner's OS as GitHub names it. */
export function legLabel(runner: RunnerInfo): string {
  const label = runner.leg ?? runner.actions?.os ?? osNames[runner.os] ?? runner.os;
  return truncate(forTerminal(label), 64);
}

export function mergeReports(inputs: readonly MergeInput[], runner: RunnerInfo): MergeOutcome {
  const first = inputs[0];
  if (!first) return { ok: false, error: 'no report to merge' };
  const version = first.report.tool.version;
  const other = inputs.find((i) => i.report.tool.version !== version || i.report.schemaVersion !== first.report.schemaVersion);
  if (other) {
    return {
      ok: false,
      error:
        `${forTerminal(other.source)} was written by mcp-preflight ${forTerminal(String(other.report.tool.version))} ` +
        `(report schema ${other.report.schemaVersion}) and ${forTerminal(first.source)} by ${forTerminal(version)} ` +
        `(schema ${first.report.schemaVersion}): merge reports of one version (every leg uses the same action ref).`,
    };
  }

  // Legs in first-seen order; within a leg, the reports of its shards.
  const groups = new Map<string, MergeInput[]>();
  for (const input of inputs) {
    const label = legLabel(input.report.runner);
    groups.set(label, [...(groups.get(label) ?? []), input]);
  }
  const notes: string[] = [];
  const legs: MergedLeg[] = [];
  const legReports = new Map<string, Report[]>();
  for (const [label, group] of groups) {
    const { kept, shards, missing, duplicate, notes: shardNotes } = joinShards(label, group);
    notes.push(...shardNotes);
    legReports.set(label, kept);
    const r = kept[0]?.runner ?? group[0]!.report.runner;
    const cancelled = kept.find((k) => k.cancelled)?.cancelled?.signal;
    legs.push({
      label,
      os: osNames[r.os] ?? forTerminal(r.os),
      arch: forTerminal(r.arch),
      node: forTerminal(r.node),
      shards,
      missingShards: missing,
      duplicateShards: duplicate,
      clients: [...new Set(kept.flatMap((k) => k.servers.flatMap((s) => Object.keys(s.clients ?? {}))))],
      ...(cancelled !== undefined && { cancelled: forTerminal(cancelled) }),
    });
  }

  // One merged server per (config, name), in first-seen order.
  const perServer = new Map<string, { base: ServerReport; byLeg: Map<string, ServerReport> }>();
  for (const leg of legs) {
    for (const report of legReports.get(leg.label) ?? []) {
      for (const server of report.servers) {
        const key = `${server.config.replaceAll('\\', '/')}\0${server.name}`;
        const entry = perServer.get(key) ?? { base: server, byLeg: new Map<string, ServerReport>() };
        if (!entry.byLeg.has(leg.label)) entry.byLeg.set(leg.label, server);
        perServer.set(key, entry);
      }
    }
  }
  const servers: ServerReport[] = [];
  const rows: MergedServer[] = [];
  for (const { base, byLeg } of perServer.values()) {
    // Labels and client ids come from untrusted reports: own properties only (a leg called __proto__ stays a leg).
    const cells: Record<string, LegCell> = Object.fromEntries([...byLeg].map(([label, server]) => [label, cell(server)]));
    const difference = describeDifference(cells);
    rows.push({ name: base.name, config: base.config, line: base.line, cells, ...(difference && { difference }) });
    servers.push(mergedServer(base, byLeg));
  }

  const configs = mergedConfigs(legs.flatMap((leg) => legReports.get(leg.label) ?? []));
  const all = inputs.map((i) => i.report);
  const cancelledLeg = legs.find((l) => l.cancelled !== undefined);
  const incomplete = legs.some((l) => l.missingShards.length > 0);
  const report = buildReport({
    tool: first.report.tool,
    runner,
    startedAt: all.map((r) => r.startedAt).sort()[0] ?? first.report.startedAt,
    durationMs: Math.max(...all.map((r) => r.durationMs)),
    settings: { ...first.report.settings },
    configs,
    servers,
    ...(cancelledLeg && { cancelled: { signal: `${cancelledLeg.cancelled} on ${cancelledLeg.label}` } }),
  });
  report.merge = { legs, servers: rows, notes };
  const perLeg = legs.flatMap((leg) => (legReports.get(leg.label) ?? []).map((r) => ({ leg: leg.label, report: r })));
  return { ok: true, merged: { report, legs, servers: rows, notes, legReports: perLeg, incomplete } };
}

/** The reports of one leg's shards: one per shard index, with what is missing or twice. */
function joinShards(label: string, group: readonly MergeInput[]) {
  const notes: string[] = [];
  const counts = [...new Set(group.map((g) => g.report.shard?.count ?? 1))];
  const shards = Math.max(...counts);
  if (counts.length > 1) {
    notes.push(`${label}: reports split into different numbers of shards (${counts.join(', ')}): shards are read as parts of ${shards}`);
  }
  const byIndex = new Map<number, MergeInput>();
  const duplicate = new Set<number>();
  for (const input of group) {
    const index = input.report.shard?.index ?? 1;
    const seen = byIndex.get(index);
    if (seen) {
      duplicate.add(index);
      notes.push(
        `${label}: shard ${index}/${shards} twice (${forTerminal(seen.source)} and ${forTerminal(input.source)}); the first is used`,
      );
    } else byIndex.set(index, input);
  }
  const missing = Array.from({ length: shards }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    notes.push(
      `${label}: shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${shards}`).join(', ')} missing: ` +
        'their servers were not checked on this leg (did that job fail before uploading its report?)',
    );
  }
  const kept = [...byIndex.entries()].sort(([a], [b]) => a - b).map(([, input]) => input.report);
  return { kept, shards, missing, duplicate: [...duplicate], notes };
}

function cell(server: ServerReport): LegCell {
  const counted = server.checks.filter((c) => !c.suppressed);
  const worst = counted.find((c) => c.status === 'fail') ?? counted.find((c) => c.status === 'warn');
  return {
    status: server.status,
    clients: server.clients ?? {},
    ...(worst && { reason: truncate(forTerminal(`${worst.id}: ${worst.message}`), maxReasonChars) }),
  };
}

const verbs: Record<CheckStatus, string> = { fail: 'fails', warn: 'warns', pass: 'passes', skip: 'is skipped' };

/** "fails on windows-latest: spawn: …; passes on Linux and macOS" when the legs disagree; undefined when they agree. */
export function describeDifference(cells: Readonly<Record<string, LegCell>>): string | undefined {
  const entries = Object.entries(cells);
  if (new Set(entries.map(([, c]) => `${c.status}\0${c.reason ?? ''}`)).size <= 1) return undefined;
  const parts: string[] = [];
  for (const status of ['fail', 'warn', 'pass', 'skip'] as const) {
    const legs = entries.filter(([, c]) => c.status === status);
    if (legs.length === 0) continue;
    if (status === 'fail' || status === 'warn') {
      // Legs with the same reason are named together.
      const byReason = new Map<string, string[]>();
      for (const [label, c] of legs) byReason.set(c.reason ?? '', [...(byReason.get(c.reason ?? '') ?? []), label]);
      for (const [reason, labels] of byReason) parts.push(`${verbs[status]} on ${listing(labels)}${reason ? `: ${reason}` : ''}`);
    } else parts.push(`${verbs[status]} on ${listing(legs.map(([label]) => label))}`);
  }
  return parts.join('; ');
}

function listing(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * One server over its legs: the worst status, each client's worst verdict, and every finding once — prefixed with
 * the legs it was seen on when not every leg that checked the server saw it.
 */
function mergedServer(base: ServerReport, byLeg: ReadonlyMap<string, ServerReport>): ServerReport {
  const legCount = byLeg.size;
  const groups = new Map<string, { check: CheckReport; legs: string[] }>();
  for (const [label, server] of byLeg) {
    for (const check of server.checks) {
      const key = [check.id, check.client ?? '', check.status, check.message, check.line ?? '', check.suppressed?.reason ?? ''].join('\0');
      const group = groups.get(key) ?? { check, legs: [] };
      group.legs.push(label);
      groups.set(key, group);
    }
  }
  const checks: CheckReport[] = [];
  const passedSomewhere = new Set<string>();
  for (const { check, legs } of groups.values()) {
    const finding = check.status === 'fail' || check.status === 'warn';
    if (legs.length === legCount || !finding) {
      // A pass or skip that only some legs saw is shown once, as the first leg saw it; the findings say the rest.
      const id = `${check.id}\0${check.client ?? ''}`;
      if (!finding && passedSomewhere.has(id)) continue;
      if (!finding) passedSomewhere.add(id);
      checks.push(check);
    } else checks.push({ ...check, message: `on ${listing(legs)}: ${check.message}` });
  }
  const servers = [...byLeg.values()];
  const worst = new Map<string, ClientVerdict>();
  for (const server of servers) {
    for (const [id, verdict] of Object.entries(server.clients ?? {})) {
      const seen = worst.get(id);
      if (!seen || verdictRank[verdict.status] > verdictRank[seen.status]) worst.set(id, verdict);
    }
  }
  const clients: Record<string, ClientVerdict> = Object.fromEntries(worst);
  return {
    ...base,
    status: worstStatus(servers.map((s) => s.status)),
    startupMs: maxOrNull(servers.map((s) => s.startupMs)),
    durationMs: maxOrNull(servers.map((s) => s.durationMs)),
    checks: dropPassesOfFindings(checks),
    stderrTail: servers.find((s) => s.status === 'fail')?.stderrTail ?? base.stderrTail,
    ...(Object.keys(clients).length > 0 && { clients }),
  };
}

/** A check shown as a finding for some legs needs no pass line beside it. */
function dropPassesOfFindings(checks: readonly CheckReport[]): CheckReport[] {
  const flagged = new Set(checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `${c.id}\0${c.client ?? ''}`));
  return checks.filter((c) => c.status === 'fail' || c.status === 'warn' || !flagged.has(`${c.id}\0${c.client ?? ''}`));
}

const verdictRank: Record<ClientVerdict['status'], number> = { works: 0, unknown: 1, warn: 2, fails: 3 };

function maxOrNull(values: ReadonlyArray<number | null>): number | null {
  const numbers = values.filter((v): v is number => v !== null);
  return numbers.length > 0 ? Math.max(...numbers) : null;
}

/** Config files once each (every shard reads every file): the first leg's view, with findings other legs add. */
function mergedConfigs(reports: readonly Report[]): ConfigReport[] {
  const byPath = new Map<string, ConfigReport>();
  for (const report of reports) {
    for (const config of report.configs) {
      const key = config.path.replaceAll('\\', '/');
      const seen = byPath.get(key);
      if (!seen) byPath.set(key, config);
      else {
        const known = new Set(seen.checks.map((c) => `${c.id}\0${c.status}\0${c.message}`));
        const extra = config.checks.filter((c) => !known.has(`${c.id}\0${c.status}\0${c.message}`));
        if (extra.length > 0) byPath.set(key, { ...seen, checks: [...seen.checks, ...extra] });
      }
    }
  }
  return [...byPath.values()];
}
