import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  loadSuppressions,
  parseSuppressionsFile,
  parseSuppressOption,
  readSuppressionsFile,
  SuppressionError,
} from '../../src/config/suppressions.js';
import { suppressionVocabulary as vocabulary } from '../../src/checks/registry.js';

const file = (text: string) => parseSuppressionsFile(text, '.mcp-preflight.yml', vocabulary);
const option = (text: string) => parseSuppressOption(text, '--suppress', vocabulary);

describe('.mcp-preflight.yml', () => {
  it('reads each entry with where it is written', () => {
    const text = [
      '# Accepted findings',
      'suppress:',
      '  - check: windows-npx',
      '    reason: We ship this config for macOS and Linux only.',
      '  - check: secrets',
      '    server: "fixture: fake token"',
      '    client: claude-desktop',
      '    reason: >-',
      '      A fake token for the tests,',
      '      never a real one.',
    ].join('\n');
    expect(file(text)).toEqual([
      {
        check: 'windows-npx',
        reason: 'We ship this config for macOS and Linux only.',
        source: '.mcp-preflight.yml:3',
        file: '.mcp-preflight.yml',
        line: 3,
      },
      {
        check: 'secrets',
        server: 'fixture: fake token',
        client: 'claude-desktop',
        reason: 'A fake token for the tests, never a real one.',
        source: '.mcp-preflight.yml:5',
        file: '.mcp-preflight.yml',
        line: 5,
      },
    ]);
  });

  it.each(['', '# nothing yet\n', 'suppress:\n', 'suppress: []\n', '\uFEFF\r\n# x\r\n'])('suppresses nothing in %j', (text) => {
    expect(file(text)).toEqual([]);
  });

  it.each([
    ['suppres:\n  - check: secrets\n', '.mcp-preflight.yml:1: unknown key "suppres" (the file has one key: suppress)'],
    [
      'suppress:\n  - check: secrets\n    sever: x\n    reason: y\n',
      '.mcp-preflight.yml:3: unknown key "sever"; did you mean "server"? (a suppression has check, server, client, reason)',
    ],
    ['suppress:\n  - check: secrets\n', '.mcp-preflight.yml:2: a reason is required: say why this secrets finding is accepted'],
    ['suppress:\n  - check: secrets\n    reason: "  "\n', '.mcp-preflight.yml:2: a reason is required'],
    ['suppress:\n  - reason: why\n', '.mcp-preflight.yml:2: "check" is required'],
    [
      'suppress:\n  - check: windows-npxx\n    reason: y\n',
      '.mcp-preflight.yml:2: no check has the id "windows-npxx"; did you mean "windows-npx"?',
    ],
    ['suppress:\n  - check: config-parse\n    reason: y\n', '.mcp-preflight.yml:2: config-parse cannot be suppressed'],
    [
      'suppress:\n  - check: secrets\n    client: claude\n    reason: y\n',
      '.mcp-preflight.yml:2: no client has the id "claude"; did you mean',
    ],
    [
      'suppress:\n  - check: secrets\n    server: 42\n    reason: y\n',
      '.mcp-preflight.yml:3: "server" must be text, found a number (quote it)',
    ],
    ['suppress:\n  - secrets\n', '.mcp-preflight.yml:2: a suppression is a map with check, reason'],
    ['suppress:\n  check: secrets\n', '.mcp-preflight.yml:2: "suppress" must be a list of entries, found an object'],
    ['- check: secrets\n', '.mcp-preflight.yml:1: expected "suppress:" with a list, found an array'],
    ['suppress:\n  - check: [secrets\n', '.mcp-preflight.yml:3:1: invalid YAML'],
    ['suppress:\n  - check: a\n    check: b\n    reason: y\n', '.mcp-preflight.yml:3:'],
  ])('rejects %j with a message that names the line', (text, message) => {
    expect(() => file(text)).toThrow(SuppressionError);
    expect(() => file(text)).toThrow(message);
  });
});

describe('--suppress and the suppress input', () => {
  it.each([
    ['windows-npx reason=macOS and Linux only', { check: 'windows-npx', reason: 'macOS and Linux only' }],
    ['  secrets server=github reason=a fake token, for tests  ', { check: 'secrets', server: 'github', reason: 'a fake token, for tests' }],
    [
      'client-compat client=claude-desktop server="my server" reason=not for Claude Desktop',
      { check: 'client-compat', client: 'claude-desktop', server: 'my server', reason: 'not for Claude Desktop' },
    ],
    ['secrets server="a \\"quoted\\" name" reason=x=y', { check: 'secrets', server: 'a "quoted" name', reason: 'x=y' }],
  ])('reads %j', (text, expected) => {
    expect(option(text)).toEqual({ ...expected, source: '--suppress' });
  });

  it.each([
    ['', 'expected a check id first'],
    ['secrets', 'a reason is required'],
    ['secrets server=x', 'a reason is required'],
    ['secrets reason=', 'a reason is required'],
    ['secrets sever=x reason=y', 'unknown key "sever"; did you mean "server"?'],
    ['secrets server=x server=y reason=z', 'server is given twice'],
    ['secrets because it is fine', 'expected server=, client= or reason= at "because it is fine"'],
    ['secrets server="x"y reason=z', 'expected a space after server=x'],
    ['secret reason=y', 'no check has the id "secret"; did you mean "secrets"?'],
    ['secrets server= reason=y', '"server" is empty'],
  ])('rejects %j, naming the option', (text, message) => {
    expect(() => option(text)).toThrow(SuppressionError);
    expect(() => option(text)).toThrow(`--suppress: ${message}`);
  });
});

describe('the suppressions of a run', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-suppressions-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('are the file in the root, then the option values (empty lines skipped)', async () => {
    await writeFile(path.join(dir, '.mcp-preflight.yml'), 'suppress:\n  - check: secrets\n    reason: fixture\n');
    const all = await loadSuppressions(dir, ['', 'shutdown reason=slow CI'], (i) => `input "suppress" line ${i + 1}`, vocabulary);
    expect(all.map((s) => [s.check, s.source])).toEqual([
      ['secrets', '.mcp-preflight.yml:2'],
      ['shutdown', 'input "suppress" line 2'],
    ]);
  });

  it('are none without a file', async () => {
    const empty = await mkdtemp(path.join(dir, 'empty-'));
    expect(await readSuppressionsFile(empty, vocabulary)).toEqual([]);
  });

  it('are not silently skipped when the file has another extension', async () => {
    const other = await mkdtemp(path.join(dir, 'yaml-'));
    await writeFile(path.join(other, '.mcp-preflight.yaml'), 'suppress: []\n');
    await expect(readSuppressionsFile(other, vocabulary)).rejects.toThrow(
      '.mcp-preflight.yaml: suppressions are read from .mcp-preflight.yml only; rename the file',
    );
  });
});
