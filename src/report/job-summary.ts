/**
 * The job summary (and the PR comment body): a headline, one table row per server (status, a column per selected
 * client, the first failure's reason, the warnings), and a collapsible block per server with its findings, the checks
 * a failure prevented in one line, and stderr inside the failing check. Pure HTML in a single block with no blank
 * line; our own words may carry code spans, every untrusted string is escaped (`escapeHtml`, `escapeHtmlWithCode`),
 * and a byte budget keeps GitHub's 1 MiB per-step limit from being hit (the upload would fail otherwise).
 * The parts are exported (headline, table head and row, details) so other summaries (a merged matrix) reuse them.
 */
import type { CheckStatus } from '../model/check.js';
import type { CheckReport, ClientVerdict, ConfigReport, Report, ServerReport } from '../model/report.js';
import { type ClientMatrixView, clientMatrixView } from './client-matrix.js';
import { docsUrl, type DocsLocation } from './docs-link.js';
import { describeIsolation } from './isolation-line.js';
import { escapeHtml, escapeHtmlWithCode, escapePre, hardWrap, truncate } from './markdown-escape.js';
import { cancelledLine, formatMs, needsRemediation } from './terminal.js';

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

  const matrix = clientMatrixView(report, { always: true });
  const clients = matrix?.clients ?? [];
  const rows = report.servers.map((server) => summaryRow(server, clients));
  if (rows.length > 0) {
    budget.force(`<table>\n${summaryTableHead(clients)}\n<tbody>`);
    const shown = budget.addWhileFits(rows, 32);
    budget.force('</tbody></table>');
    if (clients.length > 0) budget.force(`<p><sub>${escapeHtml(CLIENT_LEGEND)}</sub></p>`);
    if (shown < rows.length) budget.force(note(`${rows.length - shown} of ${rows.length} table rows`));
  }
  const suppressions = suppressionNotes(report);
  if (suppressions.length > 0) budget.addWhileFits(suppressions, 32);

  // Rendered lazily: a huge report stops costing work once the budget is spent.
  const details = (function* () {
    for (const s of report.servers) yield serverDetails(s, options);
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

/** The `<h2>` that says the outcome in one line (a cancelled run says it is partial). */
export function headline(report: Report): string {
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
        `<li>${icons[c.status]} <code>${escapeHtml(where(c.line ?? config.error?.line, c.column ?? config.error?.column))}</code> ${docsLink(c, link)}: ${escapeHtmlWithCode(truncate(c.message, maxMessageChars))}</li>`,
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

const CLIENT_LEGEND =
  'Clients: ✅ works · ⚠️ warnings · ❌ fails · ❔ not judged · blank: not selected. Each cell is the whole verdict for that client: the worst of the findings about it and about every client.';

/** The main table's head: the clients (the matrix's columns) between the status and the findings. */
export function summaryTableHead(clients: ClientMatrixView['clients']): string {
  const columns = clients.map((c) => `<th>${escapeHtml(c.name)}</th>`).join('');
  return `<thead><tr><th>Server</th><th>Status</th>${columns}<th>Startup</th><th>Tools</th><th>Failed</th><th>Warnings</th></tr></thead>`;
}

/**
 * One server's row: where it is declared, its status, its verdict in each client column, and what to fix: the first
 * failure with its one-line reason (the other failed checks named), then the warnings; suppressed findings counted.
 */
export function summaryRow(server: ServerReport, clients: ClientMatrixView['clients']): string {
  const counted = server.checks.filter((c) => !c.suppressed);
  const failures = counted.filter((c) => c.status === 'fail');
  const warnings = counted.filter((c) => c.status === 'warn');
  const suppressed = server.checks.length - counted.length;
  const [first, ...more] = failures;
  // A failure of the main probe's launch (the MCP SDK's) does not count for a client whose own launch worked: then no
  // client column shows ❌ beside the failed status, and the row says why instead of seeming to contradict itself.
  const verdicts = clients.map((c) => server.clients?.[c.id]).filter((v) => v !== undefined);
  const ownLaunch =
    first && verdicts.some((v) => v.status === 'works') && verdicts.every((v) => v.status !== 'fails')
      ? `<br><sub>not in the client${verdicts.length === 1 ? '' : 's'} above: ${verdicts.length === 1 ? 'it starts' : 'they start'} the server ${verdicts.length === 1 ? 'its' : 'their'} own way</sub>`
      : '';
  const failed = first
    ? `${checkId(first.id)}: ${escapeHtmlWithCode(oneLineReason(first.message))}${more.length ? `<br><sub>also ${more.map((c) => checkId(c.id)).join(', ')}</sub>` : ''}${ownLaunch}`
    : '—';
  const warned = [
    ...unique(warnings.map((c) => c.id)).map(checkId),
    ...(suppressed ? [`${SUPPRESSED_ICON} ${suppressed} suppressed`] : []),
  ];
  const tools = server.capabilities && 'tools' in server.capabilities ? String(server.tools.length) : '—';
  const cells = [
    `<code>${noBreakAtHyphens(escapeHtml(truncate(server.name, maxNameChars)))}</code><br><sub>${escapeHtml(`${server.config}:${server.line}`)}</sub>`,
    `${icons[server.status]}&nbsp;${words[server.status]}`,
    ...clients.map((c) => verdictCell(server.clients?.[c.id])),
    server.startupMs === null ? '—' : formatMs(server.startupMs),
    tools,
    failed,
    warned.length ? warned.join(', ') : '—',
  ];
  return `<tr>${cells.map((c) => `<td>${c}</td>`).join('')}</tr>`;
}

function verdictCell(verdict: ClientVerdict | undefined): string {
  return verdict ? verdictIcons[verdict.status] : '';
}

/** The first sentence of a message, at most ~160 characters: what the table alone has room to say. */
export function oneLineReason(message: string): string {
  const sentence = /^[\s\S]*?[.!?](?=\s+[A-Z0-9("`$]|$)/.exec(message)?.[0] ?? message;
  return truncateWords(sentence, 160);
}

function truncateWords(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * A server's collapsible block: its findings in full (message, the fix when the message does not give its own,
 * evidence, and stderr once inside the first failing check), then one line for the checks a failure prevented and
 * one for the checks that passed.
 */
export function serverDetails(server: ServerReport, options: JobSummaryOptions = {}): string {
  const link = (check: CheckReport) => docsUrl(check.docs, options.docs);
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

  const findings = server.checks.filter((c) => c.suppressed || c.status === 'fail' || c.status === 'warn');
  // Stderr is shown once: inside the first failing check (else the first finding) unless a check quotes it already.
  const quoted = findings.some((c) => (c.evidence ?? []).some((line) => line.startsWith('stderr:')));
  const stderrHost = quoted
    ? undefined
    : (findings.find((c) => c.status === 'fail' && !c.suppressed) ?? findings.find((c) => !c.suppressed));
  const stderr = server.stderrTail.slice(-stderrLines);
  const rows = findings.map((check) => {
    const evidence = check.evidence ?? [];
    const shown = evidence.slice(0, evidenceLines);
    if (evidence.length > shown.length) shown.push(`… ${evidence.length - shown.length} more lines in the JSON report`);
    const fix = check.suppressed
      ? `<br><b>Suppressed</b> (${check.status}) by <code>${escapeHtml(check.suppressed.source)}</code>: ${escapeHtml(check.suppressed.reason)}`
      : needsRemediation(check)
        ? `<br><b>Fix:</b> ${escapeHtmlWithCode(check.remediation)}`
        : '';
    const stderrBlock =
      check === stderrHost && stderr.length
        ? `<br>Last ${plural(stderr.length, 'stderr line')}${server.stderrTail.length > stderr.length ? ` (of ${server.stderrTail.length} kept)` : ''}:${pre(stderr)}`
        : '';
    // Only a position of its own (a field of the entry) is worth showing; the entry's line is in the summary line.
    const where = check.line && check.line !== server.line ? ` <sub>line ${check.line}${check.column ? `:${check.column}` : ''}</sub>` : '';
    const client = check.client ? ` <sub>${escapeHtml(check.client)}</sub>` : '';
    return (
      `<tr><td>${check.suppressed ? SUPPRESSED_ICON : icons[check.status]}</td><td>${docsLink(check, link)}${where}${client}</td>` +
      `<td>${escapeHtmlWithCode(truncate(check.message, maxMessageChars))}${fix}${shown.length ? pre(shown) : ''}${stderrBlock}</td></tr>`
    );
  });
  const table = rows.length
    ? `<table><thead><tr><th></th><th>Check</th><th>Result</th></tr></thead><tbody>${rows.join('')}</tbody></table>`
    : '';
  return `<details><summary>${label}</summary>${table}${notRunLines(server)}${passedLine(server)}</details>`;
}

/** Checks a failure (or the config) prevented, one line per cause: "12 checks not run: "spawn" failed". */
function notRunLines(server: ServerReport): string {
  const byCause = new Map<string, string[]>();
  for (const check of server.checks.filter((c) => c.status === 'skip' && !c.suppressed)) {
    const cause = skipCause(check.message);
    byCause.set(cause, [...(byCause.get(cause) ?? []), check.id]);
  }
  return [...byCause]
    .map(
      ([cause, ids]) =>
        `<p>${icons.skip} ${plural(ids.length, 'check')} not run: ${escapeHtmlWithCode(cause)}<br><sub>${ids.map(checkId).join(' ')}</sub></p>`,
    )
    .join('');
}

/** "Skipped because "spawn" failed (needed by "handshake")." → "spawn" failed: what the skipped checks share. */
function skipCause(message: string): string {
  return message
    .replace(/^Skipped because\s+/i, '')
    .replace(/\s*\(needed by [^)]*\)/g, '')
    .replace(/\.$/, '');
}

function passedLine(server: ServerReport): string {
  const passed = server.checks.filter((c) => c.status === 'pass' && !c.suppressed);
  return passed.length
    ? `<p>${icons.pass} ${plural(passed.length, 'check')} passed: <sub>${passed.map((c) => checkId(c.id)).join(' ')}</sub></p>`
    : '';
}

/** Untrusted lines in a `<pre>`, each long line cut to fit instead of scrolling. */
function pre(lines: readonly string[]): string {
  return `<pre>${escapePre(lines.flatMap((line) => hardWrap(truncate(line, maxLineChars), PRE_WIDTH)))}</pre>`;
}

const PRE_WIDTH = 100;

/** A check id in code that never breaks at its hyphens. */
export function checkId(id: string): string {
  return `<code>${noBreakAtHyphens(escapeHtml(id))}</code>`;
}

/** A word joiner after each hyphen of escaped text: a browser breaks a kebab-case name only where it must. */
function noBreakAtHyphens(escaped: string): string {
  return escaped.replace(/-/g, '-&#8288;');
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function docsLink(check: CheckReport, link: (c: CheckReport) => string): string {
  const href = link(check);
  const id = checkId(check.id);
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
