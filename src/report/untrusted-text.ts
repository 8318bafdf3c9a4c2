/**
 * The one door for untrusted text: config paths, server and tool names, messages and stderr from servers, file names
 * found by discovery, paths quoted in error messages. Every renderer prints such text only through the function for
 * its output kind:
 * - a terminal or a CI log: `forTerminal` (one line) or `terminalLines`;
 * - the job summary and the PR comment (HTML): `escapeHtml` / `escapePre` in markdown-escape.ts, built on the same
 *   rule;
 * - anything that can carry a secret: the report is redacted as a whole before any renderer sees it (redact.ts).
 */
import { showInvisible } from '../checks/util/text.js';

export { showInvisible };

/**
 * Breaks the markers a CI runner reads as commands: GitHub Actions reads `::name::` at the start of a line (after
 * blanks) and the legacy `##[name]` anywhere in it. A zero-width space after each colon that another one follows keeps
 * the text readable, and no run of colons survives (`:::` too).
 */
export function breakCommandMarkers(text: string): string {
  return text.replace(/:(?=:)/g, ':\u200b').replace(/#(?=#\[)/g, '#\u200b');
}

/**
 * One printable line for a terminal or a CI log: control, escape and bidi characters (line breaks too) shown as
 * escapes, and no workflow-command marker left.
 */
export function forTerminal(text: string): string {
  return breakCommandMarkers(showInvisible(text));
}

/** Untrusted text that may span lines (stderr, a stack), as terminal lines: each line on its own through `forTerminal`. */
export function terminalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).map(forTerminal);
}
