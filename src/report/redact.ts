/**
 * The door for secrets: every value a variable expanded into a server entry is replaced by `***` wherever it shows up
 * in the report (messages, evidence, stderr, serverInfo, tool names, launch argv, keys as well as values), in the forms
 * it is commonly re-encoded in. The report is redacted as a whole before any renderer sees it, so the terminal, the
 * JSON report, the job summary, the PR comment and the annotations all get the same redacted text.
 */
import { maskCredentials } from '../checks/util/credentials.js';

/** What a redacted occurrence is replaced with. */
export const REDACTED = '***';

/** Values (and lines of a value) shorter than this are not treated as secrets. */
export const MIN_SECRET_CHARS = 4;

/** Values that are flags, ports and defaults, never credentials: redacting them would turn every `1` or `true` into `***`. */
const NOT_A_CREDENTIAL = /^(?:\d{1,6}|true|false|yes|no|on|off|null|none)$/i;

/**
 * The short-value rule (README, "Logs, secrets and untrusted output"): a value is redacted when, trimmed, it has at
 * least 4 characters and is not a whole number of up to 6 digits or one of true, false, yes, no, on, off, null, none.
 */
export function isRedactable(value: string): boolean {
  const trimmed = value.trim();
  return trimmed.length >= MIN_SECRET_CHARS && !NOT_A_CREDENTIAL.test(trimmed);
}

/**
 * The texts to look for: each value trimmed, and each line of a multi-line value on its own (a server echoes a PEM
 * key or a JSON credential line by line), those that the short-value rule keeps.
 */
export function secretPieces(values: readonly string[]): string[] {
  const pieces = new Set<string>();
  for (const value of values) {
    for (const piece of [value, ...value.split(/\r\n|\r|\n/)]) if (isRedactable(piece)) pieces.add(piece.trim());
  }
  return [...pieces].sort((a, b) => b.length - a.length);
}

/**
 * Literal forms of each piece for a masker that only matches exact strings (the runner's `add-mask`): the piece, its
 * base64 and base64url encodings, and its URL encoding.
 */
export function secretForms(values: readonly string[]): string[] {
  const forms = new Set<string>();
  for (const piece of secretPieces(values)) {
    const base64 = Buffer.from(piece, 'utf8').toString('base64');
    forms.add(piece).add(base64).add(base64.replace(/=+$/, '')).add(toBase64Url(base64)).add(encodeURIComponent(piece));
  }
  return [...forms];
}

/**
 * Replaces every secret in text and in report values. A secret is found as written; percent-encoded (any hex case,
 * `+` for a space, each character encoded or not); JSON-escaped; and base64 or base64url encoded, also inside a longer
 * encoded string (`Basic base64(user:token)`), whatever its offset there. Every character covered by any occurrence is
 * masked, so overlapping secrets leave nothing of either. Well-known token shapes (`ghp_…`, `sk-…`) are masked too.
 */
export class Redactor {
  private readonly any?: RegExp;
  private readonly each: RegExp[] = [];
  /** The literal forms, for a secret cut short by an excerpt (see `cutSpans`). */
  private readonly literals: string[] = [];
  /** Every `PARTIAL_CHARS`-long run of a literal form: a cheap first test before looking for a cut secret. */
  private readonly runs = new Set<string>();

  constructor(values: readonly string[]) {
    const sources = new Set<string>();
    const literals = new Set<string>();
    for (const piece of secretPieces(values)) {
      sources.add(characterwise(piece));
      for (const form of base64Forms(piece)) sources.add(escapeRegExp(form));
      for (const form of [piece, encodeURIComponent(piece), JSON.stringify(piece).slice(1, -1), ...base64Forms(piece)]) literals.add(form);
    }
    this.literals = [...literals].filter((form) => form.length > PARTIAL_CHARS);
    for (const form of this.literals)
      for (let i = 0; i + PARTIAL_CHARS <= form.length; i++) this.runs.add(form.slice(i, i + PARTIAL_CHARS));
    const ordered = [...sources].sort((a, b) => b.length - a.length);
    if (ordered.length === 0) return;
    this.any = new RegExp(ordered.join('|'), 'g');
    this.each = ordered.map((source) => new RegExp(source, 'y'));
  }

  /** Text with every secret replaced by `***`. */
  text(text: string): string {
    return maskCredentials(this.any ? this.maskSecrets(text) : text);
  }

  /** A JSON-like value (the report or a part of it) with every string in it redacted, object keys included. */
  value<T>(value: T): T {
    return this.walk(value, 0) as T;
  }

  private walk(value: unknown, depth: number): unknown {
    if (typeof value === 'string') return this.text(value);
    if (value === null || typeof value !== 'object') return value;
    // The report's own nesting is shallow and server-supplied values are cut to a depth when the report is built.
    if (depth > MAX_WALK_DEPTH) return '[nested too deeply]';
    if (Array.isArray(value)) return value.map((item) => this.walk(item, depth + 1));
    // fromEntries defines properties, so a `__proto__` key from a server stays a key.
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => [this.text(key), this.walk(item, depth + 1)]),
    );
  }

  private maskSecrets(text: string): string {
    const any = this.any!;
    const spans: Array<[number, number]> = [];
    any.lastIndex = 0;
    for (let match = any.exec(text); match !== null; match = any.exec(text)) {
      const start = match.index;
      let end = start + match[0].length;
      // The alternation picked one form at `start`: another may match longer there.
      for (const pattern of this.each) {
        pattern.lastIndex = start;
        if (pattern.test(text)) end = Math.max(end, pattern.lastIndex);
      }
      spans.push([start, end]);
      // Look again one character later: an occurrence may start inside this one.
      any.lastIndex = start + 1;
    }
    spans.push(...this.cutSpans(text));
    if (spans.length === 0) return text;
    spans.sort((a, b) => a[0] - b[0]);
    const merged: Array<[number, number]> = [];
    for (const [start, end] of spans) {
      const last = merged[merged.length - 1];
      if (last && start <= last[1]) last[1] = Math.max(last[1], end);
      else merged.push([start, end]);
    }
    let out = '';
    let at = 0;
    for (const [start, end] of merged) {
      out += text.slice(at, start) + REDACTED;
      at = end;
    }
    return out + text.slice(at);
  }

  /**
   * A secret cut short: excerpts end in `…` and kept lines end at their cap, so a text may hold the start of a secret
   * (or of one of its encodings) up to such a cut, which no whole-form match finds. At least `PARTIAL_CHARS`
   * characters of a form's start, right before a `…` or at the end of the text, are masked too.
   */
  private cutSpans(text: string): Array<[number, number]> {
    const spans: Array<[number, number]> = [];
    const cuts = [text.length];
    for (let at = text.indexOf('…'); at !== -1; at = text.indexOf('…', at + 1)) cuts.push(at);
    for (const cut of cuts) {
      if (cut < PARTIAL_CHARS || !this.runs.has(text.slice(cut - PARTIAL_CHARS, cut))) continue;
      let longest = 0;
      for (const form of this.literals) {
        for (let k = Math.min(form.length - 1, cut); k > longest && k >= PARTIAL_CHARS; k--) {
          if (text.startsWith(form.slice(0, k), cut - k)) {
            longest = k;
            break;
          }
        }
      }
      if (longest > 0) spans.push([cut - longest, cut]);
    }
    return spans;
  }
}

/** The shortest start of a secret's form that is masked when a cut ends the text there. */
const PARTIAL_CHARS = 6;

const MAX_WALK_DEPTH = 64;

/** A pattern matching `piece` with each character as written, percent-encoded or JSON-escaped. */
function characterwise(piece: string): string {
  let source = '';
  for (const char of piece) {
    // Letters and digits are never escaped by any of these encoders.
    if (/^[A-Za-z0-9]$/.test(char)) {
      source += char;
      continue;
    }
    const forms = [escapeRegExp(char), percentEncoded(char)];
    if (char === ' ') forms.push('\\+');
    const json = JSON.stringify(char).slice(1, -1);
    if (json !== char) forms.push(escapeRegExp(json));
    if (char.codePointAt(0)! > 0x7e) forms.push(unicodeEscaped(char));
    if (char === '/') forms.push('\\\\/');
    source += `(?:${forms.join('|')})`;
  }
  return source;
}

/** `%E2%82%AC` for `€`, each hex digit in either case. */
function percentEncoded(char: string): string {
  return [...Buffer.from(char, 'utf8')].map((byte) => `%${hexPattern(byte.toString(16).padStart(2, '0'))}`).join('');
}

/** `\u20ac` (JSON's `\u` escape, surrogate pairs for astral characters), hex in either case. */
function unicodeEscaped(char: string): string {
  let source = '';
  for (let i = 0; i < char.length; i++) source += `\\\\u${hexPattern(char.charCodeAt(i).toString(16).padStart(4, '0'))}`;
  return source;
}

function hexPattern(hex: string): string {
  return [...hex].map((d) => (/[a-f]/.test(d) ? `[${d}${d.toUpperCase()}]` : d)).join('');
}

/**
 * The base64 and base64url texts that stand for `piece`: its whole encoding, and for each of the three offsets it can
 * have inside a longer encoded string, the run of characters that depend on its bytes alone.
 */
function base64Forms(piece: string): string[] {
  const bytes = Buffer.from(piece, 'utf8');
  const forms = [bytes.toString('base64').replace(/=+$/, '')];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    if (end - first >= MIN_SECRET_CHARS) forms.push(encoded.slice(first, end));
  }
  return [...new Set(forms.flatMap((form) => [form, toBase64Url(form)]))];
}

function toBase64Url(base64: string): string {
  return base64.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
