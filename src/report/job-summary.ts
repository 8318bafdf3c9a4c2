/**
 * The job summary (and the PR comment body): a headline, one table row per server, and a collapsible block per server
 * with every check and the last stderr lines. Pure HTML in a single block with no blank line, every untrusted string
 * escaped, and a byte budget so GitHub's 1 MiB per-step limit is never hit (the upload would fail otherwise).
 */
import type { CheckStatus } from '../model/check.js';
import type { CheckReport, ClientVerdict, ConfigReport, Report, ServerReport } from '../model/report.js';
import { clientMatrixView } from './client-matrix.js';
import { docsUrl, type DocsLocation } from './docs-link.js';
import { describeIsolation } from './isolation-line.js';
import { escapeHtml, escapePre, truncate } from './markdown-escape.js';
import { cancelledLine, formatMs } from './terminal.js';

/** GitHub rejects a step summary over 1 MiB. */
export const JOB_SUMMARY_LIMIT_BYTES = 1024 * 1024;

export interface JobSummaryOptions {
  docs?: DocsLocation;
  /** Default: the GitHub limit minus a margin. */
  maxBytes?: number;
  /** Stderr lines shown per server (from the end). */
  stderrLines?: number;
  /** Evidence lines shown per check. */
  evidenceLines?: number;
  /** A closing line (e.g. a link to the workflow run in a PR comment); trusted HTML. */
  footer?: string;
}

const icons: Record<CheckStatus, string> = { pass: '✅', warn: '⚠️', fail: '❌', skip: '⏭️' };
const words: Record<CheckStatus, string> = { pass: 'passed', warn: 'warned', fail: 'failed', skip: 'skipped' };
const verdictIcons: Record<ClientVerdict['status'], string> = { works: '✅', warn: '⚠️', fails: '❌', unknown: '❔' };
const osNames: Partial<Record<NodeJS.Platform, string>> = { linux: 'Linux', win32: 'Windows', darwin: 'macOS' };

const maxNameChars = 200;
const maxMessageChars = 4000;
const maxLineChars = 500;

export function renderJobSummary(report: Report, options: JobSummaryOptions = {}): string {
  const maxBytes = options.maxBytes ?? JOB_SUMMARY_LIMIT_BYTES - 16 * 1024;
  const link = (check: CheckReport) => docsUrl(check.docs, options.docs);
  const budget = new Budget(maxBytes - bytes(options.footer ?? '') - 1024);

  budget.force(headline(report));
  budget.force(facts(report));
  if (report.settings.isolation) {
    const [line, ...notes] = describeIsolation(report.settings.isolation);
    budget.force(`<p>${escapeHtml(line ?? '')}${notes.map((n) => `<br>\n<sub>${escapeHtml(n)}</sub>`).join('')}</p>`);
  }

  const problems = configProblems(report.configs, link);
  if (problems.length > 0) {
    budget.force('<h3>Config files</h3>\n<ul>');
    const shown = budget.addWhileFits(problems, 32);
    budget.force('</ul>');
    if (shown < problems.length) budget.force(note(`${problems.length - shown} of ${problems.length} config findings`));
  }

  const rows = report.servers.map(serverRow);
  if (rows.length > 0) {
    budget.force(
      '<table>\n<thead><tr><th>Server</th><th>Config</th><th>Status</th><th>Startup</th><th>Tools</th><th>Failed checks</th></tr></thead>\n<tbody>',
    );
    const shown = budget.addWhileFits(rows, 32);
    budget.force('</tbody></table>');
    if (shown < rows.length) budget.force(note(`${rows.length - shown} of ${rows.length} table rows`));
  }
  const suppressions = suppressionNotes(report);
  if (suppressions.length > 0) budget.addWhileFits(suppressions, 32);

  const matrix = clientMatrixView(report);
  if (matrix) {
    const head = matrix.clients.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
    budget.force(`<h3>Clients</h3>\n<table>\n<thead><tr><th>Server</th>${head}</tr></thead>\n<tbody>`);
    const cells = (verdict: ClientVerdict | undefined) => (verdict ? verdictIcons[verdict.status] : '');
    const matrixRows = matrix.rows.map(({ server, cells: row }) => {
      const name = `<td><code>${escapeHtml(truncate(server.name, maxNameChars))}</code></td>`;
      return `<tr>${name}${row.map((v) => `<td>${cells(v)}</td>`).join('')}</tr>`;
    });
    const shown = budget.addWhileFits(matrixRows, 32);
    budget.force('</tbody></table>');
    const legend =
      '✅ works · ⚠️ warnings · ❌ fails · ❔ not judged · blank: not selected. Each cell is the whole verdict for that client: the worst of the findings about it and about every client, below.';
    budget.force(`<p>${escapeHtml(legend)}</p>`);
    if (shown < matrixRows.length) budget.force(note(`${matrixRows.length - shown} of ${matrixRows.length} client matrix rows`));
  }

  // Rendered lazily: a huge report stops costing work once the budget is spent.
  const details = (function* () {
    for (const s of report.servers) yield serverDetails(s, link, options);
  })();
  const shownDetails = budget.addWhileFits(details, 0);
  const total = report.servers.length;
  if (shownDetails < total) budget.force(note(`the details of ${total - shownDetails} of ${total} servers`));
  if (options.footer) budget.force(options.footer);
  return `${budget.parts.join('\n')}\n`;
}

const SUPPRESSED_ICON = '🔕';

/** How many findings were suppressed (each shows under its server with its reason), and the stale suppressions. */
function suppressionNotes(report: Report): string[] {
  const count = report.servers.reduce((n, s) => n + s.checks.filter((c) => c.suppressed).length, 0);
  const stale = (report.suppressions ?? []).filter((x) => x.stale !== undefined);
  const notes = count
    ? [`<p>${SUPPRESSED_ICON} ${plural(count, 'finding')} suppressed on purpose: each is listed under its server with its reason.</p>`]
    : [];
  if (stale.length > 0) {
    const items = stale.map((x) => {
      const what = `<code>${escapeHtml(x.check)}</code>${x.server !== undefined ? ` for <code>${escapeHtml(truncate(x.server, maxNameChars))}</code>` : ''}`;
      return `<li>${icons.warn} ${what} (<code>${escapeHtml(x.source)}</code>): ${escapeHtml(x.stale ?? '')}</li>`;
    });
    notes.push(`<p>${plural(stale.length, 'stale suppression')}: they matched nothing; remove them.</p>\n<ul>${items.join('')}</ul>`);
  }
  return notes;
}

function headline(report: Report): string {
  if (report.cancelled) return `<h2>⏹️ mcp-preflight: ${escapeHtml(cancelledLine(report))}</h2>`;
  const t = report.totals;
  const servers = plural(t.servers, 'MCP server');
  let text: string;
  let icon: string;
  if (t.failed > 0 || t.configErrors > 0) {
    icon = icons.fail;
    text = t.failed > 0 ? `${t.failed} of ${servers} failed` : `${plural(t.configErrors, 'config file')} could not be read`;
  } else if (t.warned > 0) {
    icon = icons.warn;
    text = `${servers} checked, ${t.warned} with warnings`;
  } else if (t.servers === 0) {
    icon = icons.skip;
    text = 'no MCP servers checked';
  } else {
    icon = icons.pass;
    text = t.passed === t.servers ? `all ${servers} passed` : `${servers} checked, none failed`;
  }
  return `<h2>${icon} mcp-preflight: ${text}</h2>`;
}

function facts(report: Report): string {
  const t = report.totals;
  const counts = `${t.passed} passed, ${t.warned} warned, ${t.failed} failed${t.skipped ? `, ${t.skipped} skipped` : ''}`;
  const configs = `${plural(t.servers, 'server')} in ${plural(t.configs, 'config file')}${t.configErrors ? ` (${t.configErrors} unreadable)` : ''}`;
  const runner = `${osNames[report.runner.os] ?? report.runner.os} ${report.runner.arch}, Node ${report.runner.node}`;
  const tool = `${report.tool.name} ${report.tool.version}`;
  return `<p>${escapeHtml([`${configs}: ${counts}`, formatMs(report.durationMs), runner, tool].join(' · '))}</p>`;
}

function configProblems(configs: readonly ConfigReport[], link: (c: CheckReport) => string): string[] {
  const items = configs.flatMap((config) => {
    const flagged = config.checks.filter((c) => c.status === 'fail' || c.status === 'warn');
    const where = (line?: number, column?: number) => `${config.path}${line ? `:${line}${column ? `:${column}` : ''}` : ''}`;
    const fromChecks = flagged.map(
      (c) =>
        `<li>${icons[c.status]} <code>${escapeHtml(where(c.line ?? config.error?.line, c.column ?? config.error?.column))}</code> ${docsLink(c, link)}: ${escapeHtml(truncate(c.message, maxMessageChars))}</li>`,
    );
    if (config.error && !flagged.some((c) => c.status === 'fail')) {
      fromChecks.push(
        `<li>${icons.fail} <code>${escapeHtml(where(config.error.line, config.error.column))}</code>: ${escapeHtml(truncate(config.error.message, maxMessageChars))}</li>`,
      );
    }
    return fromChecks;
  });
  return items;
}

function serverRow(server: ServerReport): string {
  const failed = server.checks.filter((c) => c.status === 'fail' && !c.suppressed).map((c) => `<code>${escapeHtml(c.id)}</code>`);
  const warned = server.checks.filter((c) => c.status === 'warn' && !c.suppressed).map((c) => `<code>${escapeHtml(c.id)}</code>`);
  const findings = [failed.length ? `${icons.fail} ${failed.join(', ')}` : '', warned.length ? `${icons.warn} ${warned.join(', ')}` : '']
    .filter(Boolean)
    .join(' ');
  const tools = server.capabilities && 'tools' in server.capabilities ? String(server.tools.length) : '—';
  const cells = [
    `<code>${escapeHtml(truncate(server.name, maxNameChars))}</code>`,
    `<code>${escapeHtml(`${server.config}:${server.line}`)}</code>`,
    `${icons[server.status]} ${words[server.status]}`,
    server.startupMs === null ? '—' : formatMs(server.startupMs),
    tools,
    findings || '—',
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function serverDetails(server: ServerReport, link: (c: CheckReport) => string, options: JobSummaryOptions): string {
  const evidenceLines = options.evidenceLines ?? 10;
  const stderrLines = options.stderrLines ?? 20;
  const failed = server.checks.filter((c) => c.status === 'fail' && !c.suppressed).length;
  const warned = server.checks.filter((c) => c.status === 'warn' && !c.suppressed).length;
  const suppressed = server.checks.filter((c) => c.suppressed).length;
  const counts = [
    failed ? `${failed} failed` : '',
    warned ? plural(warned, 'warning') : '',
    suppressed ? `${suppressed} suppressed` : '',
  ].filter(Boolean);
  const label = `${icons[server.status]} <code>${escapeHtml(truncate(server.name, maxNameChars))}</code> · ${escapeHtml(`${server.config}:${server.line}`)}${counts.length ? ` · ${counts.join(', ')}` : ''}`;

  const rows = server.checks.map((check) => {
    const evidence = check.evidence ?? [];
    const shown = evidence.slice(0, evidenceLines).map((l) => truncate(l, maxLineChars));
    if (evidence.length > shown.length) shown.push(`… ${evidence.length - shown.length} more lines in the JSON report`);
    const fix = check.suppressed
      ? `<br><b>Suppressed</b> (${check.status}) by <code>${escapeHtml(check.suppressed.source)}</code>: ${escapeHtml(check.suppressed.reason)}`
      : (check.status === 'fail' || check.status === 'warn') && check.remediation
        ? `<br><b>Fix:</b> ${escapeHtml(check.remediation)}`
        : '';
    // Only a position of its own (a field of the entry) is worth showing; the entry's line is in the summary line.
    const where = check.line && check.line !== server.line ? ` <sub>line ${check.line}${check.column ? `:${check.column}` : ''}</sub>` : '';
    return (
      `<tr><td>${check.suppressed ? SUPPRESSED_ICON : icons[check.status]}</td><td>${docsLink(check, link)}${where}</td>` +
      `<td>${escapeHtml(truncate(check.message, maxMessageChars))}${fix}${shown.length ? `<pre>${escapePre(shown)}</pre>` : ''}</td></tr>`
    );
  });

  const stderr = server.stderrTail.slice(-stderrLines).map((l) => truncate(l, maxLineChars));
  const stderrBlock = stderr.length
    ? `<p>Last ${plural(stderr.length, 'stderr line')}${server.stderrTail.length > stderr.length ? ` (of ${server.stderrTail.length} kept)` : ''}:</p><pre>${escapePre(stderr)}</pre>`
    : '<p>No stderr output.</p>';
  return (
    `<details><summary>${label}</summary>` +
    `<table><thead><tr><th></th><th>Check</th><th>Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>` +
    `${stderrBlock}</details>`
  );
}

function docsLink(check: CheckReport, link: (c: CheckReport) => string): string {
  const href = link(check);
  const id = `<code>${escapeHtml(check.id)}</code>`;
  // Only absolute http(s) links become anchors; a relative path is shown as text (it would resolve against the page).
  return /^https?:\/\//.test(href) ? `<a href="${escapeAttribute(href)}">${id}</a>` : id;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function note(what: string): string {
  return `<p><em>${escapeHtml(`${what} left out to stay under GitHub's 1 MiB job summary limit; the JSON report (output report-path) has everything.`)}</em></p>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Accumulates parts while they fit a byte budget; `force` is for the short fixed parts (headline, notes, tags). */
class Budget {
  readonly parts: string[] = [];
  private used = 0;

  constructor(private readonly limit: number) {}

  /** Adds parts in order until one does not fit (keeping `reserve` bytes back); returns how many were added. */
  addWhileFits(parts: Iterable<string>, reserve: number): number {
    let count = 0;
    for (const part of parts) {
      const size = bytes(part) + 1;
      if (this.used + size + reserve > this.limit) break;
      this.parts.push(part);
      this.used += size;
      count++;
    }
    return count;
  }

  force(part: string): void {
    this.parts.push(part);
    this.used += bytes(part) + 1;
  }
}
