/**
 * JUnit XML from already-redacted reports, in the shape the common reporters read (dorny/test-reporter,
 * mikepenz/action-junit-report, Jenkins): testsuites > testsuite[name,tests,failures,errors,skipped,time] >
 * testcase[classname,name,time] > failure[message,type] | skipped (its reason as text). One testsuite per server (per leg in a
 * merge), one testcase per check and client. A warning fails its testcase only when the run fails on warnings.
 */
import type { CheckReport, FailOn, Report } from '../model/report.js';
import { countedStatus } from './suppressions.js';
import { forTerminal, terminalLines } from './untrusted-text.js';

/** One run's report, and the leg it ran on in a merge (absent for a single run). */
export interface JunitRun {
  report: Report;
  leg?: string;
}

interface Case {
  name: string;
  classname: string;
  outcome:
    | { kind: 'pass'; note?: string }
    | { kind: 'failure'; message: string; type: string; body: string }
    | { kind: 'skipped'; message: string };
}

/** `failOn` overrides each report's own (a merge decides by its own fail-on, whatever the legs were given). */
export function renderJunit(runs: readonly JunitRun[], options: { failOn?: FailOn } = {}): string {
  const suites: Suite[] = [];
  let time = 0;
  for (const { report, leg } of runs) {
    const failOnWarnings = (options.failOn ?? report.settings.failOn) === 'warning';
    const prefix = leg === undefined ? '' : `${leg} / `;
    for (const config of report.configs.filter((c) => c.checks.length > 0)) {
      suites.push({ name: `${prefix}${config.path}`, time: 0, cases: config.checks.map((c) => testCase(c, config.path, failOnWarnings)) });
    }
    for (const server of report.servers) {
      const classname = `${server.config}#${server.name}`;
      suites.push({
        name: `${prefix}${server.name} (${server.config}:${server.line})`,
        time: (server.durationMs ?? 0) / 1000,
        cases: server.checks.map((c) => testCase(c, classname, failOnWarnings)),
      });
    }
    time += report.durationMs / 1000;
  }
  const all = suites.flatMap((s) => s.cases);
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="mcp-preflight" ${counts(all, false)} time="${seconds(time)}">\n` +
    suites.map(renderSuite).join('') +
    '</testsuites>\n'
  );
}

interface Suite {
  name: string;
  time: number;
  cases: Case[];
}

/** The counts a testsuite carries (`skipped` only on testsuite: the Jenkins schema has none on testsuites). */
function counts(cases: readonly Case[], withSkipped = true): string {
  const failures = cases.filter((c) => c.outcome.kind === 'failure').length;
  const skipped = cases.filter((c) => c.outcome.kind === 'skipped').length;
  return `tests="${cases.length}" failures="${failures}" errors="0"${withSkipped ? ` skipped="${skipped}"` : ''}`;
}

function renderSuite({ name, time, cases }: Suite): string {
  return `  <testsuite name="${attr(name)}" ${counts(cases)} time="${seconds(time)}">\n${cases.map(renderCase).join('')}  </testsuite>\n`;
}

function testCase(check: CheckReport, classname: string, failOnWarnings: boolean): Case {
  const name = check.client === undefined ? check.id : `${check.id} [${check.client}]`;
  const status = countedStatus(check);
  const where = check.line === undefined ? '' : ` (line ${check.line})`;
  if (check.suppressed) {
    return {
      name,
      classname,
      outcome: { kind: 'skipped', message: `suppressed: ${check.suppressed.reason} (${check.suppressed.source})` },
    };
  }
  if (status === 'skip') return { name, classname, outcome: { kind: 'skipped', message: check.message } };
  if (status === 'fail' || (status === 'warn' && failOnWarnings)) {
    const body = [check.message + where, ...(check.evidence ?? []), '', `How to fix: ${check.remediation}`, `Docs: ${check.docs}`].join(
      '\n',
    );
    return { name, classname, outcome: { kind: 'failure', message: check.message, type: status === 'fail' ? 'error' : 'warning', body } };
  }
  return { name, classname, outcome: { kind: 'pass', ...(status === 'warn' && { note: `warning: ${check.message}${where}` }) } };
}

function renderCase({ name, classname, outcome }: Case): string {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}" time="0"`;
  switch (outcome.kind) {
    case 'failure':
      return (
        `${open}>\n      <failure message="${attr(outcome.message)}" type="${outcome.type}">${text(outcome.body)}</failure>\n` +
        '    </testcase>\n'
      );
    case 'skipped':
      // Text content, not a message attribute: the Jenkins schema the common readers follow allows only that.
      return `${open}>\n      <skipped>${text(outcome.message)}</skipped>\n    </testcase>\n`;
    case 'pass':
      return outcome.note === undefined
        ? `${open}/>\n`
        : `${open}>\n      <system-out>${text(outcome.note)}</system-out>\n    </testcase>\n`;
  }
}

function seconds(value: number): string {
  return Number.isFinite(value) && value > 0 ? value.toFixed(3) : '0';
}

/**
 * Untrusted text for an XML 1.0 document: through the untrusted-text door first (control, escape and bidi characters
 * shown as escapes, no workflow-command marker), then whatever XML 1.0 cannot carry at all (lone surrogates,
 * U+FFFE/U+FFFF) shown as `\u` escapes too, then the markup characters escaped.
 */
function xmlSafe(value: string): string {
  return value.replace(
    /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function attr(value: string): string {
  return escapeXml(xmlSafe(forTerminal(value))).replaceAll('"', '&quot;');
}

function text(value: string): string {
  return escapeXml(xmlSafe(terminalLines(value).join('\n')));
}

function escapeXml(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
