import type { Node } from 'jsonc-parser';
import { parse, TomlDate, TomlError } from 'smol-toml';
import { LineIndex, type ParsedJson } from './json-with-positions.js';
import { tomlShapeProblem } from './shape.js';
import { arrayNode, MAX_NODE_DEPTH, objectNode, propertyNode, valueNode } from './value-nodes.js';

const BOM = '\uFEFF';
const ROOT = 0;

/**
 * Parses TOML with `smol-toml` and returns the same offset-carrying tree as the JSON parser, so that one normalizer
 * reads every format. smol-toml keeps no positions: `TomlPositions` finds them with a scan of the source, which only
 * runs on text smol-toml accepted. Anything the scan cannot place falls back to its parent's position (for a server
 * entry: its `[mcp_servers.NAME]` header), never to a wrong line.
 */
export function parseTomlWithPositions(text: string): ParsedJson {
  // Dropped like a JSONC BOM: editors do not show one, so columns stay as the user sees them.
  if (text.startsWith(BOM)) text = text.slice(BOM.length);
  const lines = new LineIndex(text);
  if (text.trim() === '') return { ok: false, error: { message: 'the file is empty', line: 1, column: 1 } };
  const tooDeep = tomlShapeProblem(text);
  if (tooDeep) return { ok: false, error: { message: tooDeep.message, ...lines.position(tooDeep.offset) } };
  let value: Record<string, unknown>;
  try {
    value = parse(text);
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
      return { ok: false, error: { message: `invalid TOML: ${reason}`, line: error.line, column: error.column } };
    }
    const reason = error instanceof RangeError ? 'the file is nested too deeply to read' : `invalid TOML: ${String(error)}`;
    return { ok: false, error: { message: reason, line: 1, column: 1 } };
  }
  const positions = new TomlPositions(text);
  return { ok: true, root: toNode(value, ROOT, 0, positions, 0), lines };
}

function toNode(value: unknown, id: number | undefined, offset: number, positions: TomlPositions, depth: number): Node {
  if (value instanceof TomlDate) return valueNode('string', value.toISOString(), offset);
  if (typeof value === 'string') return valueNode('string', value, offset);
  if (typeof value === 'number') return valueNode('number', value, offset);
  if (typeof value === 'boolean') return valueNode('boolean', value, offset);
  // Deeper levels are never read (a server's fields sit at depth 4); they are cut to keep the recursion bounded.
  const deeper = depth < MAX_NODE_DEPTH;
  if (Array.isArray(value)) {
    const items = deeper ? value : [];
    return arrayNode(
      offset,
      items.map((item, index) => {
        const child = positions.child(id, String(index));
        return toNode(item, child, positions.valueOffset(child) ?? offset, positions, depth + 1);
      }),
    );
  }
  const entries = deeper && typeof value === 'object' && value !== null ? Object.entries(value) : [];
  return objectNode(
    offset,
    entries.map(([key, item]) => {
      const child = positions.child(id, key);
      const keyOffset = positions.keyOffset(child) ?? offset;
      return propertyNode(key, keyOffset, toNode(item, child, positions.valueOffset(child) ?? keyOffset, positions, depth + 1));
    }),
  );
}

interface KeySegment {
  name: string;
  offset: number;
}

/**
 * Offsets of every key and value of a valid TOML document, by path. Paths are interned as ids (child of a parent id
 * by name), so that a long table header followed by many keys costs each key only its own length: linear time.
 * The first place a path appears is kept (`[a.b]` before `[a.b.c]`, a dotted key before its sub-keys).
 */
class TomlPositions {
  private readonly ids = new Map<string, number>();
  private readonly keys: Array<number | undefined> = [undefined];
  private readonly values: Array<number | undefined> = [undefined];
  /** Array-of-tables paths (`[[x]]`) → index of their last element, which later headers and keys extend. */
  private readonly lastElement = new Map<number, number>();
  private index = 0;

  constructor(private readonly text: string) {
    this.scanDocument();
  }

  /** The id of `name` under `parent`, if the scan saw it. */
  child(parent: number | undefined, name: string): number | undefined {
    return parent === undefined ? undefined : this.ids.get(`${parent}\u0000${name}`);
  }

  keyOffset(id: number | undefined): number | undefined {
    return id === undefined ? undefined : this.keys[id];
  }

  valueOffset(id: number | undefined): number | undefined {
    return id === undefined ? undefined : this.values[id];
  }

  private intern(parent: number, name: string, keyOffset: number): number {
    const path = `${parent}\u0000${name}`;
    let id = this.ids.get(path);
    if (id === undefined) {
      id = this.keys.length;
      this.ids.set(path, id);
      this.keys.push(keyOffset);
      this.values.push(undefined);
    }
    return id;
  }

  private markValue(id: number, offset: number): void {
    this.values[id] ??= offset;
  }

  /** Steps into `name`; into an array of tables, that means its last element, as TOML headers and keys do. */
  private descend(parent: number, { name, offset }: KeySegment): number {
    const id = this.intern(parent, name, offset);
    this.markValue(id, offset);
    const last = this.lastElement.get(id);
    return last === undefined ? id : this.intern(id, String(last), offset);
  }

  private scanDocument(): void {
    const { text } = this;
    let table = ROOT;
    while (this.index < text.length) {
      this.skipBlankLinesAndComments();
      if (this.index >= text.length) break;
      const start = this.index;
      if (text[start] === '[') table = this.scanHeader();
      else this.scanKeyValue(table);
      this.skipToLineEnd();
      // Only valid TOML is scanned; this guards the loop should a construct not be understood.
      if (this.index === start) this.index++;
    }
  }

  /** `[a.b]` or `[[a.b]]`: returns the id the following keys belong to. */
  private scanHeader(): number {
    const { text } = this;
    const headerOffset = this.index;
    const isArray = text[this.index + 1] === '[';
    this.index += isArray ? 2 : 1;
    const segments = this.scanDottedKey();
    this.skipSpaces();
    this.index += isArray ? 2 : 1;
    const last = segments.pop();
    let id = ROOT;
    for (const segment of segments) id = this.descend(id, segment);
    if (last === undefined) return id;
    if (!isArray) {
      id = this.intern(id, last.name, last.offset);
      this.markValue(id, headerOffset);
      return id;
    }
    const array = this.intern(id, last.name, last.offset);
    this.markValue(array, headerOffset);
    const element = (this.lastElement.get(array) ?? -1) + 1;
    this.lastElement.set(array, element);
    const elementId = this.intern(array, String(element), headerOffset);
    this.markValue(elementId, headerOffset);
    return elementId;
  }

  /** `a.b = value` relative to `table`. */
  private scanKeyValue(table: number): void {
    const segments = this.scanDottedKey();
    const last = segments.pop();
    if (last === undefined) return;
    let id = table;
    for (const segment of segments) id = this.descend(id, segment);
    this.skipSpaces();
    if (this.text[this.index] !== '=') return;
    this.index++;
    this.skipSpaces();
    this.scanValue(this.intern(id, last.name, last.offset));
  }

  private scanValue(id: number): void {
    const { text } = this;
    this.markValue(id, this.index);
    const char = text[this.index];
    if (char === '"' || char === "'") this.skipString();
    else if (char === '[') this.scanArray(id);
    else if (char === '{') this.scanInlineTable(id);
    else while (this.index < text.length && !',]}#\r\n'.includes(text[this.index]!)) this.index++;
  }

  private scanArray(id: number): void {
    this.index++;
    for (let element = 0; this.index < this.text.length; element++) {
      this.skipBlankLinesAndComments();
      if (this.text[this.index] === ']') break;
      const before = this.index;
      this.scanValue(this.intern(id, String(element), this.index));
      this.skipBlankLinesAndComments();
      if (this.text[this.index] === ',') this.index++;
      else break;
      if (this.index === before) break;
    }
    if (this.text[this.index] === ']') this.index++;
  }

  private scanInlineTable(id: number): void {
    this.index++;
    while (this.index < this.text.length) {
      // TOML 1.1 allows newlines and comments inside inline tables; smol-toml accepts them.
      this.skipBlankLinesAndComments();
      if (this.text[this.index] === '}') break;
      const before = this.index;
      this.scanKeyValue(id);
      this.skipBlankLinesAndComments();
      if (this.text[this.index] === ',') this.index++;
      else break;
      if (this.index === before) break;
    }
    if (this.text[this.index] === '}') this.index++;
  }

  private scanDottedKey(): KeySegment[] {
    const { text } = this;
    const segments: KeySegment[] = [];
    for (;;) {
      this.skipSpaces();
      const offset = this.index;
      const char = text[offset];
      let name: string;
      if (char === '"' || char === "'") {
        this.skipString();
        const raw = text.slice(offset + 1, this.index - 1);
        name = char === '"' ? decodeBasicString(raw) : raw;
      } else {
        while (this.index < text.length && /[A-Za-z0-9_-]/.test(text[this.index]!)) this.index++;
        if (this.index === offset) return segments;
        name = text.slice(offset, this.index);
      }
      segments.push({ name, offset });
      this.skipSpaces();
      if (text[this.index] !== '.') return segments;
      this.index++;
    }
  }

  /** Skips a basic, literal or multi-line string starting at the current quote. */
  private skipString(): void {
    const { text } = this;
    const quote = text[this.index]!;
    const triple = quote.repeat(3);
    if (text.startsWith(triple, this.index)) {
      this.index += 3;
      while (this.index < text.length) {
        if (quote === '"' && text[this.index] === '\\') this.index += 2;
        else if (text.startsWith(triple, this.index)) {
          this.index += 3;
          // `""""` ends with a quote inside the string: the closing delimiter is the last three.
          for (let extra = 0; extra < 2 && text[this.index] === quote; extra++) this.index++;
          return;
        } else this.index++;
      }
      return;
    }
    this.index++;
    while (this.index < text.length && text[this.index] !== '\n') {
      const char = text[this.index]!;
      if (quote === '"' && char === '\\') this.index += 2;
      else {
        this.index++;
        if (char === quote) return;
      }
    }
  }

  private skipSpaces(): void {
    while (this.text[this.index] === ' ' || this.text[this.index] === '\t') this.index++;
  }

  private skipBlankLinesAndComments(): void {
    const { text } = this;
    while (this.index < text.length) {
      const char = text[this.index]!;
      if (char === ' ' || char === '\t' || char === '\r' || char === '\n') this.index++;
      else if (char === '#') this.skipToLineEnd();
      else return;
    }
  }

  /** Past the rest of the line (a trailing comment), stopping at the line break. */
  private skipToLineEnd(): void {
    const end = this.text.indexOf('\n', this.index);
    this.index = end === -1 ? this.text.length : end;
  }
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\u001b', '"': '"', '\\': '\\' };

/** The value of a quoted key such as `"my\u0020server"`, so that it matches the key smol-toml returns. */
function decodeBasicString(raw: string): string {
  return raw.replace(
    /\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|x([0-9A-Fa-f]{2})|(.))/g,
    (sequence, u4, u8, x2, single: string | undefined) => {
      const hex = u4 ?? u8 ?? x2;
      if (hex !== undefined) {
        const code = Number.parseInt(hex, 16);
        return code <= 0x10ffff ? String.fromCodePoint(code) : sequence;
      }
      return ESCAPES[single!] ?? sequence;
    },
  );
}
