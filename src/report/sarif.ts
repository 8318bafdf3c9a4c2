/**
 * SARIF 2.1.0 from an already-redacted report, for GitHub code scanning: rules are the check ids (title, remediation,
 * docs URL), results sit on the config line (repository-relative uri, startLine/startColumn), and the run carries one
 * `automationDetails.id` per matrix leg, since one upload may not hold two runs of the same category. Within GitHub's
 * limits: at most 25,000 results per run (errors first; the rest counted in a notification) and 10 MB gzipped.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { CheckReport, Report } from '../model/report.js';
import { TOOL_HOMEPAGE, TOOL_NAME, TOOL_VERSION } from '../version.js';
import { isCleanWorkspacePath, workspacePath } from './annotations.js';
import { docsUrl, type DocsLocation } from './docs-link.js';
import { truncate } from './markdown-escape.js';
import { forTerminal } from './untrusted-text.js';

export const SARIF_MAX_RESULTS = 25_000;
export const SARIF_MAX_GZIP_BYTES = 10 * 1000 * 1000;
const maxMessageChars = 4000;

export interface SarifOptions {
  docs?: DocsLocation;
  /** The run's root relative to the workspace, forward slashes ('' when they are the same). */
  rootFromWorkspace?: string;
  /** The category of this leg (`automationDetails.id` without its final slash); default from the report's runner and shard. */
  category?: string;
  /** For tests: the result cap. */
  maxResults?: number;
}

/** The category a leg's results are uploaded under: `mcp-preflight/<leg or os>/<K-of-N or all>`. */
export function sarifCategory(report: Report): string {
  const leg = report.runner.leg ?? report.runner.actions?.os ?? report.runner.os;
  const shard = report.shard ? `${report.shard.index}-of-${report.shard.count}` : 'all';
  return `${TOOL_NAME}/${leg.replace(/[^A-Za-z0-9._-]+/g, '-')}/${shard}`;
}

interface Finding {
  check: CheckReport;
  file: string;
  line: number;
  column: number;
  /** config path and server name (absent: a config-file finding). */
  server?: string;
}

export function renderSarif(report: Report, options: SarifOptions = {}): string {
  const findings: Finding[] = [];
  for (const config of report.configs) {
    for (const check of config.checks) findings.push({ check, file: config.path, line: check.line ?? 1, column: check.column ?? 1 });
  }
  for (const server of report.servers) {
    for (const check of server.checks) {
      findings.push({
        check,
        file: server.config,
        line: check.line ?? server.line,
        column: check.column ?? server.column,
        server: server.name,
      });
    }
  }
  const rules = new Map<string, CheckReport>();
  for (const { check } of findings) if (!rules.has(check.id)) rules.set(check.id, check);
  const ruleIndex = new Map([...rules.keys()].map((id, index) => [id, index]));

  const flagged = findings
    .filter(({ check }) => check.status === 'fail' || check.status === 'warn')
    // Errors first, unsuppressed before suppressed: what a cap cuts is the least important.
    .sort((a, b) => rank(a.check) - rank(b.check));
  let limit = Math.min(flagged.length, options.maxResults ?? SARIF_MAX_RESULTS);
  for (;;) {
    const text = renderLog(report, options, rules, ruleIndex, flagged.slice(0, limit), flagged.length - limit);
    // Halve until it fits: a run of results each near the message cap is the only way past 10 MB.
    if (limit === 0 || gzipSync(text).length <= SARIF_MAX_GZIP_BYTES) return text;
    limit = Math.floor(limit / 2);
  }
}

function rank(check: CheckReport): number {
  return (check.status === 'fail' ? 0 : 1) + (check.suppressed ? 2 : 0);
}

function renderLog(
  report: Report,
  options: SarifOptions,
  rules: ReadonlyMap<string, CheckReport>,
  ruleIndex: ReadonlyMap<string, number>,
  findings: readonly Finding[],
  leftOut: number,
): string {
  const text = (value: string) => truncate(forTerminal(value), maxMessageChars);
  const uri = (file: string) => workspacePath(file, options.rootFromWorkspace ?? '');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_HOMEPAGE,
            rules: [...rules.values()].map((check) => ({
              id: check.id,
              name: check.id,
              shortDescription: { text: text(check.title) },
              help: { text: text(check.remediation) },
              helpUri: docsUrl(check.docs, options.docs),
              defaultConfiguration: { level: 'error' },
            })),
          },
        },
        automationDetails: { id: `${options.category ?? sarifCategory(report)}/` },
        invocations: [
          {
            executionSuccessful: report.cancelled === undefined,
            ...(leftOut > 0 && {
              toolExecutionNotifications: [
                {
                  level: 'warning',
                  message: {
                    text: `${leftOut} more result(s) were left out to stay within GitHub's limits (${SARIF_MAX_RESULTS} results, 10 MB gzipped per file); the JSON report has them all.`,
                  },
                },
              ],
            }),
          },
        ],
        results: findings.map(({ check, file, line, column, server }) => {
          const path = uri(file);
          const subject = server === undefined ? file : `${server} (${file})`;
          const client = check.client === undefined ? '' : ` [${check.client}]`;
          return {
            ruleId: check.id,
            ruleIndex: ruleIndex.get(check.id) ?? 0,
            level: check.status === 'fail' ? 'error' : 'warning',
            message: { text: text(`${subject}${client}: ${check.message}`) },
            ...(isCleanWorkspacePath(path) && {
              locations: [
                {
                  physicalLocation: {
                    artifactLocation: { uri: path },
                    region: { startLine: Math.max(1, line), ...(column > 0 && { startColumn: column }) },
                  },
                },
              ],
            }),
            // Stable across line moves: the same finding on the same server keeps its alert.
            partialFingerprints: { 'mcpPreflightFinding/v1': fingerprint(path, server ?? '', check.id, check.client ?? '') },
            ...(check.suppressed && {
              suppressions: [{ kind: 'external', justification: text(`${check.suppressed.reason} (${check.suppressed.source})`) }],
            }),
          };
        }),
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

function fingerprint(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32);
}
