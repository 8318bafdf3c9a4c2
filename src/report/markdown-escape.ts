/**
 * Untrusted text (tool names, messages, stderr, server names) made inert inside GitHub-flavoured markdown + HTML:
 * the job summary and the PR comment. Renderers emit one HTML block with no blank line in it, so markdown is not
 * parsed there at all; the markdown characters are escaped too so that nothing changes if that ever stops being true.
 */
import { stripControls } from './untrusted-text.js';

// Numeric entities: the browser shows the character, the markdown parser and GitHub's filters see no syntax.
const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '`': '&#96;',
  '|': '&#124;',
  '[': '&#91;',
  ']': '&#93;',
  '(': '&#40;',
  ')': '&#41;',
  '*': '&#42;',
  _: '&#95;',
  '~': '&#126;',
  '\\': '&#92;',
  '!': '&#33;',
  $: '&#36;',
  // GitHub links @mentions and #references in rendered text nodes, entities or not: a zero-width space breaks them
  // (as Dependabot and Renovate do), so a server can't notify people or cross-reference issues from a PR comment.
  '@': '@&#8203;',
  '#': '#&#8203;',
};
const special = /[&<>"'`|[\]()*_~\\!$@#]/g;
// Bidirectional overrides can make text read differently from what it is ("Trojan Source").
const bidi = /[\u202a-\u202e\u2066-\u2069]/g;

function escapeLine(line: string): string {
  return stripControls(line)
    .replace(bidi, '\ufffd')
    .replace(special, (c) => entities[c] ?? c);
}

/** Inline text: every line escaped, line breaks as `<br>` (a raw blank line would end the HTML block). */
export function escapeHtml(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(escapeLine)
    .join('<br>');
}

/** Content of a `<pre>`: line breaks as `&#10;`, which keeps the whole block on one source line. */
export function escapePre(lines: readonly string[]): string {
  return lines
    .flatMap((l) => l.split(/\r\n|\r|\n/))
    .map(escapeLine)
    .join('&#10;');
}

/** At most `max` characters (code points, so a surrogate pair is never split), with a note of what was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… (${chars.length - max} more characters)`;
}
