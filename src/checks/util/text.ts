/** Formatting of untrusted text and numbers for check messages and evidence. */

/**
 * Characters that act on a terminal or hide what text says: C0/C1 controls and DEL (escape sequences, line breaks),
 * format characters (bidi overrides and isolates, zero-width characters, the BOM, tag characters), line and paragraph
 * separators, lone surrogates and the two noncharacters of the BMP.
 */
const invisible = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\uFFFE\uFFFF]/gu;

function escapeChar(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  const code = char.codePointAt(0) ?? 0;
  const hex = code.toString(16);
  if (code <= 0xff) return `\\x${hex.padStart(2, '0')}`;
  return code <= 0xffff ? `\\u${hex.padStart(4, '0')}` : `\\u{${hex}}`;
}

/**
 * Untrusted text on one line with every invisible or acting character shown as an escape (`\x1b`, `\n`, `\u202e`),
 * so an ANSI sequence, a line break or a bidi override is visible as text instead of acting on what displays it.
 */
export function showInvisible(text: string): string {
  return text.replace(invisible, escapeChar);
}

/**
 * A one-line, printable excerpt of untrusted text: invisible and control characters shown as escapes (so a BOM or an
 * ANSI sequence is visible as evidence instead of acting on the terminal), cut at `max` characters.
 */
export function excerpt(text: string, max = 120): string {
  const chars = Array.from(text);
  const cut = chars.length > max;
  const kept = (cut ? chars.slice(0, max) : chars).join('');
  return showInvisible(kept) + (cut ? '…' : '');
}

/** An untrusted name in quotes, e.g. a tool name. */
export function quoted(text: string, max = 80): string {
  return `"${excerpt(text, max)}"`;
}

/** `850 ms`, `12.3 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `1 line`, `3 lines`. */
export function count(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** A short JSON rendering of an untrusted value for evidence. */
export function jsonExcerpt(value: unknown, max = 160): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return excerpt(json, max);
}

/** Lists items as `a, b and 3 more`. */
export function listSome(items: readonly string[], shown = 5): string {
  if (items.length <= shown) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${items.length - shown} more`;
}
