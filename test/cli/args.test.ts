import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args.js';

const parse = (argv: string[], env: NodeJS.ProcessEnv = {}, tty = false) => parseCliArgs(argv, '/repo', env, tty);

describe('parseCliArgs', () => {
  it('reads --start NAME=COMMAND pairs and refuses malformed or repeated ones', () => {
    const parsed = parse(['--start', 'api=node server.js --port=8080', '--start', 'docs=npx serve']);
    expect(parsed.kind === 'run' && parsed.options.run.start).toEqual({ api: 'node server.js --port=8080', docs: 'npx serve' });
    expect(() => parse(['--start', 'node server.js'])).toThrow(UsageError);
    expect(() => parse(['--start', 'a=x', '--start', 'a=y'])).toThrow('--start names "a" twice');
  });

  it('uses the documented defaults', () => {
    const parsed = parse([]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        run: {
          paths: [],
          root: '/repo',
          servers: [],
          startupTimeoutMs: 30_000,
          requestTimeoutMs: 10_000,
          stayAliveMs: 1000,
          concurrency: 8,
          maxConfigs: 1000,
          maxServers: 1000,
          freshHome: false,
          failOn: 'error',
          isolation: 'auto',
          network: 'host',
        },
        verbose: false,
        color: false,
      },
    });
  });

  it('reads every option', () => {
    const parsed = parse([
      'a/.mcp.json',
      'dir',
      '--json',
      '-',
      '--server',
      'x',
      '--server',
      'y',
      '--startup-timeout',
      '5000',
      '--request-timeout',
      '2000',
      '--stay-alive-ms',
      '400',
      '--concurrency',
      '3',
      '--fail-on',
      'warning',
      '--fresh-home',
      '--require-credentials',
      '--verbose',
    ]);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options.json).toBe('-');
    expect(parsed.options.verbose).toBe(true);
    expect(parsed.options.run).toMatchObject({
      paths: ['a/.mcp.json', 'dir'],
      servers: ['x', 'y'],
      startupTimeoutMs: 5000,
      requestTimeoutMs: 2000,
      stayAliveMs: 400,
      concurrency: 3,
      failOn: 'warning',
      freshHome: true,
      requireCredentials: true,
    });
    const defaults = parse([]);
    expect(defaults.kind === 'run' && defaults.options.run.requireCredentials).toBeFalsy();
  });

  it('selects clients (repeatable, or all) and the protocol version probes', () => {
    const run = (argv: string[]) => {
      const parsed = parse(argv);
      if (parsed.kind !== 'run') throw new Error('not a run');
      return parsed.options.run;
    };
    expect(run(['--client', 'cursor', '--client', 'codex'])).toMatchObject({ clients: ['cursor', 'codex'] });
    expect(run(['--client', 'all']).clients).toEqual(['all']);
    expect(run([]).clients).toBeUndefined();
    expect(run(['--protocol-versions']).protocolVersions).toBe(true);
    expect(run(['--client', 'all', '--no-protocol-versions']).protocolVersions).toBe(false);
    expect(run(['--client', 'all']).protocolVersions).toBeUndefined();
  });

  it('reads the isolation, its network and the container image', () => {
    const run = (argv: string[]) => {
      const parsed = parse(argv);
      if (parsed.kind !== 'run') throw new Error('not a run');
      return parsed.options.run;
    };
    expect(run(['--isolation', 'sandbox', '--network', 'none'])).toMatchObject({ isolation: 'sandbox', network: 'none' });
    expect(run(['--isolation', 'docker', '--image', ' node:22 '])).toMatchObject({ isolation: 'docker', image: 'node:22' });
    expect(run(['--isolation', 'process'])).toMatchObject({ isolation: 'process', network: 'host' });
    expect(() => parse(['--isolation', 'vm'])).toThrow('--isolation must be auto, sandbox, docker, process (got "vm")');
    expect(() => parse(['--network', 'bridge'])).toThrow('--network must be host, none (got "bridge")');
    expect(() => parse(['--image', 'node:22'])).toThrow('--image needs --isolation docker');
  });

  it('names the known clients when one is unknown', () => {
    expect(() => parse(['--client', 'emacs'])).toThrow(/unknown --client "emacs" \(one of: all, claude-code, claude-desktop, cursor/);
  });

  it('lists the clients in the help', async () => {
    const { usage } = await import('../../src/cli/args.js');
    expect(usage).toMatch(/--client NAME/);
    expect(usage).toMatch(/claude-code, claude-desktop, cursor, vscode, codex, gemini,\s+windsurf/);
    for (const line of usage.split('\n')) expect(line.length).toBeLessThanOrEqual(118);
  });

  it.each([
    [['--client', 'vim']],
    [['--protocol-versions', '--no-protocol-versions']],
    [['--fail-on', 'sometimes']],
    [['--concurrency', '0']],
    [['--startup-timeout', '1.5']],
    [['--request-timeout', 'soon']],
    [['--stay-alive-ms', '0']],
    [['--stay-alive-ms', '1s']],
    [['--nope']],
  ])('rejects %j as a usage error', (argv) => {
    expect(() => parse(argv)).toThrow(UsageError);
  });

  it.each([
    [['--sever', 'memory'], 'unknown option --sever; did you mean --server?'],
    [['--nope'], 'unknown option --nope'],
    [['-x'], 'unknown option -x'],
    [['--json'], '--json needs a value'],
    [['--verbose=yes'], '--verbose takes no value'],
  ])('says %j in one short line of its own words', (argv, message) => {
    expect(() => parse(argv)).toThrow(new UsageError(message));
  });

  it('documents every exit code and the npm package in the help', async () => {
    const { usage } = await import('../../src/cli/args.js');
    expect(usage).toMatch(/Exit codes: 0 .*, 1 .*, 2 .*,\n3 internal error of mcp-preflight/);
    expect(usage).toContain('npx @mcp-preflight/cli');
  });

  it('reads numbers by the rule the action shares: a timeout of 2^31 ms or more is clamped, not overflowed', () => {
    for (const raw of ['2147483647', '2147483648', '99999999999999999999']) {
      const parsed = parse(['--startup-timeout', raw, '--request-timeout', raw]);
      expect(parsed.kind === 'run' && parsed.options.run).toMatchObject({ startupTimeoutMs: 2147483647, requestTimeoutMs: 2147483647 });
    }
    expect(() => parse(['--startup-timeout', '1e9'])).toThrow(
      '--startup-timeout must be a whole number of at least 1 (values above 2147483647 count as 2147483647) (got "1e9")',
    );
    expect(() => parse(['--concurrency', '257'])).toThrow('--concurrency must be a whole number from 1 to 256 (got "257")');
    const limits = parse(['--max-configs', '5', '--max-servers', '7']);
    expect(limits.kind === 'run' && limits.options.run).toMatchObject({ maxConfigs: 5, maxServers: 7 });
  });

  it('colours only a terminal without NO_COLOR, unless forced', () => {
    const color = (argv: string[], env: NodeJS.ProcessEnv, tty: boolean) => {
      const parsed = parse(argv, env, tty);
      return parsed.kind === 'run' && parsed.options.color;
    };
    expect(color([], {}, true)).toBe(true);
    expect(color([], {}, false)).toBe(false);
    expect(color([], { NO_COLOR: '1' }, true)).toBe(false);
    expect(color(['--no-color'], {}, true)).toBe(false);
    expect(color(['--color'], {}, false)).toBe(true);
    expect(color([], { FORCE_COLOR: '1' }, false)).toBe(true);
    expect(color([], { FORCE_COLOR: '1', NO_COLOR: '1' }, false)).toBe(true);
    expect(color([], { FORCE_COLOR: '0' }, true)).toBe(false);
    expect(color(['--no-color'], { FORCE_COLOR: '1' }, true)).toBe(false);
    expect(color([], { NO_COLOR: '' }, true)).toBe(true);
  });

  it('answers help and version before validating the rest', () => {
    expect(parse(['--help', '--fail-on', 'bad'])).toEqual({ kind: 'help' });
    expect(parse(['-v'])).toEqual({ kind: 'version' });
  });
});
