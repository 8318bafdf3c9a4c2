/**
 * GitHub annotations from a report: one per warn/fail finding, on the config line that declares the server (or the
 * finding's own line:column). Pure: the action layer hands them to `@actions/core`.
 */
import path from 'node:path';
import type { CheckReport, Report } from '../model/report.js';
import { docsUrl, type DocsLocation } from './docs-link.js';
import { truncate } from './markdown-escape.js';
import { forTerminal } from './untrusted-text.js';

export type AnnotationLevel = 'error' | 'warning' | 'notice';

/**
 * One workflow annotation. Its text goes into the step log as a command, so every line of `title` and `message` has
 * been through the untrusted-text door; `file` is set only when the path is a clean workspace-relative one.
 */
export interface Annotation {
  level: AnnotationLevel;
  message: string;
  title: string;
  /** Workspace-relative, forward slashes, no `..`, nothing invisible: GitHub only places annotations on such paths. */
  file?: string;
  startLine?: number;
  startColumn?: number;
}

/** GitHub shows at most this many annotations of each level per step and silently drops the rest. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface AnnotationOptions {
  docs?: DocsLocation;
  /** The run's root relative to the workspace, forward slashes ('' when they are the same directory). */
  rootFromWorkspace?: string;
  /** Error slots to use (lower it to keep room for the step's own failure message, which is an error annotation too). */
  maxErrors?: number;
  maxWarnings?: number;
  /** Where the findings that did not fit can be read, for the overflow notice. */
  overflowHint?: string;
}

interface Finding {
  level: 'error' | 'warning';
  /** Config-file findings first: a file that does not parse hides all of its servers. */
  group: 0 | 1;
  /** Index of this finding among its owner's findings of the same level (spreads the slots across servers). */
  round: number;
  annotation: Annotation;
}

const maxMessageChars = 4000;
const maxNameChars = 100;

export function renderAnnotations(report: Report, options: AnnotationOptions = {}): Annotation[] {
  const maxErrors = options.maxErrors ?? ANNOTATIONS_PER_LEVEL;
  const maxWarnings = options.maxWarnings ?? ANNOTATIONS_PER_LEVEL;
  const file = (p: string) => workspacePath(p, options.rootFromWorkspace ?? '');
  const findings: Finding[] = [];

  for (const config of report.configs) {
    const flagged = config.checks.filter(isFinding);
    findings.push(
      ...ranked(flagged, 0, (check) =>
        placed(
          file(config.path),
          check.line ?? config.error?.line ?? 1,
          check.column ?? (check.line === undefined ? config.error?.column : undefined),
          {
            title: `${config.path}: ${check.id}`,
            message: findingMessage(check, options.docs),
          },
        ),
      ),
    );
    // A parse error the file checks did not flag is still a finding: never lose it.
    if (config.error && !flagged.some((c) => c.status === 'fail')) {
      findings.push({
        level: 'error',
        group: 0,
        round: 0,
        annotation: {
          level: 'error',
          ...placed(file(config.path), config.error.line, config.error.column, {
            title: `${config.path}: config-parse`,
            message: truncate(config.error.message, maxMessageChars),
          }),
        },
      });
    }
  }

  // A stale suppression is the run's own configuration going out of date: on its line in the suppressions file.
  for (const suppression of report.suppressions ?? []) {
    if (suppression.stale === undefined) continue;
    const what = `${suppression.check}${suppression.server !== undefined ? ` for "${truncate(suppression.server, maxNameChars)}"` : ''}`;
    findings.push({
      level: 'warning',
      group: 0,
      round: 0,
      annotation: {
        level: 'warning',
        title: `mcp-preflight: stale suppression of ${what}`,
        message: truncate(`${suppression.source}: ${suppression.stale}. Remove the suppression.`, maxMessageChars),
        ...(suppression.file !== undefined && { file: file(suppression.file), startLine: suppression.line ?? 1 }),
      },
    });
  }

  for (const server of report.servers) {
    const name = truncate(server.name, maxNameChars);
    findings.push(
      ...ranked(server.checks.filter(isFinding), 1, (check) =>
        // A finding without its own position belongs to the line that declares the server.
        placed(file(server.config), check.line ?? server.line, check.line !== undefined ? check.column : server.column, {
          title: `MCP server "${name}": ${check.id}`,
          message: findingMessage(check, options.docs),
        }),
      ),
    );
  }

  const order = (f: Finding) => [f.level === 'error' ? 0 : 1, f.group, f.round];
  const sorted = findings
    .map((f, index) => ({ f, index }))
    .sort((a, b) => compareTuples([...order(a.f), a.index], [...order(b.f), b.index]))
    .map(({ f }) => f);

  const errors = sorted.filter((f) => f.level === 'error');
  const warnings = sorted.filter((f) => f.level === 'warning');
  const shown = [...errors.slice(0, Math.max(0, maxErrors)), ...warnings.slice(0, Math.max(0, maxWarnings))];
  const hiddenErrors = errors.length - Math.min(errors.length, Math.max(0, maxErrors));
  const hiddenWarnings = warnings.length - Math.min(warnings.length, Math.max(0, maxWarnings));
  const annotations = shown.map((f) => f.annotation);

  if (hiddenErrors + hiddenWarnings > 0) {
    const parts = [plural(hiddenErrors, 'error'), plural(hiddenWarnings, 'warning')].filter((p) => !p.startsWith('0 '));
    annotations.push({
      level: 'notice',
      title: `mcp-preflight: ${hiddenErrors + hiddenWarnings} more finding${hiddenErrors + hiddenWarnings === 1 ? '' : 's'}`,
      message:
        `${parts.join(' and ')} more than GitHub shows as annotations (${ANNOTATIONS_PER_LEVEL} per level and step). ` +
        `All findings are in ${options.overflowHint ?? 'the job summary'}.`,
    });
  }
  return annotations;
}

/** Suppressed findings are not annotated: they were accepted on purpose (the summary and the JSON list them). */
function isFinding(check: CheckReport): boolean {
  return (check.status === 'fail' || check.status === 'warn') && !check.suppressed;
}

function ranked(checks: CheckReport[], group: 0 | 1, make: (check: CheckReport) => Omit<Annotation, 'level'>): Finding[] {
  const rounds = { error: 0, warning: 0 };
  return checks.map((check) => {
    const level = check.status === 'fail' ? 'error' : 'warning';
    return { level, group, round: rounds[level]++, annotation: { level, ...make(check) } };
  });
}

function findingMessage(check: CheckReport, docs: DocsLocation | undefined): string {
  const lines = [truncate(check.message, maxMessageChars)];
  if (check.remediation) lines.push('', `Fix: ${check.remediation}`);
  lines.push(`Docs: ${docsUrl(check.docs, docs)}`);
  return lines.join('\n');
}

/**
 * An annotation's text made safe for the log (each line of the message, and the title, through the door) and its
 * place: on `path` when that is a clean workspace path, else on no file, with the location said in the message.
 */
function placed(
  path: string,
  line: number,
  columnNumber: number | undefined,
  text: { title: string; message: string },
): Omit<Annotation, 'level'> {
  const title = forTerminal(text.title);
  const message = text.message.split('\n').map(forTerminal).join('\n');
  if (!isCleanWorkspacePath(path)) return { title, message: `${forTerminal(path)}:${line}: ${message}` };
  return { title, message, file: path, startLine: line, ...column(columnNumber) };
}

const maxPathChars = 1024;

/**
 * A path GitHub can place an annotation on, and that says nothing but a path: relative, forward slashes, no `.` or
 * `..` segment, no empty segment, and nothing the untrusted-text door would change (controls, bidi, `::`).
 */
export function isCleanWorkspacePath(file: string): boolean {
  if (file === '' || file.length > maxPathChars || file.includes('\\') || /^[A-Za-z]:/.test(file)) return false;
  if (file.split('/').some((segment) => segment === '' || segment === '.' || segment === '..')) return false;
  return forTerminal(file) === file;
}

function column(value: number | undefined): { startColumn?: number } {
  return value !== undefined && value > 0 ? { startColumn: value } : {};
}

/**
 * A report path (relative to the run's root) as GitHub wants it: relative to the workspace, forward slashes, no `./`.
 * Backslashes are separators here: report paths come from Windows runners too.
 */
export function workspacePath(file: string, rootFromWorkspace: string): string {
  const joined = path.posix.join(rootFromWorkspace.replace(/\\/g, '/') || '.', file.replace(/\\/g, '/'));
  return joined.startsWith('./') ? joined.slice(2) : joined;
}

/** The run's root relative to the workspace with forward slashes; `pathImpl` lets tests use `path.win32` anywhere. */
export function rootFromWorkspace(root: string, workspace: string, pathImpl: path.PlatformPath = path): string {
  return pathImpl.relative(workspace, root).split(pathImpl.sep).join('/');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function compareTuples(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
