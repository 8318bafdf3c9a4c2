import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfigs } from '../../src/config/load.js';
import { resolveServer } from '../../src/config/resolve.js';
import type { ConfigFile, ServerSpec } from '../../src/model/spec.js';

/** One repository per client format, each discovered from its root as a run with no arguments would. */
const reposRoot = fileURLToPath(new URL('../fixtures/configs/repos/', import.meta.url));

async function load(repo: string): Promise<ConfigFile[]> {
  const { configs, missing, truncated } = await loadConfigs([], `${reposRoot}${repo}`);
  expect({ missing, truncated }).toEqual({ missing: [], truncated: false });
  for (const config of configs) expect(config.error).toBeUndefined();
  return configs;
}

function server(configs: ConfigFile[], name: string): ServerSpec {
  const spec = configs.flatMap((config) => config.servers).find((candidate) => candidate.name === name);
  if (spec === undefined) throw new Error(`no server ${name}`);
  return spec;
}

/** `line:column` of a server's key (`source`) or of one of its fields. */
function at(spec: ServerSpec, field: string): string {
  const position = field === 'source' ? spec.source : spec.fieldPositions[field];
  return position === undefined ? 'none' : `${position.line}:${position.column}`;
}

const problems = (configs: ConfigFile[]): string[] =>
  configs.flatMap((config) => config.servers.flatMap((spec) => spec.schemaProblems.map((problem) => `${spec.name}: ${problem.message}`)));

describe.each<[repo: string, files: string[], servers: string[], positions: Array<[name: string, field: string, position: string]>]>([
  [
    'gemini',
    ['.gemini/settings.json gemini'],
    ['github', 'docs', 'events'],
    [
      ['github', 'source', '5:5'],
      ['github', 'command', '6:18'],
      ['github', 'args.1', '7:22'],
      ['github', 'env.GITHUB_PERSONAL_ACCESS_TOKEN', '8:48'],
      ['github', 'cwd', '9:14'],
      ['github', 'startupTimeoutMs', '10:18'],
      ['github', 'includeTools.1', '11:47'],
      ['github', 'excludeTools.0', '12:24'],
      ['docs', 'source', '15:5'],
      ['docs', 'url', '15:26'],
      ['docs', 'headers.Authorization', '15:87'],
      ['events', 'source', '16:5'],
      ['events', 'type', '16:63'],
    ],
  ],
  [
    'codex',
    ['.codex/config.toml codex'],
    ['github', 'docs', 'off', 'inline', 'dotted'],
    [
      ['github', 'source', '4:14'],
      ['github', 'command', '5:11'],
      ['github', 'args.1', '6:15'],
      ['github', 'envPassthrough.1', '7:38'],
      ['github', 'startupTimeoutMs', '8:23'],
      ['github', 'toolTimeoutMs', '9:20'],
      ['github', 'includeTools.0', '10:18'],
      ['github', 'env.LOG_LEVEL', '13:13'],
      ['docs', 'source', '15:14'],
      ['docs', 'url', '16:7'],
      ['docs', 'bearerTokenEnvVar', '17:24'],
      ['docs', 'headers.X-Team', '18:29'],
      ['docs', 'headerEnvVars.X-Api-Key', '19:36'],
      ['off', 'source', '21:14'],
      ['off', 'disabled', '24:11'],
      ['inline', 'source', '27:1'],
      ['inline', 'command', '27:22'],
      ['inline', 'args.0', '27:37'],
      ['inline', 'startupTimeoutMs', '27:78'],
      ['dotted', 'source', '28:1'],
      ['dotted', 'command', '28:18'],
      ['dotted', 'args.1', '29:22'],
    ],
  ],
  [
    'zed',
    ['.zed/settings.json zed'],
    ['postgres', 'legacy', 'remote'],
    [
      ['postgres', 'source', '5:5'],
      ['postgres', 'command', '6:18'],
      ['postgres', 'args.2', '7:63'],
      ['postgres', 'env.PGAPPNAME', '8:29'],
      ['postgres', 'toolTimeoutMs', '9:18'],
      ['legacy', 'source', '11:5'],
      ['legacy', 'command', '13:28'],
      ['legacy', 'args.0', '13:45'],
      ['legacy', 'env.MODE', '13:76'],
      ['remote', 'source', '15:5'],
      ['remote', 'url', '15:24'],
      ['remote', 'disabled', '15:95'],
    ],
  ],
  [
    'windsurf',
    ['mcp_config.json windsurf'],
    ['fetch', 'remote', 'both', 'off'],
    [
      ['fetch', 'source', '3:5'],
      ['fetch', 'command', '4:18'],
      ['fetch', 'env.USER_AGENT', '6:30'],
      ['remote', 'source', '8:5'],
      ['remote', 'url', '8:30'],
      ['remote', 'headers.Authorization', '8:91'],
      ['both', 'url', '9:28'],
      ['off', 'disabled', '10:63'],
    ],
  ],
  [
    'cline',
    ['cline_mcp_settings.json cline'],
    ['weather', 'events', 'stream', 'legacy', 'off'],
    [
      ['weather', 'source', '3:5'],
      ['weather', 'command', '4:18'],
      ['weather', 'cwd', '6:14'],
      ['weather', 'env.API_KEY', '7:27'],
      ['weather', 'toolTimeoutMs', '8:18'],
      ['events', 'url', '11:24'],
      ['stream', 'type', '12:25'],
      ['legacy', 'type', '13:34'],
      ['off', 'disabled', '14:63'],
    ],
  ],
  [
    'continue',
    ['.continue/mcpServers/claude.json continue', '.continue/mcpServers/tools.yaml continue'],
    ['memory', 'sqlite', 'docs'],
    [
      ['memory', 'source', '3:5'],
      ['memory', 'env.TOKEN', '3:108'],
      ['sqlite', 'source', '5:11'],
      ['sqlite', 'command', '6:14'],
      ['sqlite', 'args.0', '8:9'],
      ['sqlite', 'args.2', '10:9'],
      ['sqlite', 'env.LOG_LEVEL', '12:18'],
      ['sqlite', 'cwd', '13:10'],
      ['sqlite', 'startupTimeoutMs', '14:24'],
      ['docs', 'source', '15:11'],
      ['docs', 'type', '16:11'],
      ['docs', 'url', '17:10'],
      ['docs', 'headers.Authorization', '20:24'],
    ],
  ],
  [
    'goose',
    ['.goose/config.yaml goose'],
    ['github', 'docs'],
    [
      ['github', 'source', '8:3'],
      ['github', 'type', '10:11'],
      ['github', 'command', '12:10'],
      ['github', 'args.1', '13:16'],
      ['github', 'env.LOG_LEVEL', '15:18'],
      ['github', 'envPassthrough.0', '17:9'],
      ['github', 'startupTimeoutMs', '18:14'],
      ['docs', 'source', '20:3'],
      ['docs', 'disabled', '21:14'],
      ['docs', 'url', '24:10'],
      ['docs', 'headers.X-Team', '26:15'],
    ],
  ],
  [
    'registry-package',
    ['server.json mcp-registry'],
    ['weather-npm', 'weather-pypi', 'weather-oci', 'weather-remote'],
    [
      ['weather-npm', 'source', '7:5'],
      ['weather-npm', 'command', '9:21'],
      ['weather-npm', 'type', '11:30'],
      ['weather-npm', 'args.2', '13:9'],
      ['weather-npm', 'args.4', '14:9'],
      ['weather-npm', 'env.WEATHER_API_KEY', '17:19'],
      ['weather-npm', 'env.LOG_LEVEL', '18:19'],
      ['weather-npm', 'env.OPTIONAL_FLAG', 'none'],
      ['weather-pypi', 'source', '22:5'],
      ['weather-oci', 'source', '28:5'],
      ['weather-oci', 'env.WEATHER_API_KEY', '32:42'],
      ['weather-remote', 'source', '36:5'],
      ['weather-remote', 'url', '38:14'],
      ['weather-remote', 'headers.Authorization', '40:29'],
    ],
  ],
  [
    'registry-local',
    ['server.json mcp-registry'],
    ['notes'],
    [
      ['notes', 'source', '7:5'],
      ['notes', 'command', '9:21'],
      ['notes', 'args.1', '12:28'],
    ],
  ],
])('fixture repo %s', (repo, files, servers, positions) => {
  it('is discovered, read without errors or problems, and lists its servers in order', async () => {
    const configs = await load(repo);
    expect(configs.map((config) => `${config.displayPath} ${config.format}`)).toEqual(files);
    expect(configs.flatMap((config) => config.servers.map((spec) => spec.name))).toEqual(servers);
    expect(configs.every((config) => config.workspaceFolder === `${reposRoot}${repo}`)).toBe(true);
    expect(problems(configs)).toEqual([]);
  });

  it.each(positions)('puts %s %s at %s', async (name, field, position) => {
    expect(at(server(await load(repo), name), field)).toBe(position);
  });
});

describe('what the fixture repos declare', () => {
  it('gemini: timeouts in ms, tool filters, httpUrl as Streamable HTTP, $VAR in env', async () => {
    const configs = await load('gemini');
    expect(server(configs, 'github')).toMatchObject({
      transport: 'stdio',
      cwd: `${reposRoot}gemini/tools`,
      startupTimeoutMs: 30_000,
      toolTimeoutMs: 30_000,
      includeTools: ['search_repositories', 'get_file_contents'],
      excludeTools: ['delete_repository'],
    });
    expect(server(configs, 'docs')).toMatchObject({ transport: 'http', url: 'https://mcp.example.com/mcp' });
    expect(server(configs, 'docs').declaredType).toBeUndefined();
    expect(server(configs, 'events').transport).toBe('sse');
    const resolved = resolveServer(server(configs, 'github'), {
      env: { GITHUB_TOKEN: 'ghp_1' },
      homeDir: '/h',
      platform: 'linux',
      workspaceFolder: '/w',
    });
    expect(resolved.env).toEqual({ GITHUB_PERSONAL_ACCESS_TOKEN: 'ghp_1' });
  });

  it('codex: seconds and milliseconds, passthrough, bearer token variable, enabled = false', async () => {
    const configs = await load('codex');
    expect(server(configs, 'github')).toMatchObject({
      startupTimeoutMs: 20_000,
      toolTimeoutMs: 120_500,
      includeTools: ['search_repositories'],
      envPassthrough: ['GITHUB_TOKEN', 'GH_HOST'],
      env: { LOG_LEVEL: 'debug' },
      disabled: false,
    });
    expect(server(configs, 'docs')).toMatchObject({
      transport: 'http',
      headers: { 'X-Team': 'platform' },
      bearerTokenEnvVar: 'DOCS_TOKEN',
      headerEnvVars: { 'X-Api-Key': 'DOCS_API_KEY' },
    });
    expect(server(configs, 'off').disabled).toBe(true);
    expect(server(configs, 'inline')).toMatchObject({ command: 'uvx', args: ['mcp-server-time'], startupTimeoutMs: 15_000 });
    expect(server(configs, 'dotted')).toMatchObject({ command: 'python', args: ['-m', 'notes_server'] });
  });

  it('zed: the nested command form, enabled: false, extension servers left out', async () => {
    const configs = await load('zed');
    expect(server(configs, 'legacy')).toMatchObject({ command: 'node', args: ['legacy.js'], env: { MODE: 'old' }, transport: 'stdio' });
    expect(server(configs, 'remote')).toMatchObject({ transport: 'http', disabled: true });
    expect(server(configs, 'postgres')).toMatchObject({ toolTimeoutMs: 90_000, disabled: false });
  });

  it('windsurf: serverUrl wins over url; disabled', async () => {
    const configs = await load('windsurf');
    expect(server(configs, 'both').url).toBe('https://a.example.com/mcp');
    expect(server(configs, 'remote').transport).toBe('http');
    expect(server(configs, 'off').disabled).toBe(true);
  });

  it('cline: url without type is SSE, legacy transportType http is streamableHttp, timeout in seconds', async () => {
    const configs = await load('cline');
    expect(server(configs, 'events').transport).toBe('sse');
    expect(server(configs, 'stream').transport).toBe('http');
    expect(server(configs, 'legacy')).toMatchObject({ transport: 'http', declaredType: 'streamableHttp' });
    expect(server(configs, 'weather')).toMatchObject({ toolTimeoutMs: 120_000, cwd: `${reposRoot}cline/servers/weather` });
    expect(server(configs, 'off').disabled).toBe(true);
  });

  it('continue: YAML list entries, requestOptions headers, JSON env as secrets', async () => {
    const configs = await load('continue');
    expect(server(configs, 'sqlite')).toMatchObject({ command: 'npx', startupTimeoutMs: 30_000, cwd: `${reposRoot}continue/tools` });
    expect(server(configs, 'docs')).toMatchObject({ transport: 'http', headers: { Authorization: 'Bearer ${{ secrets.DOCS_TOKEN }}' } });
    expect(server(configs, 'memory').env).toEqual({ TOKEN: '${{ secrets.MEMORY_TOKEN }}' });
  });

  it('goose: cmd/envs/uri, env_keys, timeout in seconds, builtins left out, enabled: false', async () => {
    const configs = await load('goose');
    expect(server(configs, 'github')).toMatchObject({
      command: 'npx',
      env: { LOG_LEVEL: 'debug' },
      envPassthrough: ['GITHUB_PERSONAL_ACCESS_TOKEN'],
      startupTimeoutMs: 60_000,
      toolTimeoutMs: 60_000,
    });
    // `available_tools: []` means every tool in Goose.
    expect(server(configs, 'github').includeTools).toBeUndefined();
    expect(server(configs, 'docs')).toMatchObject({ transport: 'http', url: 'https://mcp.example.com/mcp', disabled: true });
  });

  it('registry: boots each package through its runner, and the remote with its inputs', async () => {
    const configs = await load('registry-package');
    expect(server(configs, 'weather-npm')).toMatchObject({
      launchedFrom: 'package',
      command: 'npx',
      args: ['-y', '@example/weather-mcp@1.2.0', '--units', 'metric', '${input:region}'],
      env: { WEATHER_API_KEY: '${WEATHER_API_KEY}', LOG_LEVEL: '${LOG_LEVEL:-info}' },
      secretVariables: ['WEATHER_API_KEY'],
    });
    expect(server(configs, 'weather-pypi')).toMatchObject({ command: 'uvx', args: ['weather-mcp==1.2.0'] });
    expect(server(configs, 'weather-oci')).toMatchObject({
      command: 'docker',
      args: ['run', '-i', '--rm', '-e', 'WEATHER_API_KEY', 'ghcr.io/example/weather-mcp:1.2.0'],
    });
    expect(server(configs, 'weather-remote')).toMatchObject({
      transport: 'http',
      url: 'https://${input:tenant}.weather.example.com/mcp',
      headers: { Authorization: 'Bearer ${input:token}' },
      secretVariables: ['token'],
    });
  });

  it('registry: a repository that is the package runs its local build', async () => {
    const configs = await load('registry-local');
    expect(server(configs, 'notes')).toMatchObject({
      launchedFrom: 'local-build',
      command: 'node',
      args: ['dist/index.js', '--stdio'],
      transport: 'stdio',
    });
  });
});
