/**
 * Bounds checked on a config file's text before any parser sees it. The parsers (jsonc-parser, smol-toml, yaml) recurse
 * once per nesting level, and near the end of the stack V8 may abort the whole process instead of throwing (a regular
 * expression compiled there fails its allocation), so "catch the RangeError" is not a guard. A linear scan measures
 * the nesting first, with the lexical rules of each syntax (strings and comments do not nest), and YAML's cost (the
 * `yaml` package spends about 1.5 KB and 10 µs per node) is bounded by counting its entries.
 */

/** Levels of nesting a config file may have. A server's fields sit at depth 4 in every client's format. */
export const MAX_NESTING = 100;

/** YAML files larger than this are not parsed (Continue blocks and Goose configs are a few kilobytes). */
export const MAX_YAML_BYTES = 1024 * 1024;

/** Entries (lines plus flow-collection items) a YAML file may have before it is parsed. */
export const MAX_YAML_ENTRIES = 20_000;

export interface ShapeProblem {
  /** Offset in the text where the bound was passed. */
  offset: number;
  message: string;
}

function tooDeep(offset: number): ShapeProblem {
  return {
    offset,
    message: `the file nests values more than ${MAX_NESTING} levels deep; MCP client configs are a few levels deep, and deeper files are not read`,
  };
}

const OPEN_SQUARE = 0x5b;
const OPEN_CURLY = 0x7b;
const CLOSE_SQUARE = 0x5d;
const CLOSE_CURLY = 0x7d;
const NEWLINE = 0x0a;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BACKSLASH = 0x5c;

/** JSON, JSONC and JSON with comments: brackets outside strings and comments. */
export function jsonShapeProblem(text: string): ShapeProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // A JSON string ends at its quote, or (unterminated: a syntax error for the parser) at the end of the line.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH) i++;
        else if (s === QUOTE || s === NEWLINE) break;
      }
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      i = lineEnd(text, i);
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > MAX_NESTING) return tooDeep(i);
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** TOML: brackets of arrays and inline tables outside strings (basic, literal, multi-line) and comments. */
export function tomlShapeProblem(text: string): ShapeProblem | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE || c === APOSTROPHE) {
      const quote = text[i]!;
      if (text.startsWith(quote.repeat(3), i)) {
        const end = text.indexOf(quote.repeat(3), i + 3);
        i = end === -1 ? text.length : end + 2;
        continue;
      }
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === BACKSLASH && c === QUOTE) i++;
        else if (s === c || s === NEWLINE) break;
      }
    } else if (c === 0x23) {
      i = lineEnd(text, i);
    } else if (c === OPEN_SQUARE || c === OPEN_CURLY) {
      if (++depth > MAX_NESTING) return tooDeep(i);
    } else if (c === CLOSE_SQUARE || c === CLOSE_CURLY) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/**
 * YAML: size, entries, and nesting, the last estimated from above: the block indentation levels of a line, plus the
 * compact indicators that open it (`- - - x` nests three times on one line), plus the open flow collections. Quoted
 * scalars (which may span lines), comments and block scalars (`|`, `>`) do not count.
 */
export function yamlShapeProblem(text: string): ShapeProblem | undefined {
  if (Buffer.byteLength(text, 'utf8') > MAX_YAML_BYTES) {
    return { offset: 0, message: `the YAML file is larger than ${MAX_YAML_BYTES} bytes; config files that large are not read` };
  }
  const scanner = new YamlScanner(text);
  return scanner.scan();
}

class YamlScanner {
  private flowDepth = 0;
  private entries = 0;
  /** Indentations of the open block levels. */
  private readonly indents: number[] = [];
  /** Inside a quoted scalar that continues on the next line. */
  private quote: 0 | typeof QUOTE | typeof APOSTROPHE = 0;
  /** Lines indented more than this belong to a block scalar. */
  private blockScalarIndent = -1;

  constructor(private readonly text: string) {}

  scan(): ShapeProblem | undefined {
    const { text } = this;
    for (let start = 0; start < text.length; ) {
      const end = lineEnd(text, start);
      const problem = this.line(start, end);
      if (problem) return problem;
      start = end + 1;
    }
    return undefined;
  }

  private line(start: number, end: number): ShapeProblem | undefined {
    const { text } = this;
    let i = start;
    while (i < end && text.charCodeAt(i) === 0x20) i++;
    const indent = i - start;
    const blank = i >= end || text[i] === '#' || text[i] === '\r';
    if (this.blockScalarIndent >= 0) {
      if (blank || indent > this.blockScalarIndent) return undefined;
      this.blockScalarIndent = -1;
    }
    if (blank && this.quote === 0) return undefined;
    if (++this.entries > MAX_YAML_ENTRIES) {
      return { offset: start, message: `the YAML file has more than ${MAX_YAML_ENTRIES} entries; config files that large are not read` };
    }
    let levels = 0;
    if (this.quote === 0 && this.flowDepth === 0) {
      while (this.indents.length > 0 && this.indents[this.indents.length - 1]! > indent) this.indents.pop();
      if (this.indents.length === 0 || this.indents[this.indents.length - 1]! < indent) this.indents.push(indent);
      // Compact indicators (`- `, `? `, `: `), with the anchors and tags that may sit between them.
      for (;;) {
        const c = text[i];
        const after = text.charCodeAt(i + 1);
        if ((c === '-' || c === '?' || c === ':') && (i + 1 >= end || after === 0x20 || after === 0x0d)) {
          levels++;
          i += 1;
        } else if (c === '&' || c === '!') {
          while (i < end && text.charCodeAt(i) !== 0x20) i++;
        } else break;
        while (i < end && text.charCodeAt(i) === 0x20) i++;
      }
    }
    const blockDepth = () => this.indents.length + levels + this.flowDepth;
    if (blockDepth() > MAX_NESTING) return tooDeep(start);
    return this.rest(i, end, blockDepth);
  }

  /** The rest of a line: quotes, flow collections and comments, each opened only where a node can start. */
  private rest(from: number, end: number, depth: () => number): ShapeProblem | undefined {
    const { text } = this;
    let nodeStart = true;
    for (let i = from; i < end; i++) {
      const c = text.charCodeAt(i);
      if (this.quote !== 0) {
        if (this.quote === QUOTE && c === BACKSLASH) i++;
        else if (c === this.quote) {
          if (c === APOSTROPHE && text.charCodeAt(i + 1) === APOSTROPHE) i++;
          else this.quote = 0;
        }
        continue;
      }
      if (c === 0x20 || c === 0x09) continue;
      if (c === 0x23 && (i === from || text.charCodeAt(i - 1) === 0x20 || text.charCodeAt(i - 1) === 0x09)) return undefined;
      if (nodeStart && (c === QUOTE || c === APOSTROPHE)) {
        this.quote = c;
        nodeStart = false;
      } else if ((nodeStart || this.flowDepth > 0) && (c === OPEN_SQUARE || c === OPEN_CURLY)) {
        this.flowDepth++;
        this.entries++;
        if (depth() > MAX_NESTING) return tooDeep(i);
        nodeStart = true;
      } else if (this.flowDepth > 0 && (c === CLOSE_SQUARE || c === CLOSE_CURLY)) {
        this.flowDepth--;
      } else if (this.flowDepth > 0 && c === 0x2c) {
        if (++this.entries > MAX_YAML_ENTRIES) {
          return { offset: i, message: `the YAML file has more than ${MAX_YAML_ENTRIES} entries; config files that large are not read` };
        }
        nodeStart = true;
      } else if (c === 0x3a && (i + 1 >= end || text.charCodeAt(i + 1) === 0x20 || this.flowDepth > 0)) {
        nodeStart = true;
      } else if (
        nodeStart &&
        this.flowDepth === 0 &&
        (c === 0x7c || c === 0x3e) &&
        /^[|>][-+1-9]*\s*(?:#.*)?\r?$/.test(text.slice(i, end))
      ) {
        // A block scalar: the lines indented more than this one are its content.
        this.blockScalarIndent = this.indents[this.indents.length - 1] ?? 0;
        return undefined;
      } else {
        nodeStart = false;
      }
    }
    return undefined;
  }
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end === -1 ? text.length : end;
}
