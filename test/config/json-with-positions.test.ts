import { describe, expect, it } from 'vitest';
import { LineIndex, parseJsonWithPositions, type JsonSyntax } from '../../src/config/json-with-positions.js';

describe('LineIndex', () => {
  it.each([
    ['LF', 'ab\ncd\n\nef', 7, { line: 4, column: 1 }],
    ['CRLF', 'ab\r\ncd\r\n\r\nef', 10, { line: 4, column: 1 }],
    ['lone CR', 'ab\rcd', 4, { line: 2, column: 2 }],
    ['first line', 'abc', 2, { line: 1, column: 3 }],
    ['on the CR of a CRLF', 'ab\r\ncd', 2, { line: 1, column: 3 }],
  ])('counts %s line breaks', (_name, text, offset, expected) => {
    expect(new LineIndex(text).position(offset)).toEqual(expected);
  });
});

describe('parseJsonWithPositions', () => {
  it.each<[string, JsonSyntax, string, { message: RegExp; line: number; column: number }]>([
    ['trailing comma in an object', 'json', '{\n  "a": 1,\n}', { message: /trailing comma/, line: 2, column: 9 }],
    ['trailing comma in an array', 'json', '{\n  "a": [1,\r\n  ]\n}', { message: /trailing comma/, line: 2, column: 10 }],
    ['line comment', 'json', '{\n  // servers\n  "a": 1\n}', { message: /comments are not allowed/, line: 2, column: 3 }],
    ['block comment', 'json', '{ /* x */ }', { message: /comments are not allowed/, line: 1, column: 3 }],
    ['BOM in strict JSON', 'json', '\uFEFF{}', { message: /byte order mark/, line: 1, column: 1 }],
    ['empty file', 'json', '', { message: /empty/, line: 1, column: 1 }],
    ['whitespace only', 'jsonc', ' \r\n ', { message: /empty/, line: 1, column: 1 }],
    ['BOM only', 'jsonc', '\uFEFF', { message: /empty/, line: 1, column: 1 }],
    ['missing comma', 'jsonc', '{\n  "a": 1\n  "b": 2\n}', { message: /expected ','/, line: 3, column: 3 }],
    ['truncated file', 'jsonc', '{\n  "a": {', { message: /unexpected end of file/, line: 2, column: 9 }],
    ['unterminated string', 'json', '{"a": "b', { message: /unterminated string/, line: 1, column: 7 }],
    ['single quotes', 'json', "{\n 'a': 1}", { message: /unexpected character/, line: 2, column: 2 }],
    ['second value', 'json', '{}\n{}', { message: /after the end/, line: 2, column: 1 }],
    ['unterminated comment', 'jsonc', '{} /* x', { message: /unterminated block comment/, line: 1, column: 4 }],
  ])('reports %s with its position', (_name, syntax, text, expected) => {
    const parsed = parseJsonWithPositions(text, syntax);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ line: expected.line, column: expected.column });
    expect(parsed.error.message).toMatch(expected.message);
  });

  it('accepts comments and trailing commas as JSONC', () => {
    const parsed = parseJsonWithPositions('// c\n{ "a": [1, 2,], /* b */ "b": 1, }', 'jsonc');
    expect(parsed.ok).toBe(true);
  });

  it('skips a BOM in JSONC without shifting columns', () => {
    const parsed = parseJsonWithPositions('\uFEFF{"a": 1}', 'jsonc');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const value = parsed.root.children![0]!.children![1]!;
    expect(parsed.lines.position(value.offset)).toEqual({ line: 1, column: 7 });
  });

  it('accepts what JSON.parse accepts', () => {
    const text = '{"a": [1, -2.5e3, true, null, "\\u00e9\\n"], "b": {}}';
    expect(() => JSON.parse(text)).not.toThrow();
    expect(parseJsonWithPositions(text, 'json').ok).toBe(true);
  });
});
