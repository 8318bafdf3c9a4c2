/**
 * The parts of a merged run no single run has: the servers × (leg, client) table, the servers whose verdict depends
 * on the leg, and the notes on missing or duplicate shards. For the terminal and for the job summary / PR comment;
 * the rest of each output is the single-run renderer's over the merged report.
 */
import type { CheckStatus } from '../model/check.js';
import type { ClientVerdict } from '../model/report.js';
import { renderJobSummary, type JobSummaryOptions } from './job-summary.js';
import { escapeHtml, truncate } from './markdown-escape.js';
import type { LegCell, MergedLeg, MergedRun } from './merge.js';
import { forTerminal } from './untrusted-text.js';

const statusIcons: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️' };
const verdictIcons: Record<ClientVerdict['status'], string> = { works: '✅', warn: '⚠️', fails: '❌', unknown: '❔' };
const statusWords: Record<CheckStatus, string> = { pass: 'pass', warn: 'warn', fail: 'FAIL', skip: 'skip' };
const verdictWords: Record<ClientVerdict['status'], string> = { works: 'works', warn: 'warn', fails: 'FAILS', unknown: '?' };
const maxNameChars = 100;

interface Column {
  leg: string;
  /** Absent: the leg judged no client, the column is the server's status there. */
  client?: string;
}

function columns(legs: readonly MergedLeg[]): Column[] {
  return legs.flatMap((leg) => (leg.clients.length > 0 ? leg.clients.map((client) => ({ leg: leg.label, client })) : [{ leg: leg.label }]));
}

function cellOf(cell: LegCell | undefined, column: Column): { icon: string; word: string } {
  if (!cell) return { icon: '—', word: '—' };
  const verdict = column.client === undefined ? undefined : cell.clients[column.client];
  if (verdict) return { icon: verdictIcons[verdict.status], word: verdictWords[verdict.status] };
  // Judged for other clients, not this one (by default each server is judged for its declaring client only).
  if (Object.keys(cell.clients).length > 0) return { icon: '', word: '' };
  return { icon: statusIcons[cell.status], word: statusWords[cell.status] };
}

function legLine(leg: MergedLeg): string {
  const shards = leg.shards > 1 ? `, ${leg.shards} shards` : '';
  return `${leg.label} (${leg.os} ${leg.arch}, Node ${leg.node}${shards})`;
}

/** Lines for the terminal, before the single-run text of the merged report. */
export function mergeTerminalLines(merged: MergedRun): string[] {
  const cols = columns(merged.legs);
  const head = ['server', ...cols.map((c) => (c.client ? `${c.leg} · ${c.client}` : c.leg))];
  const rows = merged.servers.map((s) => [forTerminal(truncate(s.name, maxNameChars)), ...cols.map((c) => cellOf(s.cells[c.leg], c).word)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const lines = [`Merged ${merged.legs.length} leg(s): ${merged.legs.map(legLine).join('; ')}`, '', line(head), ...rows.map(line), ''];
  const differing = merged.servers.filter((s) => s.difference);
  for (const s of differing) lines.push(`${forTerminal(truncate(s.name, maxNameChars))}: ${s.difference}`);
  for (const note of merged.notes) lines.push(`note: ${note}`);
  if (differing.length > 0 || merged.notes.length > 0) lines.push('');
  return lines;
}

/** The job summary (and PR comment body) of a merge: the cross-leg parts, then the single-run summary of the merged report. */
export function renderMergeSummary(merged: MergedRun, options: JobSummaryOptions = {}): string {
  const cols = columns(merged.legs);
  const budget = options.maxBytes ?? 1024 * 1024 - 16 * 1024;
  // A PR comment (64 KB) gets a shorter table than the job summary (1 MiB).
  const maxTableRows = budget < 200_000 ? 40 : 300;
  const parts: string[] = [];
  parts.push(`<p>Merged from ${merged.legs.length} leg(s): ${merged.legs.map((l) => escapeHtml(legLine(l))).join(' · ')}</p>`);
  const head = cols.map((c) => `<th>${escapeHtml(c.leg)}${c.client ? `<br><sub>${escapeHtml(c.client)}</sub>` : ''}</th>`).join('');
  parts.push(`<table>\n<thead><tr><th>Server</th>${head}</tr></thead>\n<tbody>`);
  // Bounded, so the cross-leg part never crowds the per-server details out of GitHub's 1 MiB.
  for (const s of merged.servers.slice(0, maxTableRows)) {
    const cells = cols.map((c) => `<td>${cellOf(s.cells[c.leg], c).icon}</td>`).join('');
    parts.push(`<tr><td><code>${escapeHtml(truncate(s.name, maxNameChars))}</code></td>${cells}</tr>`);
  }
  parts.push('</tbody></table>');
  parts.push(
    `<p>${escapeHtml('✅ works/passes · ⚠️ warnings · ❌ fails · ❔ not judged · blank: not judged for that client · — not checked on that leg (its shard is missing)')}</p>`,
  );
  const differing = merged.servers.filter((s) => s.difference);
  if (differing.length > 0) {
    const items = differing
      .slice(0, maxTableRows)
      .map((s) => `<li><code>${escapeHtml(truncate(s.name, maxNameChars))}</code> ${escapeHtml(s.difference ?? '')}</li>`);
    parts.push(`<h3>Depends on the leg</h3>\n<ul>${items.join('')}</ul>`);
  }
  if (merged.notes.length > 0) parts.push(`<ul>${merged.notes.map((n) => `<li>⚠️ ${escapeHtml(n)}</li>`).join('')}</ul>`);
  const head2 = `${parts.join('\n')}\n`;
  const maxBytes = Math.max(8 * 1024, budget - Buffer.byteLength(head2));
  const body = renderJobSummary(merged.report, { ...options, maxBytes });
  // The single-run headline first, then the cross-leg table: what the run found, then where.
  const split = body.indexOf('\n');
  return `${body.slice(0, split + 1)}${head2}${body.slice(split + 1)}`;
}
