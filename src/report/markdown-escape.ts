/**
 * Untrusted text (tool names, messages, stderr, server names) made inert inside GitHub-flavoured markdown + HTML:
 * the job summary and the PR comment. Renderers emit one HTML block with no blank line in it, so markdown is not
 * parsed there at all; the markdown characters are escaped too so that nothing changes if that ever stops being true.
 */
import { showInvisible } from './untrusted-text.js';

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

/**
 * One line of inline HTML: control, escape and bidi characters shown as escapes (as on a terminal, line breaks too,
 * so untrusted text never starts a row of its own), then every markup character as an entity.
 */
export function escapeHtml(text: string): string {
  return showInvisible(text).replace(special, (c) => entities[c] ?? c);
}

/**
 * Like `escapeHtml`, and a pair of backticks becomes `<code>` (the checks quote commands that way: `npm ci`). Untrusted
 * text can at most make a code span: what it holds is escaped like the rest.
 */
export function escapeHtmlWithCode(text: string): string {
  const parts = text.split('`');
  return parts
    .map((part, i) => {
      if (i % 2 === 0) return escapeHtml(part);
      // An odd backtick with no partner stays a backtick.
      return i === parts.length - 1 ? escapeHtml(`\`${part}`) : `<code>${escapeHtml(part)}</code>`;
    })
    .join('');
}

/**
 * A line of a `<pre>` cut into pieces of at most `width` characters (GitHub strips the style that would wrap it, and a
 * long line would scroll the page sideways); continuation pieces start with `↪ `.
 */
export function hardWrap(line: string, width: number): string[] {
  const chars = Array.from(line);
  if (chars.length <= width) return [line];
  const pieces = [chars.slice(0, width).join('')];
  for (let i = width; i < chars.length; i += width - 2) pieces.push(`↪ ${chars.slice(i, i + width - 2).join('')}`);
  return pieces;
}

/** Content of a `<pre>`, one entry per line: lines joined by `&#10;`, which keeps the whole block on one source line. */
export function escapePre(lines: readonly string[]): string {
  return lines.map(escapeHtml).join('&#10;');
}

/** At most `max` characters (code points, so a surrogate pair is never split), with a note of what was cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join('')}… (${chars.length - max} more characters)`;
}
