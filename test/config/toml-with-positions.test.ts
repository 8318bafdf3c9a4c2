import type { Node } from 'jsonc-parser';
import { describe, expect, it } from 'vitest';
import type { ParsedJson } from '../../src/config/json-with-positions.js';
import { parseTomlWithPositions } from '../../src/config/toml-with-positions.js';
import { positions } from './positions.js';

function valueAt(parsed: ParsedJson, ...path: string[]): unknown {
  if (!parsed.ok) throw new Error(parsed.error.message);
  let node: Node | undefined = parsed.root;
  for (const key of path) {
    node =
      node?.type === 'array' ? node.children?.[Number(key)] : node?.children?.find((p) => p.children?.[0]?.value === key)?.children?.[1];
  }
  return node?.value;
}

describe('parseTomlWithPositions', () => {
  it('places table headers, keys and array items', () => {
    const parsed = parseTomlWithPositions('[mcp_servers.a]\ncommand = "npx"\nargs = [ "-y",\n  "pkg" ]  # trailing\n');
    expect(positions(parsed)).toEqual([
      'mcp_servers:key=1:2',
      'mcp_servers.a:key=1:14',
      'mcp_servers.a.command:key=2:1',
      'mcp_servers.a.command=2:11',
      'mcp_servers.a.args:key=3:1',
      'mcp_servers.a.args[0]=3:10',
      'mcp_servers.a.args[1]=4:3',
    ]);
  });

  it('places dotted keys at the top level and inside a table, and inline tables', () => {
    const text = 'mcp_servers.x.command = "a"\nmcp_servers.x.env.K = "v"\n\n[other]\ny = { url = "u", headers = { H = "h" } }\n';
    expect(positions(parseTomlWithPositions(text))).toEqual([
      'mcp_servers:key=1:1',
      'mcp_servers.x:key=1:13',
      'mcp_servers.x.command:key=1:15',
      'mcp_servers.x.command=1:25',
      'mcp_servers.x.env:key=2:15',
      'mcp_servers.x.env.K:key=2:19',
      'mcp_servers.x.env.K=2:23',
      'other:key=4:2',
      'other.y:key=5:1',
      'other.y.url:key=5:7',
      'other.y.url=5:13',
      'other.y.headers:key=5:18',
      'other.y.headers.H:key=5:30',
      'other.y.headers.H=5:34',
    ]);
  });

  it('matches quoted keys, with escapes, to the keys the parser returns', () => {
    const text =
      '[mcp_servers."my server"]\ncommand = "a"\n[mcp_servers.\'lit.eral\']\ncommand = "b"\n["mcp_servers"."\\u0041"]\ncommand = "c"\n';
    const parsed = parseTomlWithPositions(text);
    expect(positions(parsed)).toEqual([
      'mcp_servers:key=1:2',
      'mcp_servers.my server:key=1:14',
      'mcp_servers.my server.command:key=2:1',
      'mcp_servers.my server.command=2:11',
      'mcp_servers.lit.eral:key=3:14',
      'mcp_servers.lit.eral.command:key=4:1',
      'mcp_servers.lit.eral.command=4:11',
      'mcp_servers.A:key=5:16',
      'mcp_servers.A.command:key=6:1',
      'mcp_servers.A.command=6:11',
    ]);
  });

  it('is not misled by brackets, quotes, equals signs or hashes inside strings', () => {
    const text = [
      'a = "[not.a.table] = \\"x\\" # no comment"',
      "b = '''",
      '[still.a.string]',
      "c = 1 '' ''''",
      'd = """',
      '\\"""  ""\\\\"""""',
      'e = [ "]", { f = "}" }, # comment ]',
      '  "g" ]',
      '[real]',
      'h = 1',
    ].join('\n');
    const parsed = parseTomlWithPositions(text);
    expect(parsed.ok).toBe(true);
    expect(valueAt(parsed, 'b')).toBe("[still.a.string]\nc = 1 '' '");
    expect(positions(parsed)).toEqual([
      'a:key=1:1',
      'a=1:5',
      'b:key=2:1',
      'b=2:5',
      'd:key=5:1',
      'd=5:5',
      'e:key=7:1',
      'e[0]=7:7',
      'e[1].f:key=7:14',
      'e[1].f=7:18',
      'e[2]=8:3',
      'real:key=9:2',
      'real.h:key=10:1',
      'real.h=10:5',
    ]);
  });

  it('places arrays of tables element by element', () => {
    const text = '[[srv]]\nname = "a"\n[srv.env]\nK = "1"\n[[srv]]\nname = "b"\n';
    expect(positions(parseTomlWithPositions(text))).toEqual([
      'srv:key=1:3',
      'srv[0].name:key=2:1',
      'srv[0].name=2:8',
      'srv[0].env:key=3:6',
      'srv[0].env.K:key=4:1',
      'srv[0].env.K=4:5',
      'srv[1].name:key=6:1',
      'srv[1].name=6:8',
    ]);
  });

  it('keeps columns with CRLF line ends and a BOM', () => {
    const parsed = parseTomlWithPositions('\uFEFF[mcp_servers.a]\r\ncommand = "x"\r\n');
    expect(positions(parsed)).toContain('mcp_servers.a:key=1:14');
    expect(positions(parsed)).toContain('mcp_servers.a.command=2:11');
  });

  it('reads dates as text and numbers as numbers', () => {
    const parsed = parseTomlWithPositions('d = 1979-05-27T07:32:00Z\nn = 1.5\ni = 0x10\nb = true\n');
    expect([valueAt(parsed, 'd'), valueAt(parsed, 'n'), valueAt(parsed, 'i'), valueAt(parsed, 'b')]).toEqual([
      '1979-05-27T07:32:00.000Z',
      1.5,
      16,
      true,
    ]);
  });

  it.each([
    ['a value missing', 'a = 1\nb = \n', 2, 5],
    ['a table defined twice', '[a]\nb = 1\n[a]\n', 3, 2],
    ['an unterminated string', '[mcp_servers.x]\ncommand = "npx\n', 2, 15],
    ['a key without value', '[mcp_servers.x]\ncommand\n', 2, 8],
  ])('reports %s with its line and column', (_name, text, line, column) => {
    const parsed = parseTomlWithPositions(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error).toMatchObject({ line, column });
    expect(parsed.error.message).toMatch(/^invalid TOML: /);
    expect(parsed.error.message).not.toContain('\n');
  });

  it('reports an empty file', () => {
    expect(parseTomlWithPositions(' \n# only a comment?\n')).toMatchObject({ ok: true });
    expect(parseTomlWithPositions('\n \n')).toMatchObject({ ok: false, error: { message: 'the file is empty', line: 1, column: 1 } });
  });

  // About half a second alone; a scan that re-read the header for each key would take minutes on the first document.
  it('scans hostile documents in linear time', () => {
    const longHeader = `[${'a'.repeat(200_000)}]\n${Array.from({ length: 20_000 }, (_, i) => `k${i} = ${i}`).join('\n')}`;
    const manyStrings = `a = [${'"x\\"[=#", '.repeat(50_000)}]`;
    const deepDotted = `${Array.from({ length: 2_000 }, () => 'k').join('.')} = 1`;
    const unterminated = `a = """${'\\"'.repeat(100_000)}`;
    const started = performance.now();
    for (const text of [longHeader, manyStrings, deepDotted, unterminated]) parseTomlWithPositions(text);
    expect(performance.now() - started).toBeLessThan(8_000);
  });

  it('reports nesting deeper than the parser allows, and cuts deep tables without overflowing the stack', () => {
    expect(parseTomlWithPositions(`a = ${'['.repeat(5_000)}`)).toMatchObject({ ok: false });
    const deep = parseTomlWithPositions(`[${Array(20_000).fill('t').join('.')}]\nk = 1\n`);
    expect(deep.ok).toBe(true);
  });
});
