import { describe, expect, it } from 'vitest';
import {
  jsonShapeProblem,
  MAX_NESTING,
  MAX_YAML_BYTES,
  MAX_YAML_ENTRIES,
  tomlShapeProblem,
  yamlShapeProblem,
} from '../../src/config/shape.js';

const deep = (n: number, open = '[', close = ']') => `${open.repeat(n)}${close.repeat(n)}`;

describe('nesting measured before parsing', () => {
  it('JSON: counts brackets, not the ones in strings or comments', () => {
    expect(jsonShapeProblem(deep(MAX_NESTING))).toBeUndefined();
    expect(jsonShapeProblem(deep(MAX_NESTING + 1))).toMatchObject({ offset: MAX_NESTING });
    expect(jsonShapeProblem(`{"a": "${'['.repeat(500)}", "b": "\\"${'{'.repeat(500)}"}`)).toBeUndefined();
    expect(jsonShapeProblem(`// ${'['.repeat(500)}\n/* ${'{'.repeat(500)} */ {}`)).toBeUndefined();
    // An unterminated string ends at the line's end: what follows counts again.
    expect(jsonShapeProblem(`"open\n${deep(MAX_NESTING + 1)}`)).toBeDefined();
  });

  it('TOML: counts arrays and inline tables, not strings of any kind or comments', () => {
    expect(tomlShapeProblem(`a = ${deep(MAX_NESTING + 1)}`)).toBeDefined();
    expect(tomlShapeProblem(`a = ${deep(MAX_NESTING + 1, '{b=', '}')}`)).toBeDefined();
    const quiet = `a = "${'['.repeat(500)}"\nb = '${'['.repeat(500)}'\nc = """\n${'['.repeat(500)}\n"""\nd = '''${'{'.repeat(500)}'''\n# ${'['.repeat(500)}\n[[x]]\n[y.z]`;
    expect(tomlShapeProblem(quiet)).toBeUndefined();
  });

  it('YAML: counts indentation levels, compact indicators and flow collections', () => {
    expect(yamlShapeProblem(`${'- '.repeat(MAX_NESTING + 1)}x`)).toBeDefined();
    expect(yamlShapeProblem(`${'- '.repeat(MAX_NESTING - 2)}x`)).toBeUndefined();
    expect(yamlShapeProblem(`a: ${deep(MAX_NESTING + 1)}`)).toBeDefined();
    expect(yamlShapeProblem(`a: ${deep(MAX_NESTING + 1, '{a: ', '}')}`)).toBeDefined();
    const stairs = Array.from({ length: MAX_NESTING + 1 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n');
    expect(yamlShapeProblem(stairs)).toBeDefined();
    expect(yamlShapeProblem(`${'- &a !t '.repeat(MAX_NESTING + 1)}x`)).toBeDefined();
  });

  it('YAML: not brackets in plain or quoted scalars, comments or block scalars', () => {
    const quiet = [
      `url: http://x/${'['.repeat(300)}`,
      `q: "${'['.repeat(300)}"`,
      `s: '${'{'.repeat(300)}'`,
      `multi: "first\n  ${'['.repeat(300)}"`,
      `# ${'['.repeat(300)}`,
      `text: |\n  ${'['.repeat(300)}\n  - - - - - - - - - - - - - - - - - - - - - - - - - -\n${Array.from({ length: 200 }, (_, i) => `  ${' '.repeat(i)}x`).join('\n')}`,
      'after: [a, b, {c: d}]',
    ].join('\n');
    expect(yamlShapeProblem(quiet)).toBeUndefined();
  });

  it('YAML: refuses a file over the size cap or with too many entries before the parser spends anything', () => {
    expect(yamlShapeProblem(`a: "${'x'.repeat(MAX_YAML_BYTES)}"`)).toMatchObject({ message: /larger than/ });
    expect(yamlShapeProblem(`mcpServers: [${'a, '.repeat(MAX_YAML_ENTRIES)}]`)).toMatchObject({ message: /more than 20000 entries/ });
    expect(yamlShapeProblem(Array.from({ length: MAX_YAML_ENTRIES + 1 }, (_, i) => `k${i}: v`).join('\n'))).toMatchObject({
      message: /entries/,
    });
    // A 4.8 MB flow list is refused in a few milliseconds (the parser took 24 s and 2.4 GB on it).
    const huge = `mcpServers: [${Array.from({ length: 600_000 }, (_, i) => `s${i}`).join(', ')}]`;
    const started = performance.now();
    expect(yamlShapeProblem(huge)).toBeDefined();
    expect(performance.now() - started).toBeLessThan(500);
  });
});
