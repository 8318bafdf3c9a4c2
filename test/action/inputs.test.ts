import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expandConfigPaths, INPUT_DEFAULTS, readInputs, splitList } from '../../src/action/inputs.js';

// core.getInput reads INPUT_<NAME> with the name upper-cased and hyphens kept, exactly as the runner sets them.
function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
}

const env = { GITHUB_WORKSPACE: path.resolve('/ws'), RUNNER_TEMP: path.resolve('/tmp/runner'), GITHUB_ACTION: 'preflight' };

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('readInputs', () => {
  it('applies the action.yml defaults when inputs are absent', () => {
    expect(readInputs(env)).toEqual({
      config: [],
      servers: [],
      start: {},
      suppress: [],
      startupTimeoutMs: 30000,
      requestTimeoutMs: 10000,
      stayAliveMs: 1000,
      concurrency: 8,
      maxConfigs: 1000,
      maxServers: 1000,
      failOn: 'error',
      freshHome: false,
      requireCredentials: false,
      clients: [],
      protocolVersions: undefined,
      isolation: 'auto',
      network: 'host',
      image: undefined,
      workingDirectory: env.GITHUB_WORKSPACE,
      annotations: true,
      summary: true,
      comment: false,
      githubToken: '',
      reportPath: path.join(env.RUNNER_TEMP, 'mcp-preflight', 'preflight.json'),
      mode: 'check',
      reports: [],
      shard: undefined,
      leg: undefined,
      junit: undefined,
      sarif: undefined,
    });
  });

  it('reads every input as the runner passes it', () => {
    setInputs({
      config: '.mcp.json\n .cursor/mcp.json , configs/*.json\n',
      servers: 'github,memory',
      suppress: 'windows-npx reason=macOS and Linux only, on purpose\n\nsecrets server=x reason=a test fixture\n',
      'startup-timeout': '5000',
      'request-timeout': '2000',
      'stay-alive-ms': '250',
      concurrency: '2',
      'fail-on': 'Warning',
      'fresh-home': 'true',
      'require-credentials': 'true',
      clients: 'claude-desktop,\ncodex',
      'protocol-versions': 'false',
      isolation: 'Docker',
      network: 'none',
      image: ' node:22-slim ',
      'working-directory': 'packages/app',
      annotations: 'false',
      summary: 'False',
      comment: 'TRUE',
      'github-token': 'ghs_token',
      'report-path': 'out/report.json',
      mode: 'Merge',
      reports: 'reports/\nmore.json',
      shard: ' 2/3 ',
      leg: 'windows-latest',
      junit: 'out/junit.xml',
      sarif: 'out/results.sarif',
    });
    expect(readInputs(env)).toEqual({
      config: ['.mcp.json', '.cursor/mcp.json', 'configs/*.json'],
      servers: ['github', 'memory'],
      start: {},
      suppress: ['windows-npx reason=macOS and Linux only, on purpose', '', 'secrets server=x reason=a test fixture'],
      startupTimeoutMs: 5000,
      requestTimeoutMs: 2000,
      stayAliveMs: 250,
      concurrency: 2,
      maxConfigs: 1000,
      maxServers: 1000,
      failOn: 'warning',
      freshHome: true,
      requireCredentials: true,
      clients: ['claude-desktop', 'codex'],
      protocolVersions: false,
      isolation: 'docker',
      network: 'none',
      image: 'node:22-slim',
      workingDirectory: path.join(env.GITHUB_WORKSPACE, 'packages', 'app'),
      annotations: false,
      summary: false,
      comment: true,
      githubToken: 'ghs_token',
      reportPath: path.join(env.GITHUB_WORKSPACE, 'out', 'report.json'),
      mode: 'merge',
      reports: [path.join(env.GITHUB_WORKSPACE, 'reports'), path.join(env.GITHUB_WORKSPACE, 'more.json')],
      shard: { index: 2, count: 3 },
      leg: 'windows-latest',
      junit: path.join(env.GITHUB_WORKSPACE, 'out', 'junit.xml'),
      sarif: path.join(env.GITHUB_WORKSPACE, 'out', 'results.sarif'),
    });
  });

  it.each([
    [
      'startup-timeout',
      '30s',
      'Input "startup-timeout" must be a whole number of at least 1 (values above 2147483647 count as 2147483647), got "30s"',
    ],
    ['request-timeout', '0', 'Input "request-timeout" must be a whole number of at least 1'],
    [
      'stay-alive-ms',
      '1s',
      'Input "stay-alive-ms" must be a whole number of at least 1 (values above 2147483647 count as 2147483647), got "1s"',
    ],
    ['concurrency', '-1', 'Input "concurrency" must be a whole number from 1 to 256, got "-1"'],
    ['concurrency', '1.5', 'got "1.5"'],
    ['startup-timeout', '1e9', 'got "1e9"'],
    ['max-servers', '0', 'Input "max-servers" must be a whole number from 1 to 1000000, got "0"'],
    ['fail-on', 'errors', 'Input "fail-on" must be one of error, warning, never, got "errors"'],
    ['annotations', 'yes', 'Input "annotations" must be true or false, got "yes"'],
    ['comment', '1', 'Input "comment" must be true or false, got "1"'],
    ['clients', 'claude-code,emacs', 'Input "clients" has unknown client(s) "emacs"; known: all, claude-code'],
    ['protocol-versions', 'sometimes', 'Input "protocol-versions" must be true or false, got "sometimes"'],
    ['isolation', 'vm', 'Input "isolation" must be one of auto, sandbox, docker, process, got "vm"'],
    ['network', 'bridge', 'Input "network" must be one of host, none, got "bridge"'],
    ['image', 'node:22', 'Input "image" needs isolation: docker, got isolation: auto'],
    ['shard', '3/2', 'Input "shard" must be K/N with 1 <= K <= N <= 256, e.g. 1/3, got "3/2"'],
    ['leg', 'a/b', 'Input "leg" must be 1 to 64 letters'],
    ['mode', 'split', 'Input "mode" must be one of check, merge, got "split"'],
  ])('rejects %s=%s with a message naming the input', (name, value, message) => {
    setInputs({ [name]: value });
    expect(() => readInputs(env)).toThrow(message);
  });

  it('clamps a timeout of 2^31 ms or more as the CLI does (the documented maximum works)', () => {
    setInputs({ 'startup-timeout': '2147483647', 'request-timeout': '4294967296' });
    expect(readInputs(env)).toMatchObject({ startupTimeoutMs: 2147483647, requestTimeoutMs: 2147483647 });
  });

  it('reads start commands as NAME: command lines (a command keeps its colons)', () => {
    setInputs({ start: 'api: node server.js --listen 127.0.0.1:8080\n\n  docs : python -m docs_server' });
    expect(readInputs(env).start).toEqual({ api: 'node server.js --listen 127.0.0.1:8080', docs: 'python -m docs_server' });
    setInputs({ start: 'node server.js' });
    expect(() => readInputs(env)).toThrow('Input "start", line 1: expected "NAME: command"');
  });

  it('declares a default for every input it reads', () => {
    expect(Object.keys(INPUT_DEFAULTS).sort()).toEqual(
      [
        'annotations',
        'clients',
        'comment',
        'concurrency',
        'config',
        'fail-on',
        'fresh-home',
        'github-token',
        'image',
        'isolation',
        'junit',
        'leg',
        'mode',
        'network',
        'max-configs',
        'max-servers',
        'protocol-versions',
        'start',
        'report-path',
        'reports',
        'request-timeout',
        'require-credentials',
        'sarif',
        'servers',
        'shard',
        'startup-timeout',
        'suppress',
        'stay-alive-ms',
        'summary',
        'working-directory',
      ].sort(),
    );
  });
});

describe('splitList', () => {
  it('splits on newlines and commas, trims and drops empties', () => {
    expect(splitList(' a ,\n\nb\r\n, c ,')).toEqual(['a', 'b', 'c']);
    expect(splitList('')).toEqual([]);
  });
});

describe('expandConfigPaths', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-inputs-'));
    for (const file of ['a/.mcp.json', 'b/.mcp.json', 'b/node_modules/pkg/.mcp.json', 'configs/one.json', 'configs/two.json']) {
      await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
      await writeFile(path.join(dir, file), '{}');
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('expands globs relative to the working directory, sorted, skipping node_modules', async () => {
    const { paths, unmatched } = await expandConfigPaths(['**/.mcp.json', 'configs/*.json'], dir);
    expect(paths).toEqual(['a/.mcp.json', 'b/.mcp.json', 'configs/one.json', 'configs/two.json'].map((f) => path.join(dir, f)));
    expect(unmatched).toEqual([]);
  });

  it('passes literal paths through (the engine reports missing ones) and lists globs that matched nothing', async () => {
    const { paths, unmatched } = await expandConfigPaths(['missing.json', 'nothing/*.json', 'a'], dir);
    expect(paths).toEqual([path.join(dir, 'missing.json'), path.join(dir, 'a')]);
    expect(unmatched).toEqual(['nothing/*.json']);
  });

  it('lists a file matched twice once', async () => {
    const { paths } = await expandConfigPaths(['a/.mcp.json', 'a/*.json', 'a/.mcp.*'], dir);
    expect(paths).toEqual([path.join(dir, 'a', '.mcp.json')]);
  });
});
