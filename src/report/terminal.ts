import type { CheckStatus } from '../model/check.js';
import type { CheckReport, ClientVerdict, Report, ServerReport, SuppressionReport } from '../model/report.js';
import { ansi, type Style } from './ansi.js';
import { describeIsolation } from './isolation-line.js';
import { clientMatrixView } from './client-matrix.js';
import { docsUrl, type DocsLocation } from './docs-link.js';
import { groupFindings } from './finding-groups.js';
import { forTerminal } from './untrusted-text.js';
import { DEFAULT_WIDTH, wrap } from './wrap.js';

export interface TerminalOptions {
  color: boolean;
  /** Also list the checks that passed or were skipped. */
  verbose: boolean;
  /** Evidence lines shown per finding. */
  maxEvidence?: number;
  /** Where the check pages are linked (default: the released pages). */
  docs?: DocsLocation;
  /** Columns to wrap text at (default `DEFAULT_WIDTH`). */
  width?: number;
}

const marks: Record<CheckStatus, { mark: string; style: Style }> = {
  pass: { mark: '✔', style: 'green' },
  warn: { mark: '⚠', style: 'yellow' },
  fail: { mark: '✖', style: 'red' },
  skip: { mark: '○', style: 'gray' },
};

/** The general fix is left out when the message already gives this finding's own (`Fix: …`): each fix is said once. */
export function needsRemediation(check: Pick<CheckReport, 'status' | 'message' | 'remediation'>): boolean {
  return (check.status === 'warn' || check.status === 'fail') && check.remediation !== '' && !/\bFix:/.test(check.message);
}

/** A server's one-line result: status, name, where it is declared, startup time and tools. Also the live progress line. */
export function serverLine(s: ServerReport, color: boolean): string {
  const paint = (style: Style, text: string) => (color ? ansi(style, text) : text);
  const facts = [
    s.startupMs !== null ? `startup ${formatMs(s.startupMs)}` : undefined,
    s.capabilities && 'tools' in s.capabilities ? `${s.tools.length} tool${s.tools.length === 1 ? '' : 's'}` : undefined,
    s.transport !== 'stdio' ? s.transport : undefined,
  ].filter(Boolean);
  const mark = marks[s.status];
  return `${paint(mark.style, mark.mark)} ${paint('bold', forTerminal(s.name))} ${paint('gray', `${forTerminal(s.config)}:${s.line}`)}${facts.length ? `  ${facts.join(' · ')}` : ''}`;
}

/**
 * Human-readable report: one block per server, findings with file:line, evidence and the fix, wrapped to the width.
 * A finding several servers share is shown in full once, with the servers it concerns; the others point to it.
 */
export function renderTerminal(report: Report, options: TerminalOptions): string {
  const paint = (style: Style, text: string) => (options.color ? ansi(style, text) : text);
  const status = (s: CheckStatus) => paint(marks[s].style, marks[s].mark);
  const maxEvidence = options.maxEvidence ?? 5;
  const width = options.width ?? DEFAULT_WIDTH;
  const groups = groupFindings(report.servers);
  const out: string[] = [];
  /** Wrapped untrusted text, painted line by line (a style never spans a line break). */
  const text = (value: string, first: string, rest: string, style?: Style) =>
    wrap(forTerminal(value), width, first, rest).map((line) => (style ? paintAfter(line, rest.length, style, paint) : line));

  const finding = (check: CheckReport, file: string, fallbackLine: number, indent: string, server?: ServerReport) => {
    const where = `${forTerminal(file)}:${check.line ?? fallbackLine}${check.column ? `:${check.column}` : ''}`;
    const group = groups.get(check);
    if (server && group && group.servers.length > 1 && group.check !== check) {
      const first = group.servers[0]!;
      const same = first === server ? 'the same as the one above' : `the same as for ${forTerminal(first.name)} above`;
      out.push(`${indent}${status(check.status)} ${paint('bold', check.id)} ${paint('gray', `${where}: ${same}`)}`);
      return;
    }
    out.push(`${indent}${status(check.status)} ${paint('bold', check.id)} ${paint('gray', where)}`);
    // Server text can never start a row of its own: a line break in a message is shown, and wrapping indents.
    out.push(...text(check.message, `${indent}  `, `${indent}  `));
    if (group && group.servers.length > 1) {
      const others = group.servers.filter((s) => s !== server).map((s) => s.name);
      out.push(
        ...text(
          `Also for ${plural(others.length, 'more server')}: ${others.join(', ')} (names and numbers may differ).`,
          `${indent}  `,
          `${indent}  `,
          'gray',
        ),
      );
    }
    const evidence = check.evidence ?? [];
    for (const line of evidence.slice(0, maxEvidence)) {
      out.push(...text(line, `${indent}  ${paint('gray', '│')} `, `${indent}  ${paint('gray', '│')}   `));
    }
    if (evidence.length > maxEvidence)
      out.push(`${indent}  ${paint('gray', `│ … ${evidence.length - maxEvidence} more in the JSON report`)}`);
    if (check.status === 'warn' || check.status === 'fail') {
      if (needsRemediation(check)) out.push(...text(check.remediation, `${indent}  ${paint('cyan', '→')} `, `${indent}    `));
      out.push(`${indent}  ${paint('gray', `→ ${docsUrl(check.docs, options.docs)}`)}`);
    }
  };

  const server = (s: ServerReport) => {
    out.push(`  ${serverLine(s, options.color)}`);
    if (s.probeError)
      out.push(`      ${paint('red', '!')} mcp-preflight's probe failed (a bug, please report it): ${forTerminal(s.probeError)}`);
    // A skipped server (disabled, absent credentials, …) says why once; its handshake carries the reason.
    const why = s.status === 'skip' && !options.verbose ? s.checks.find((check) => check.id === 'handshake')?.message : undefined;
    if (why) out.push(...text(why, '      ', '      ', 'gray'));
    for (const check of s.checks) {
      if (check.suppressed) out.push(`      ${suppressedLine(check, s, paint)}`);
      else if (options.verbose || check.status === 'warn' || check.status === 'fail') finding(check, s.config, s.line, '      ', s);
    }
  };

  out.push(
    paint('bold', `${report.tool.name} ${report.tool.version}`) +
      paint('gray', ` · node ${report.runner.node} · ${report.runner.os}/${report.runner.arch}`),
  );
  const [isolation, ...isolationNotes] = report.settings.isolation ? describeIsolation(report.settings.isolation) : [];
  const isolationStyle = report.settings.isolation?.effective === 'process' ? 'yellow' : 'gray';
  if (isolation) out.push(...wrap(forTerminal(isolation), width, '', '  ').map((line) => paint(isolationStyle, line)));
  for (const note of isolationNotes) out.push(...wrap(forTerminal(note), width, '  ', '    ').map((line) => paint('gray', line)));
  for (const config of report.configs) {
    out.push('');
    out.push(
      `${paint('bold', forTerminal(config.path))} ${paint('gray', `(${config.format}, ${config.servers} server${config.servers === 1 ? '' : 's'})`)}`,
    );
    for (const check of config.checks) {
      if (options.verbose || check.status === 'fail') finding(check, config.path, 1, '  ');
    }
    for (const s of report.servers.filter((s) => s.config === config.path)) server(s);
  }
  const matrix = clientMatrix(report, paint);
  if (matrix.length > 0) out.push('', ...matrix);
  const stale = (report.suppressions ?? []).filter((x) => x.stale !== undefined);
  if (stale.length > 0) out.push('', ...stale.map((x) => staleLine(x, paint)));
  out.push('');
  if (report.cancelled) out.push(paint('yellow', cancelledLine(report)));
  out.push(summaryLine(report, paint));
  return `${out.join('\n')}\n`;
}

const verdictMarks: Record<ClientVerdict['status'], { mark: string; style: Style }> = {
  works: { mark: '✔', style: 'green' },
  warn: { mark: '⚠', style: 'yellow' },
  fails: { mark: '✖', style: 'red' },
  unknown: { mark: '?', style: 'gray' },
};

const MATRIX_NAME_WIDTH = 28;

/** Servers × clients at a glance; the reasons are the findings above. */
function clientMatrix(report: Report, paint: (style: Style, text: string) => string): string[] {
  const view = clientMatrixView(report);
  if (!view) return [];
  const names = view.rows.map(({ server }) => clip(forTerminal(server.name), MATRIX_NAME_WIDTH));
  const nameWidth = Math.max('Server'.length, ...names.map((n) => n.length));
  const header = ['Server'.padEnd(nameWidth), ...view.clients.map((c) => c.name)].join('  ');
  const lines = [paint('bold', 'Clients'), `  ${paint('gray', header)}`];
  view.rows.forEach(({ cells }, index) => {
    const row = cells.map((verdict, column) => {
      const width = view.clients[column]?.name.length ?? 1;
      if (!verdict) return ' '.repeat(width);
      const { mark, style } = verdictMarks[verdict.status];
      return paint(style, mark) + ' '.repeat(Math.max(0, width - 1));
    });
    lines.push(`  ${(names[index] ?? '').padEnd(nameWidth)}  ${row.join('  ')}`.trimEnd());
  });
  lines.push(paint('gray', '  ✔ works  ⚠ warnings  ✖ fails  ? not judged  (blank: not selected; --client all judges every client)'));
  return lines;
}

/** Paints a wrapped line after its (already painted) prefix of `skip` characters. */
function paintAfter(line: string, skip: number, style: Style, paint: (style: Style, text: string) => string): string {
  const chars = Array.from(line);
  return chars.slice(0, skip).join('') + paint(style, chars.slice(skip).join(''));
}

function clip(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/** A suppressed finding: one line with where, the reason and where the suppression is written. */
function suppressedLine(check: CheckReport, server: ServerReport, paint: (style: Style, text: string) => string): string {
  const where = `${server.config}:${check.line ?? server.line}${check.column ? `:${check.column}` : ''}`;
  const { reason, source } = check.suppressed!;
  return paint('gray', forTerminal(`⊘ ${check.id} ${where} suppressed (${check.status}) by ${source}: ${reason}`));
}

function staleLine(suppression: SuppressionReport, paint: (style: Style, text: string) => string): string {
  const what = `${suppression.check}${suppression.server !== undefined ? ` for ${JSON.stringify(suppression.server)}` : ''}`;
  return `${paint('yellow', marks.warn.mark)} ${forTerminal(`stale suppression of ${what} (${suppression.source}): ${suppression.stale}; remove it`)}`;
}

/** What a cancelled run's report stands for (the signal name is ours, never untrusted). */
export function cancelledLine(report: Report): string {
  const notChecked = report.servers.filter((s) => s.cancelled).length;
  return `Cancelled by ${report.cancelled?.signal}: ${notChecked} of ${report.servers.length} server${report.servers.length === 1 ? '' : 's'} not checked; this report is partial.`;
}

function summaryLine(report: Report, paint: (style: Style, text: string) => string): string {
  const t = report.totals;
  const parts = [
    paint('green', `${t.passed} passed`),
    paint('yellow', `${t.warned} warned`),
    paint('red', `${t.failed} failed`),
    ...(t.skipped ? [paint('gray', `${t.skipped} skipped`)] : []),
  ];
  const configErrors = t.configErrors
    ? `; ${paint('red', `${t.configErrors} config file${t.configErrors === 1 ? '' : 's'} unreadable`)}`
    : '';
  const suppressed = report.servers.reduce((n, s) => n + s.checks.filter((c) => c.suppressed).length, 0);
  const suppressedNote = suppressed ? paint('gray', ` · ${suppressed} finding${suppressed === 1 ? '' : 's'} suppressed`) : '';
  return `${t.servers} server${t.servers === 1 ? '' : 's'} in ${t.configs} config${t.configs === 1 ? '' : 's'}: ${parts.join(', ')}${configErrors}${suppressedNote} · ${formatMs(report.durationMs)}`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatMs(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}
