import { parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { ConfigError } from '../model/spec.js';
import { jsonShapeProblem } from './shape.js';

/**
 * `json`: what `JSON.parse` accepts (no comments, no trailing commas, no BOM) — the parsers of Claude Code, Claude
 * Desktop and Cursor. `jsonc`: VS Code's JSON with comments and trailing commas; a BOM is skipped as VS Code does.
 * `json-with-comments`: comments are stripped, then `JSON.parse` runs (Gemini CLI's `stripJsonComments`), so
 * trailing commas and a BOM are still errors.
 */
export type JsonSyntax = 'json' | 'jsonc' | 'json-with-comments';

const BOM = '\uFEFF';

/** Maps string offsets to 1-based line and column. Lines end at LF, CRLF or a lone CR, as editors count them. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(text: string) {
    for (let offset = 0; offset < text.length; offset++) {
      const char = text.charCodeAt(offset);
      if (char === 0x0d && text.charCodeAt(offset + 1) === 0x0a) offset++;
      if (char === 0x0a || char === 0x0d) this.lineStarts.push(offset + 1);
    }
  }

  /** Column counts UTF-16 code units, as editors do. */
  position(offset: number): { line: number; column: number } {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const middle = Math.ceil((low + high) / 2);
      if (this.lineStarts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }
}

export type ParsedJson = { ok: true; root: Node; lines: LineIndex } | { ok: false; error: ConfigError };

/** Parses `text` into a tree whose nodes keep their offsets; the first syntax error is reported with its position. */
export function parseJsonWithPositions(text: string, syntax: JsonSyntax): ParsedJson {
  if (text.startsWith(BOM)) {
    if (syntax !== 'jsonc') {
      return {
        ok: false,
        error: {
          message: 'the file starts with a byte order mark (BOM), which strict JSON parsers reject: save it as UTF-8 without BOM',
          line: 1,
          column: 1,
        },
      };
    }
    // Dropping the BOM keeps every column as an editor shows it: editors do not display a BOM.
    text = text.slice(BOM.length);
  }
  const lines = new LineIndex(text);
  if (text.trim() === '') return { ok: false, error: { message: 'the file is empty', line: 1, column: 1 } };
  const tooDeep = jsonShapeProblem(text);
  if (tooDeep) return { ok: false, error: { message: tooDeep.message, ...lines.position(tooDeep.offset) } };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, {
    disallowComments: syntax === 'json',
    allowTrailingComma: syntax === 'jsonc',
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first !== undefined || root === undefined) {
    const { message, offset } = first ? describeParseError(first, text, syntax) : { message: 'no JSON value', offset: 0 };
    return { ok: false, error: { message, ...lines.position(offset) } };
  }
  return { ok: true, root, lines };
}

function describeParseError(error: ParseError, text: string, syntax: JsonSyntax): { message: string; offset: number } {
  const prefix = syntax === 'jsonc' ? 'invalid JSONC' : 'invalid JSON';
  const code = printParseErrorCode(error.error);
  if (code === 'PropertyNameExpected' || code === 'ValueExpected') {
    const comma = trailingCommaBefore(text, error.offset);
    const rule = syntax === 'json' ? 'not allowed in strict JSON' : 'comments are allowed in this file, trailing commas are not';
    if (comma !== undefined) return { message: `${prefix}: trailing comma (${rule})`, offset: comma };
  }
  const atEnd = text.slice(error.offset).trim() === '';
  return { message: `${prefix}: ${atEnd ? 'unexpected end of file, ' : ''}${PARSE_ERRORS[code]}`, offset: error.offset };
}

/** The offset of a `,` directly before the closing bracket at `offset`, if there is one. */
function trailingCommaBefore(text: string, offset: number): number | undefined {
  const closing = text[offset];
  if (closing !== '}' && closing !== ']') return undefined;
  let before = offset - 1;
  while (before >= 0 && /\s/.test(text[before]!)) before--;
  return text[before] === ',' ? before : undefined;
}

const PARSE_ERRORS: Record<ReturnType<typeof printParseErrorCode>, string> = {
  InvalidSymbol: 'unexpected character',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'expected a property name in double quotes',
  ValueExpected: 'expected a value',
  ColonExpected: "expected ':' after the property name",
  CommaExpected: "expected ',' or a closing bracket",
  CloseBraceExpected: "expected '}'",
  CloseBracketExpected: "expected ']'",
  EndOfFileExpected: 'unexpected content after the end of the JSON value',
  InvalidCommentToken: 'comments are not allowed in strict JSON',
  UnexpectedEndOfComment: 'unterminated block comment',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'incomplete number',
  InvalidUnicode: 'invalid \\u escape in a string',
  InvalidEscapeCharacter: 'invalid escape sequence in a string',
  InvalidCharacter: 'control character in a string (write it escaped, e.g. \\n or \\t)',
  '<unknown ParseErrorCode>': 'syntax error',
};

export interface JsonProperty {
  key: string;
  keyNode: Node;
  value: Node;
}

/** The properties of an object node in document order, duplicates included. */
export function propertiesOf(node: Node): JsonProperty[] {
  const properties: JsonProperty[] = [];
  for (const property of node.children ?? []) {
    const [keyNode, value] = property.children ?? [];
    // A property cut short by a syntax error has no value; callers only see trees that parsed without errors.
    if (keyNode !== undefined && value !== undefined) properties.push({ key: String(keyNode.value), keyNode, value });
  }
  return properties;
}

/** An object's properties by key; a repeated key keeps its last value, as `JSON.parse` does. */
export function fieldsOf(node: Node): Map<string, JsonProperty> {
  return new Map(propertiesOf(node).map((property) => [property.key, property]));
}

/** The JSON type of a node, for messages ("found a number"). */
export function describeType(node: Node): string {
  return node.type === 'object' ? 'an object' : node.type === 'array' ? 'an array' : node.type === 'null' ? 'null' : `a ${node.type}`;
}

/** Text from a config inside a message: quoted, control characters escaped, and cut to a readable length. */
export function quoted(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}
