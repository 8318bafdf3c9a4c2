// action.yml against the action metadata schema (GitHub's own parser) and against the code that
// reads its inputs and sets its outputs (a focused check that needs no YAML library: the file is ours and regular).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { INPUT_DEFAULTS } from '../../src/action/inputs.js';
import type { ActionOutputName } from '../../src/action/outputs.js';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const actionYml = await readFile(path.join(root, 'action.yml'), 'utf8');

/** The `key:` entries two spaces under a top-level section, with their 4-space-indented `prop: value` lines. */
function section(name: string): Map<string, Record<string, string>> {
  const entries = new Map<string, Record<string, string>>();
  const lines = actionYml.split(/\r?\n/);
  let current: Record<string, string> | undefined;
  for (const line of lines.slice(lines.indexOf(`${name}:`) + 1)) {
    if (/^\S/.test(line)) break;
    const key = /^ {2}([\w-]+):\s*$/.exec(line);
    const prop = /^ {4}([\w-]+):\s*(.*)$/.exec(line);
    if (key?.[1]) entries.set(key[1], (current = {}));
    else if (prop?.[1] && current) current[prop[1]] = unquote(prop[2] ?? '');
  }
  return entries;
}

function unquote(value: string): string {
  const single = /^'(.*)'$/.exec(value);
  return single ? (single[1] ?? '').replace(/''/g, "'") : value;
}

describe('action.yml', () => {
  it('declares every input the action reads, optional, with the default the code applies', () => {
    const inputs = section('inputs');
    expect([...inputs.keys()].sort()).toEqual(Object.keys(INPUT_DEFAULTS).sort());
    for (const [name, props] of inputs) {
      expect(props.required, name).toBe('false');
      expect(props.default, name).toBe(INPUT_DEFAULTS[name as keyof typeof INPUT_DEFAULTS]);
      expect(props.description, name).toBeTruthy();
    }
  });

  it('declares exactly the outputs the action sets', () => {
    const expected: ActionOutputName[] = ['report-path', 'servers', 'passed', 'warned', 'failed', 'status'];
    expect([...section('outputs').keys()].sort()).toEqual([...expected].sort());
  });

  it('runs dist/index.js on node24, the file the bundle script builds from src/action/index.ts', async () => {
    expect(actionYml).toMatch(/^runs:\n {2}using: 'node24'\n {2}main: 'dist\/index\.js'\n?$/m);
    const bundleScript = await readFile(path.join(root, 'scripts', 'bundle.mjs'), 'utf8');
    expect(bundleScript).toMatch(/index: 'src\/action\/index\.ts'/);
  });
});

// GitHub's parser for action metadata (the one behind the VS Code extension); its schema knows node24.
// vitest inlines the package (`server.deps.inline`) because it imports JSON without an import attribute.
interface ActionParser {
  parseAction(
    file: { name: string; content: string },
    trace: unknown,
  ): { value: unknown; context: { errors: { getErrors(): Array<{ message: string }> } } };
}
const parser = (await import('@actions/workflow-parser/actions/action-parser')) as unknown as ActionParser;
const trace = { error() {}, info() {}, verbose() {} };

describe('action.yml schema', () => {
  it('is valid action metadata', () => {
    const result = parser.parseAction({ name: 'action.yml', content: actionYml }, trace);
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([]);
    expect(result.value).toBeTruthy();
  });

  it('rejects an unknown runtime (the check can fail)', () => {
    const result = parser.parseAction({ name: 'action.yml', content: actionYml.replace("using: 'node24'", "using: 'node99'") }, trace);
    expect(result.context.errors.getErrors().map((e) => e.message)).toEqual([expect.stringContaining("Unexpected value 'node99'")]);
  });
});
