/** Formatting of untrusted text and numbers for check messages and evidence. */

// C0/C1 controls, DEL, the BOM, line/paragraph separators and bidi overrides: invisible or able to rewrite a terminal line.
// eslint-disable-next-line no-control-regex
const unsafe = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/gu;

function escapeChar(char: string): string {
  if (char === '\n') return '\\n';
  if (char === '\r') return '\\r';
  if (char === '\t') return '\\t';
  const code = char.codePointAt(0) ?? 0;
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * A one-line, printable excerpt of untrusted text: invisible and control characters shown as escapes (so a BOM or an
 * ANSI sequence is visible as evidence instead of acting on the terminal), cut at `max` characters.
 */
export function excerpt(text: string, max = 120): string {
  const chars = Array.from(text);
  const cut = chars.length > max;
  const kept = (cut ? chars.slice(0, max) : chars).join('');
  return kept.replace(unsafe, escapeChar) + (cut ? '…' : '');
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
