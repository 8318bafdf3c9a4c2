import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registryReader } from '../../src/config/formats/mcp-registry.js';
import { resolveServer } from '../../src/config/resolve.js';
import type { ConfigFile, ServerSpec } from '../../src/model/spec.js';

function read(manifest: unknown, packageJson?: unknown): ConfigFile {
  const companions = new Map<string, string>();
  if (packageJson !== undefined)
    companions.set('package.json', typeof packageJson === 'string' ? packageJson : JSON.stringify(packageJson));
  const text = typeof manifest === 'string' ? manifest : JSON.stringify(manifest, null, 2);
  return registryReader.read(text, { path: '/repo/server.json', displayPath: 'server.json', companions }, path.posix);
}

const npm = (extra: Record<string, unknown> = {}) => ({
  registryType: 'npm',
  identifier: '@acme/srv',
  version: '2.0.0',
  transport: { type: 'stdio' },
  ...extra,
});

function only(file: ConfigFile): ServerSpec {
  expect(file.error).toBeUndefined();
  expect(file.servers).toHaveLength(1);
  return file.servers[0]!;
}

const messages = (spec: ServerSpec): string[] => spec.schemaProblems.map((problem) => problem.message);

describe('server.json packages', () => {
  it('names a single entry after the last segment of the server name', () => {
    expect(only(read({ name: 'io.github.acme/srv', packages: [npm()] }))).toMatchObject({
      name: 'srv',
      client: 'mcp-registry',
      command: 'npx',
      args: ['-y', '@acme/srv@2.0.0'],
      transport: 'stdio',
      cwd: '/repo',
      launchedFrom: 'package',
    });
  });

  it('numbers entries of the same kind', () => {
    const file = read({
      name: 'io.x/srv',
      packages: [npm(), npm({ identifier: '@acme/other' })],
      remotes: [{ type: 'sse', url: 'https://x.example/sse' }],
    });
    expect(file.servers.map((spec) => spec.name)).toEqual(['srv-npm', 'srv-npm-2', 'srv-remote']);
  });

  it('uses runtimeHint and runtimeArguments as given', () => {
    const spec = only(
      read({
        name: 'io.x/y',
        packages: [
          npm({
            runtimeHint: 'bunx',
            runtimeArguments: [
              { type: 'named', name: '--bun' },
              { type: 'positional', value: '--silent' },
            ],
          }),
        ],
      }),
    );
    // A named argument without a value and not required is left out, as a client leaves an unset option out.
    expect(spec).toMatchObject({ command: 'bunx', args: ['--silent', '@acme/srv@2.0.0'] });
  });

  it('boots nuget through dnx with its arguments after --, and tags an oci image with the version', () => {
    const nuget = only(
      read({
        name: 'io.x/y',
        packages: [
          {
            registryType: 'nuget',
            identifier: 'Acme.Srv',
            version: '0.4.0-beta',
            transport: { type: 'stdio' },
            packageArguments: [
              { type: 'positional', value: 'mcp' },
              { type: 'positional', value: 'start' },
            ],
          },
        ],
      }),
    );
    expect(nuget).toMatchObject({ command: 'dnx', args: ['Acme.Srv@0.4.0-beta', '--', 'mcp', 'start'] });
    const oci = only(
      read({
        name: 'io.x/y',
        packages: [{ registryType: 'oci', identifier: 'docker.io/acme/srv', version: '1.0', transport: { type: 'stdio' } }],
      }),
    );
    expect(oci).toMatchObject({ command: 'docker', args: ['run', '-i', '--rm', 'docker.io/acme/srv:1.0'] });
  });

  it('turns required inputs into ${input:…} and secret placeholders into masked variables', () => {
    const spec = only(
      read({
        name: 'io.x/y',
        packages: [
          npm({
            packageArguments: [
              { type: 'named', name: '--token', value: '{key}', variables: { key: { isSecret: true } } },
              { type: 'named', name: '--workspace', valueHint: 'workspace_path', isRequired: true },
              { type: 'named', name: '--verbose', isRequired: true },
              { type: 'positional', value: '{unknown}' },
            ],
          }),
        ],
      }),
    );
    expect(spec.args).toEqual([
      '-y',
      '@acme/srv@2.0.0',
      '--token',
      '${input:key}',
      '--workspace',
      '${input:workspace_path}',
      '--verbose',
      '{unknown}',
    ]);
    expect(spec.secretVariables).toEqual(['key']);
    const resolved = resolveServer(spec, {
      env: { MCP_PREFLIGHT_INPUT_KEY: 'k-1', MCP_PREFLIGHT_INPUT_WORKSPACE_PATH: '/w' },
      homeDir: '/h',
      platform: 'linux',
      workspaceFolder: '/repo',
    });
    expect(resolved.args.slice(2, 6)).toEqual(['--token', 'k-1', '--workspace', '/w']);
    // Every value from outside is a secret; the report's short-value rule keeps `/w` readable.
    expect(resolved.secretValues).toEqual(['k-1', '/w']);
  });

  it('reports what the registry or a client would reject', () => {
    const file = read({
      name: 'io.x/y',
      packages: [
        { registry_type: 'npm', identifier: 'a', transport: { type: 'stdio' } },
        { registryType: 'npm', identifier: 'b', version: 'latest' },
        { registryType: 'cargo', identifier: 'c', transport: { type: 'stdio' } },
        { registryType: 'npm', transport: { type: 'websocket' } },
        'npx d',
        npm({ packageArguments: [{ type: 'positional', isRequired: true }, { value: 'x' }] }),
      ],
    });
    expect(file.servers.map(messages)).toEqual([
      ['the package has no "registryType" (this file uses the 2025-07-09 snake_case schema: update it to the current one)'],
      [
        '"version" must be an exact version, not "latest" (the registry rejects it)',
        'the package has no "transport": add { "type": "stdio" } (or the HTTP transport it serves)',
      ],
      ['unknown "registryType" "cargo": mcp-preflight boots npm, pypi, oci and nuget packages'],
      [
        'the package has no "identifier"',
        'unknown type "websocket" of the transport: expected "stdio", "streamable-http" or "sse"',
        'the transport has no "url": a remote server needs the address to connect to',
      ],
      ['a package must be an object, found a string'],
      [
        '"packageArguments" item 0 is required but has no "value", "default" or "valueHint"',
        '"packageArguments" item 1 has no "type": expected "positional" or "named"',
      ],
    ]);
  });

  it('leaves out MCP bundles, which no command boots', () => {
    const file = read({
      name: 'io.x/y',
      packages: [{ registryType: 'mcpb', identifier: 'https://x.example/a.mcpb', transport: { type: 'stdio' } }, npm()],
    });
    expect(file.servers.map((spec) => spec.name)).toEqual(['y']);
  });

  it('points every field at its line', () => {
    const spec = only(read({ name: 'io.x/y', packages: [npm({ environmentVariables: [{ name: 'KEY', isRequired: true }] })] }));
    // JSON.stringify(…, null, 2): the package object opens on line 4.
    expect(spec.source).toMatchObject({ file: 'server.json', line: 4, column: 5 });
    expect(spec.fieldPositions.command).toMatchObject({ line: 6 });
    expect(spec.fieldPositions['env.KEY']).toMatchObject({ line: 13 });
  });
});

describe('the repository that is the package', () => {
  const manifest = {
    name: 'io.x/notes',
    packages: [npm({ identifier: '@acme/notes', packageArguments: [{ type: 'positional', value: '--stdio' }] })],
  };

  it.each<[string, unknown, string]>([
    ['a bin path', { name: '@acme/notes', bin: 'build/cli.js' }, 'build/cli.js'],
    ['the bin named like the package', { name: '@acme/notes', bin: { other: 'other.js', notes: 'dist/notes.js' } }, 'dist/notes.js'],
    ['the only bin', { name: '@acme/notes', bin: { 'notes-mcp': 'dist/index.js' } }, 'dist/index.js'],
  ])('runs the local build with node: %s', (_name, packageJson, bin) => {
    expect(only(read(manifest, packageJson))).toMatchObject({ launchedFrom: 'local-build', command: 'node', args: [bin, '--stdio'] });
  });

  it.each<[string, unknown]>([
    ['another package', { name: '@acme/other', bin: 'cli.js' }],
    ['no bin', { name: '@acme/notes', main: 'index.js' }],
    ['an unreadable package.json', '{ "name": '],
  ])('boots the published package when package.json is %s', (_name, packageJson) => {
    expect(only(read(manifest, packageJson))).toMatchObject({ launchedFrom: 'package', command: 'npx' });
  });
});

describe('server.json remotes and file errors', () => {
  it('reads remotes with their headers', () => {
    const spec = only(
      read({
        name: 'io.x/y',
        remotes: [
          {
            type: 'streamable-http',
            url: 'https://x.example/mcp',
            headers: [{ name: 'X-Key', isRequired: true, isSecret: true }, { name: 'X-Opt' }],
          },
        ],
      }),
    );
    expect(spec).toMatchObject({
      transport: 'http',
      url: 'https://x.example/mcp',
      headers: { 'X-Key': '${input:X-Key}' },
      secretVariables: ['X-Key'],
    });
  });

  it('reports a remote that declares stdio or has no url', () => {
    const file = read({ name: 'io.x/y', remotes: [{ type: 'stdio', url: 'https://x.example' }, { type: 'sse' }] });
    expect(file.servers[0]!.transport).toBe('unknown');
    expect(file.servers.map(messages)).toEqual([
      ['a remote cannot be "stdio": use "streamable-http" or "sse"'],
      ['the remote has no "url": a remote server needs the address to connect to'],
    ]);
  });

  it.each([
    ['no packages or remotes', { name: 'io.x/y' }, /^1:1 no "packages" or "remotes"/],
    ['packages that are not a list', { name: 'io.x/y', packages: {} }, /^3:15 "packages" must be an array, found an object/],
    ['not JSON', '{ "name": ', /^1:11 invalid JSON/],
    ['not an object', '[]', /^1:1 the file must contain an object, found an array/],
  ])('reports %s as a file error', (_name, manifest, message) => {
    const file = read(manifest);
    expect(`${file.error?.line}:${file.error?.column} ${file.error?.message}`).toMatch(message);
    expect(file.servers).toEqual([]);
  });
});
