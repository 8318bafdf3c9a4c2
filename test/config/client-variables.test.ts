import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codexReader } from '../../src/config/formats/codex.js';
import { geminiReader } from '../../src/config/formats/gemini.js';
import { gooseReader } from '../../src/config/formats/goose.js';
import type { FormatReader } from '../../src/config/formats/reader.js';
import { windsurfReader } from '../../src/config/formats/windsurf.js';
import { zedReader } from '../../src/config/formats/zed.js';
import { resolveServer, type ResolveContext } from '../../src/config/resolve.js';
import { expandContinue } from '../../src/config/variables/continue.js';
import { expandEnvPrefix } from '../../src/config/variables/env-prefix.js';
import { envLookup } from '../../src/config/variables/expansion.js';
import { expandGemini } from '../../src/config/variables/gemini.js';
import { expandRegistry } from '../../src/config/variables/mcp-registry.js';
import type { ServerSpec } from '../../src/model/spec.js';

const lookup = envLookup({ TOKEN: 't0k', EMPTY: '', MCP_PREFLIGHT_INPUT_REGION: 'eu' }, 'linux');
const unset = () => undefined;

describe('Gemini $VAR expansion', () => {
  it.each([
    ['$TOKEN', 'args', 't0k', [{ name: 'TOKEN', resolved: true }]],
    ['${TOKEN}/x', 'url', 't0k/x', [{ name: 'TOKEN', resolved: true }]],
    ['${MISSING:-fallback}', 'args', 'fallback', [{ name: 'MISSING', resolved: true, usedDefault: true }]],
    ['${EMPTY:-fallback}', 'args', '', [{ name: 'EMPTY', resolved: true, usedDefault: false }]],
    // Outside env an unset variable stays as written; in env the MCP client expands again and it becomes empty.
    ['$MISSING', 'args', '$MISSING', [{ name: 'MISSING', resolved: false }]],
    ['$MISSING', 'env', '', [{ name: 'MISSING', resolved: false }]],
    ['%TOKEN%', 'env', 't0k', [{ name: 'TOKEN', resolved: true }]],
    ['%TOKEN%', 'args', '%TOKEN%', []],
    ['${env:TOKEN} $ ${ }', 'args', '${env:TOKEN} $ ${ }', []],
  ] as const)('%s in %s → %s', (text, field, value, variables) => {
    const expansion = expandGemini(text, field, lookup);
    expect(expansion.value).toBe(value);
    expect(expansion.variables).toMatchObject(variables.map((variable) => ({ kind: 'env', ...variable })));
    expect(expansion.variables).toHaveLength(variables.length);
  });
});

describe('${env:VAR} (Windsurf, Cline)', () => {
  it('makes an unset variable empty for Windsurf and keeps it for Cline', () => {
    expect(expandEnvPrefix('a${env:MISSING}b', lookup, { unset: 'empty', fileReferences: true }).value).toBe('ab');
    expect(expandEnvPrefix('a${env:MISSING}b', lookup, { unset: 'keep', fileReferences: false }).value).toBe('a${env:MISSING}b');
    expect(expandEnvPrefix('${env:TOKEN}', lookup, { unset: 'keep', fileReferences: false })).toMatchObject({
      value: 't0k',
      variables: [{ kind: 'env', name: 'TOKEN', resolved: true }],
    });
  });

  it('reports Windsurf ${file:…} as unresolved without reading the file, and ignores other ${…}', () => {
    const expansion = expandEnvPrefix('${file:/etc/hostname} ${workspaceFolder}', lookup, { unset: 'empty', fileReferences: true });
    expect(expansion).toEqual({
      value: '${file:/etc/hostname} ${workspaceFolder}',
      variables: [
        { expression: '${file:/etc/hostname}', name: 'file:/etc/hostname', kind: 'builtin', resolved: false, usedDefault: false },
      ],
    });
    expect(expandEnvPrefix('${file:/x}', lookup, { unset: 'keep', fileReferences: false }).variables).toEqual([]);
  });
});

describe('Continue ${{ … }} templates', () => {
  it.each([
    ['${{ secrets.TOKEN }}', 't0k', [{ kind: 'env', name: 'TOKEN', resolved: true }]],
    ['Bearer ${{inputs.TOKEN}}', 'Bearer t0k', [{ kind: 'env', name: 'TOKEN', resolved: true }]],
    ['${{ secrets.MISSING }}', '${{ secrets.MISSING }}', [{ kind: 'env', name: 'MISSING', resolved: false }]],
    ['${{ vars.X }}', '${{ vars.X }}', [{ kind: 'builtin', name: 'vars.X', resolved: false }]],
    ['${TOKEN} ${{ unterminated', '${TOKEN} ${{ unterminated', []],
  ])('%s → %s', (text, value, variables) => {
    const expansion = expandContinue(text, lookup);
    expect(expansion.value).toBe(value);
    expect(expansion.variables).toMatchObject(variables);
    expect(expansion.variables).toHaveLength(variables.length);
  });
});

describe('server.json references', () => {
  it.each([
    ['${TOKEN}', 't0k', [{ kind: 'env', name: 'TOKEN', resolved: true, usedDefault: false }]],
    ['${MISSING:-info}', 'info', [{ kind: 'env', name: 'MISSING', resolved: true, usedDefault: true }]],
    ['${MISSING}', '${MISSING}', [{ kind: 'env', name: 'MISSING', resolved: false }]],
    ['https://${input:region}.x', 'https://eu.x', [{ kind: 'input', name: 'region', resolved: true }]],
    ['${input:other}', '${input:other}', [{ kind: 'input', name: 'other', resolved: false }]],
  ])('%s → %s', (text, value, variables) => {
    const expansion = expandRegistry(text, lookup);
    expect(expansion.value).toBe(value);
    expect(expansion.variables).toMatchObject(variables);
  });
});

describe('hostile input', () => {
  it('expands half a megabyte of unterminated expressions quickly', () => {
    const started = performance.now();
    expect(expandGemini('${A:-'.repeat(100_000), 'env', unset).variables).toEqual([]);
    expect(expandGemini(`%${'A'.repeat(500_000)}`, 'env', unset).variables).toEqual([]);
    expect(expandGemini('$'.repeat(500_000), 'env', unset).variables).toEqual([]);
    expect(expandEnvPrefix('${'.repeat(250_000), unset, { unset: 'empty', fileReferences: true }).variables).toEqual([]);
    expect(expandContinue('${{'.repeat(170_000), unset).variables).toEqual([]);
    expect(expandRegistry('${input:'.repeat(60_000), unset).variables).toEqual([]);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('resolveServer for the new clients', () => {
  const context: ResolveContext = {
    env: { GITHUB_TOKEN: 'ghp_x', HOST: 'gh.example', DOCS_TOKEN: 'd0c' },
    homeDir: '/home/me',
    platform: 'linux',
    workspaceFolder: '/repo',
  };
  const only = (reader: FormatReader, text: string, file: string): ServerSpec => {
    const config = reader.read(text, { path: file, displayPath: 'cfg' }, path.posix);
    expect(config.error).toBeUndefined();
    return config.servers[0]!;
  };

  it('Codex: passes set env_vars, lets the env table win, and adds the bearer token; values are literal', () => {
    const spec = only(
      codexReader,
      '[mcp_servers.a]\ncommand = "x"\nargs = ["${GITHUB_TOKEN}"]\nenv_vars = ["GITHUB_TOKEN", "HOST", "NOT_SET"]\nenv = { HOST = "literal" }\n',
      '/repo/.codex/config.toml',
    );
    const resolved = resolveServer(spec, context);
    expect(resolved.args).toEqual(['${GITHUB_TOKEN}']);
    expect(resolved.env).toEqual({ GITHUB_TOKEN: 'ghp_x', HOST: 'literal' });
    // NOT_SET is simply not passed, as Codex does; it is not a missing variable.
    expect(
      resolved.variables.map((use) => `${use.name} ${use.field}.${use.key} ${use.resolved} ${use.position.line}:${use.position.column}`),
    ).toEqual(['GITHUB_TOKEN env.GITHUB_TOKEN true 4:13', 'HOST env.HOST true 4:29']);
    expect(resolved.secretValues).toEqual(['ghp_x', 'gh.example']);

    const remote = only(
      codexReader,
      '[mcp_servers.d]\nurl = "https://x.example"\nbearer_token_env_var = "DOCS_TOKEN"\nenv_http_headers = { "X-Other" = "NOPE" }\n',
      '/repo/.codex/config.toml',
    );
    const resolvedRemote = resolveServer(remote, context);
    expect(resolvedRemote.headers).toEqual({ Authorization: 'Bearer d0c' });
    expect(resolvedRemote.secretValues).toEqual(['d0c']);
    expect(resolveServer(remote, { ...context, env: {} }).variables).toMatchObject([
      { name: 'DOCS_TOKEN', field: 'headers', key: 'Authorization', resolved: false },
    ]);
  });

  it('Goose: every env_keys name is needed, and reported when unset', () => {
    const spec = only(
      gooseReader,
      'extensions:\n  a:\n    type: stdio\n    cmd: x\n    args: []\n    env_keys: [GITHUB_TOKEN, MISSING]\n',
      '/repo/.goose/config.yaml',
    );
    const resolved = resolveServer(spec, context);
    expect(resolved.env).toEqual({ GITHUB_TOKEN: 'ghp_x' });
    expect(resolved.variables.map((use) => `${use.name} ${use.resolved} ${use.position.line}:${use.position.column}`)).toEqual([
      'GITHUB_TOKEN true 6:16',
      'MISSING false 6:30',
    ]);
  });

  it('Gemini: $VAR in args and env, %VAR% in env only', () => {
    const spec = only(
      geminiReader,
      '{"mcpServers": {"a": {"command": "x", "args": ["$HOST", "%HOST%"], "env": {"T": "%GITHUB_TOKEN%", "U": "$UNSET"}}}}',
      '/repo/.gemini/settings.json',
    );
    const resolved = resolveServer(spec, context);
    expect(resolved).toMatchObject({ args: ['gh.example', '%HOST%'], env: { T: 'ghp_x', U: '' } });
    expect(resolved.variables.filter((use) => !use.resolved).map((use) => use.name)).toEqual(['UNSET']);
  });

  it('Windsurf expands ${env:VAR}; Zed uses every value literally', () => {
    expect(
      resolveServer(only(windsurfReader, '{"mcpServers": {"a": {"serverUrl": "https://${env:HOST}/mcp"}}}', '/r/mcp_config.json'), context)
        .url,
    ).toBe('https://gh.example/mcp');
    const zed = resolveServer(
      only(zedReader, '{"context_servers": {"a": {"command": "x", "env": {"T": "${GITHUB_TOKEN}"}}}}', '/repo/.zed/settings.json'),
      context,
    );
    expect(zed).toMatchObject({ env: { T: '${GITHUB_TOKEN}' }, variables: [] });
  });
});
