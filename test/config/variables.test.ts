import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandClaudeCode } from '../../src/config/variables/claude-code.js';
import { envLookup } from '../../src/config/variables/expansion.js';
import { expandVscode, inputEnvName, inputReferences, untildify, type VscodeVariableContext } from '../../src/config/variables/vscode.js';

const env = { TOKEN: 't0k', EMPTY: '', Mixed_Case: 'm' };

describe('Claude Code ${VAR} expansion', () => {
  const lookup = envLookup(env, 'linux');
  it.each([
    ['${TOKEN}', 't0k', [{ name: 'TOKEN', resolved: true, usedDefault: false }]],
    ['Bearer ${TOKEN}!', 'Bearer t0k!', [{ name: 'TOKEN', resolved: true }]],
    ['${MISSING:-fallback}', 'fallback', [{ name: 'MISSING', resolved: true, usedDefault: true }]],
    ['${MISSING:-}', '', [{ name: 'MISSING', resolved: true, usedDefault: true }]],
    ['${TOKEN:-fallback}', 't0k', [{ name: 'TOKEN', resolved: true, usedDefault: false }]],
    // Set but empty wins over the default: Claude Code checks for an unset variable.
    ['${EMPTY:-fallback}', '', [{ name: 'EMPTY', resolved: true, usedDefault: false }]],
    ['${MISSING}', '${MISSING}', [{ name: 'MISSING', resolved: false, usedDefault: false }]],
    ['$TOKEN', '$TOKEN', []],
    ['${var%pattern}', '${var%pattern}', []],
    ['${env:TOKEN}', '${env:TOKEN}', []],
    [
      '${TOKEN}/${MISSING}',
      't0k/${MISSING}',
      [
        { name: 'TOKEN', resolved: true },
        { name: 'MISSING', resolved: false },
      ],
    ],
    ['${mixed_case}', '${mixed_case}', [{ name: 'mixed_case', resolved: false }]],
  ])('%s → %s', (text, value, variables) => {
    const expansion = expandClaudeCode(text, lookup);
    expect(expansion.value).toBe(value);
    expect(expansion.variables).toMatchObject(variables.map((variable) => ({ kind: 'env', ...variable })));
    expect(expansion.variables).toHaveLength(variables.length);
  });

  it('records the expression as written', () => {
    expect(expandClaudeCode('${MISSING:-a b}', lookup).variables[0]?.expression).toBe('${MISSING:-a b}');
  });
});

describe('VS Code / Cursor variables', () => {
  const context: VscodeVariableContext = {
    lookupEnv: envLookup({ ...env, MCP_PREFLIGHT_INPUT_API_KEY: 'k3y' }, 'linux'),
    homeDir: '/home/me',
    workspaceFolder: '/work/repo',
    pathApi: path.posix,
    inputs: true,
  };
  it.each([
    ['${workspaceFolder}/server.js', '/work/repo/server.js', [{ kind: 'builtin', name: 'workspaceFolder', resolved: true }]],
    ['${workspaceFolderBasename}', 'repo', [{ kind: 'builtin', resolved: true }]],
    ['${userHome}${/}x${pathSeparator}y', '/home/me/x/y', [{ kind: 'builtin' }, { kind: 'builtin' }, { kind: 'builtin' }]],
    ['${env:TOKEN}', 't0k', [{ kind: 'env', name: 'TOKEN', resolved: true }]],
    // VS Code substitutes an empty string for an unset variable.
    ['a${env:MISSING}b', 'ab', [{ kind: 'env', name: 'MISSING', resolved: false }]],
    ['${input:api-key}', 'k3y', [{ kind: 'input', name: 'api-key', resolved: true }]],
    ['${input:other}', '${input:other}', [{ kind: 'input', name: 'other', resolved: false }]],
    ['${TOKEN}', '${TOKEN}', [{ kind: 'builtin', name: 'TOKEN', resolved: false }]],
    ['${config:editor.tabSize}', '${config:editor.tabSize}', [{ kind: 'builtin', resolved: false }]],
    ['$TOKEN and ${', '$TOKEN and ${', []],
  ])('%s → %s', (text, value, variables) => {
    const expansion = expandVscode(text, context);
    expect(expansion.value).toBe(value);
    expect(expansion.variables).toMatchObject(variables.map((variable) => ({ usedDefault: false, ...variable })));
    expect(expansion.variables).toHaveLength(variables.length);
  });

  it('uses Windows separators with path.win32', () => {
    const windows = { ...context, workspaceFolder: 'C:\\work\\repo', pathApi: path.win32 };
    expect(expandVscode('${workspaceFolder}${/}a${pathSeparator}b|${workspaceFolderBasename}', windows).value).toBe(
      'C:\\work\\repo\\a\\b|repo',
    );
  });

  it('leaves ${input:…} alone when the client has no inputs (Cursor)', () => {
    expect(expandVscode('${input:api-key}', { ...context, inputs: false })).toEqual({ value: '${input:api-key}', variables: [] });
  });

  it.each([
    ['api-key', 'MCP_PREFLIGHT_INPUT_API_KEY'],
    ['github.token', 'MCP_PREFLIGHT_INPUT_GITHUB_TOKEN'],
    ['Key2', 'MCP_PREFLIGHT_INPUT_KEY2'],
  ])('input %s comes from %s', (id, name) => {
    expect(inputEnvName(id)).toBe(name);
  });

  it('finds input references', () => {
    expect(inputReferences('${input:a} ${env:B} ${input:c-d}')).toEqual(['a', 'c-d']);
  });

  it.each([
    ['~', '/home/me'],
    ['~/bin/server', '/home/me/bin/server'],
    ['~\\bin', '/home/me\\bin'],
    ['~user/bin', '~user/bin'],
    ['a/~/b', 'a/~/b'],
  ])('untildify %s → %s', (value, expected) => {
    expect(untildify(value, '/home/me')).toBe(expected);
  });
});

describe('environment lookup', () => {
  it('is case-sensitive on POSIX', () => {
    const lookup = envLookup({ Path: '/bin' }, 'linux');
    expect(lookup('Path')).toBe('/bin');
    expect(lookup('PATH')).toBeUndefined();
  });

  it('is case-insensitive on Windows, preferring an exact match', () => {
    const lookup = envLookup({ Path: 'C:\\bin', api_key: 'lower', API_KEY: 'upper' }, 'win32');
    expect(lookup('PATH')).toBe('C:\\bin');
    expect(lookup('path')).toBe('C:\\bin');
    expect(lookup('API_KEY')).toBe('upper');
    expect(lookup('api_key')).toBe('lower');
    expect(lookup('MISSING')).toBeUndefined();
  });

  it('does not see inherited object properties', () => {
    expect(envLookup({}, 'linux')('constructor')).toBeUndefined();
    expect(envLookup({}, 'win32')('toString')).toBeUndefined();
  });
});

describe('hostile input', () => {
  // Quadratic matching took about a minute on 400 kB of this; linear matching takes milliseconds.
  it('expands half a megabyte of unterminated variables quickly', () => {
    const context: VscodeVariableContext = {
      lookupEnv: () => undefined,
      homeDir: '/h',
      workspaceFolder: '/w',
      pathApi: path.posix,
      inputs: true,
    };
    const started = performance.now();
    expect(expandClaudeCode('${A:-'.repeat(100_000), () => undefined).variables).toEqual([]);
    expect(expandVscode('${'.repeat(250_000), context).variables).toEqual([]);
    expect(inputReferences('${input:'.repeat(60_000))).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
