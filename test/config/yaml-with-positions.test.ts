import { describe, expect, it } from 'vitest';
import { MAX_YAML_VALUES, parseYamlWithPositions } from '../../src/config/yaml-with-positions.js';
import { positions } from './positions.js';

describe('parseYamlWithPositions', () => {
  it('places block and flow collections, and types scalars as YAML 1.2 does', () => {
    const text = 'servers:\n  - name: a\n    args: [x, "1"]\n    port: 8080\n    on: yes\n    off: false\n    none:\n';
    expect(positions(parseYamlWithPositions(text), { types: true })).toEqual([
      'servers:key=1:1',
      'servers[0].name:key=2:5',
      'servers[0].name=2:11:string',
      'servers[0].args:key=3:5',
      'servers[0].args[0]=3:12:string',
      'servers[0].args[1]=3:15:string',
      'servers[0].port:key=4:5',
      'servers[0].port=4:11:number',
      'servers[0].on:key=5:5',
      // YAML 1.2: `yes` is a string, not a boolean.
      'servers[0].on=5:9:string',
      'servers[0].off:key=6:5',
      'servers[0].off=6:10:boolean',
      'servers[0].none:key=7:5',
      'servers[0].none=7:10:null',
    ]);
  });

  it('keeps columns with CRLF line ends and a BOM', () => {
    expect(positions(parseYamlWithPositions('\uFEFFa:\r\n  b: c\r\n'), { types: true })).toEqual([
      'a:key=1:1',
      'a.b:key=2:3',
      'a.b=2:6:string',
    ]);
  });

  it('reports an alias where it is used and copies its anchor', () => {
    const parsed = parseYamlWithPositions('base: &env\n  K: v\nother:\n  env: *env\n');
    expect(positions(parsed, { types: true })).toEqual([
      'base:key=1:1',
      'base.K:key=2:3',
      'base.K=2:6:string',
      'other:key=3:1',
      'other.env:key=4:3',
      'other.env.K:key=2:3',
      'other.env.K=2:6:string',
    ]);
  });

  it.each([
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n', /Map keys must be unique/, 3, 1],
    ['a bad indentation', 'a:\n  - x\n - y\n', /invalid YAML/, 3, 1],
    // A double-quoted string may span lines: it runs to the end of the file.
    ['an unterminated quote', 'a: "x\nb: 1\n', /Missing closing "quote/, 3, 1],
    ['two documents', 'a: 1\n---\nb: 2\n', /multiple documents/, 2, 1],
    ['a tab as indentation', 'a:\n\tb: 1\n', /invalid YAML/, 2, 1],
  ])('reports %s with its line and column', (_name, text, message, line, column) => {
    const parsed = parseYamlWithPositions(text);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.message).toMatch(message);
    expect(parsed.error).toMatchObject({ line, column });
  });

  it('reports an empty file or one with only comments', () => {
    expect(parseYamlWithPositions('')).toMatchObject({ ok: false, error: { message: 'the file is empty' } });
    expect(parseYamlWithPositions('# nothing\n')).toMatchObject({ ok: false, error: { message: 'the file is empty' } });
  });

  it('stops an alias bomb at the value budget instead of expanding it', () => {
    const levels = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let level = 1; level < 9; level++)
      levels.push(
        `a${level}: &a${level} [${Array(10)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    const started = performance.now();
    const parsed = parseYamlWithPositions(levels.join('\n'));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(parsed).toMatchObject({
      ok: false,
      error: { message: `the file expands to more than ${MAX_YAML_VALUES} values (through aliases?); it is not read` },
    });
  });

  it('survives a self-referencing alias', () => {
    expect(parseYamlWithPositions('a: &a [*a]\n').ok).toBe(true);
  });

  // The yaml package's own duplicate-key check took a minute on 50 000 keys, and its alias lookup searches the whole
  // document per alias; here both are linear (about a second for all of this; the limit leaves room for a busy CI).
  it('parses hostile documents in linear time', () => {
    const wide = Array.from({ length: 15_000 }, (_, i) => `k${i}: v`).join('\n');
    const aliases = `a: &a x\nb: [${'*a, '.repeat(15_000)}]`;
    const longKey = `${'k'.repeat(1_000_000)}: v`;
    const quotes = `a: "${'\\"'.repeat(200_000)}`;
    const started = performance.now();
    for (const text of [wide, aliases, longKey, quotes]) parseYamlWithPositions(text);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(parseYamlWithPositions(`${wide}\nk7: again`)).toMatchObject({ ok: false, error: { line: 15_001, column: 1 } });
  });
});
