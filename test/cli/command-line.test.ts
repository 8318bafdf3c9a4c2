// The command as a user types it: a fresh bundle of the CLI run as a process (argv in, stdout/stderr and exit code out).
import { access, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCOVERED_FILES } from '../../src/config/paths.js';
import type { Report } from '../../src/model/report.js';
import { type Bundle, bundleToTempDir, removeBundle, runNode } from '../guarantees/harness.js';
import { schemaErrors } from '../report/report-schema.js';

let bundle: Bundle;
let scratch: string;

beforeAll(async () => {
  [bundle, scratch] = await Promise.all([bundleToTempDir(), mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-cli-'))]);
}, 120_000);
afterAll(async () => {
  await removeBundle(bundle);
  await rm(scratch, { recursive: true, force: true });
});

const cli = (args: string[], cwd = scratch) => runNode([bundle.cli, ...args], { cwd, timeoutMs: 60_000 });

/** A folder with a `.mcp.json` whose one server, `memory`, leaves a file behind when it is started. */
async function project(name: string): Promise<{ dir: string; launched: () => Promise<boolean> }> {
  const dir = path.join(scratch, name);
  await mkdir(dir, { recursive: true });
  const marker = path.join(dir, 'launched');
  const server = { command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`] };
  await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { memory: server, github: server } }, null, 2));
  return {
    dir,
    launched: () =>
      access(marker).then(
        () => true,
        () => false,
      ),
  };
}

describe('usage errors', () => {
  it.each([
    [['--sever', 'memory'], 'unknown option --sever; did you mean --server?'],
    [['--json'], '--json needs a value'],
    [['--fail-on', 'sometimes'], '--fail-on must be error, warning or never (got "sometimes")'],
  ])('%j: one line that points to --help, exit 2', async (args, message) => {
    const run = await cli(args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`mcp-preflight: ${message} (see mcp-preflight --help)\n`);
  });

  it('--help lists every exit code, 3 included', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Exit codes: 0 .*\n3 internal error of mcp-preflight/m);
  });

  it('a --server or --start name that matches nothing is an error with the closest names, and nothing is launched', async () => {
    const { dir, launched } = await project('typo');
    // A plain process, so that a launch would leave its marker (see below).
    const run = await cli(['--server', 'memroy', '--server', 'nosuch', '--start', 'memori=node x.mjs', '--isolation', 'process'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'mcp-preflight: --server "memroy" matches no server in the config files; did you mean "memory"?\n' +
        'mcp-preflight: --server "nosuch" matches no server in the config files\n' +
        'mcp-preflight: --start "memori" matches no server in the config files; did you mean "memory"?\n',
    );
    expect(run.stdout).toBe('');
    expect(await launched()).toBe(false);
  });

  it('a --server name that matches is checked', async () => {
    const { dir, launched } = await project('match');
    // A plain process: the marker is a write into the workspace, which a sandbox without overlays keeps read-only.
    const run = await cli(['--server', 'memory', '--startup-timeout', '5000', '--fail-on', 'never', '--isolation', 'process'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(await launched()).toBe(true);
  });

  it('names every file discovery looks for when it finds none', async () => {
    const empty = path.join(scratch, 'empty');
    await mkdir(empty);
    const run = await cli([], empty);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`(looked for ${DISCOVERED_FILES.join(', ')})\n`);
  });
});

describe('suppressions', () => {
  const fixtureServer = path.resolve(fileURLToPath(import.meta.url), '../../action/fixtures/stdio-server.mjs');

  /** A folder whose one server, `noisy`, fails stdout-purity (a banner on stdout) and nothing else. */
  async function noisyProject(name: string, suppressionsFile?: string): Promise<string> {
    const dir = path.join(scratch, name);
    await mkdir(dir, { recursive: true });
    const noisy = { command: process.execPath, args: [fixtureServer, '--banner'] };
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { noisy } }, null, 2));
    if (suppressionsFile !== undefined) await writeFile(path.join(dir, '.mcp-preflight.yml'), suppressionsFile);
    return dir;
  }
  const run = (dir: string, args: string[] = []) =>
    cli(['--no-color', '--startup-timeout', '10000', '--json', 'report.json', ...args], dir);
  const reportOf = async (dir: string) => JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Report;

  it('without one, the failing check fails the run', async () => {
    const dir = await noisyProject('unsuppressed');
    const result = await run(dir);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/✖ stdout-purity \.mcp\.json:\d+/);
  });

  it('from .mcp-preflight.yml: the finding is shown as suppressed with its reason and no longer fails the run', async () => {
    const yml =
      'suppress:\n  # The banner is fixed upstream in 2.0.\n  - check: stdout-purity\n    server: noisy\n    reason: The banner goes away in 2.0.\n';
    const dir = await noisyProject('file', yml);
    const result = await run(dir);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /⊘ stdout-purity \.mcp\.json:\d+(:\d+)? suppressed \(fail\) by \.mcp-preflight\.yml:3: The banner goes away in 2\.0\./,
    );
    expect(result.stdout).toMatch(/1 passed, 0 warned, 0 failed · 1 finding suppressed/);
    const report = await reportOf(dir);
    const noisy = report.servers.find((s) => s.name === 'noisy');
    expect(noisy?.status).toBe('pass');
    expect(noisy?.checks.find((c) => c.id === 'stdout-purity')).toMatchObject({
      status: 'fail',
      suppressed: { reason: 'The banner goes away in 2.0.', source: '.mcp-preflight.yml:3' },
    });
    expect(report.suppressions).toEqual([
      expect.objectContaining({ check: 'stdout-purity', server: 'noisy', file: '.mcp-preflight.yml', line: 3, matched: 1 }),
    ]);
    expect(await schemaErrors(report)).toBeUndefined();
  });

  it('from --suppress, the same; one that matches nothing is reported as stale without failing the run', async () => {
    const dir = await noisyProject('option');
    const result = await run(dir, [
      '--suppress',
      'stdout-purity reason=The banner goes away in 2.0.',
      '--suppress',
      'secrets server=gone reason=an old fixture',
    ]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toContain('suppressed (fail) by --suppress #1: The banner goes away in 2.0.');
    expect(result.stdout).toContain(
      '⚠ stale suppression of secrets for "gone" (--suppress #2): no server named "gone" was checked; remove it',
    );
    expect((await reportOf(dir)).suppressions?.map((s) => [s.source, s.matched, s.stale])).toEqual([
      ['--suppress #1', 1, undefined],
      ['--suppress #2', 0, 'no server named "gone" was checked'],
    ]);
  });

  it.each([
    [
      undefined,
      ['--suppress', 'stdout-purity'],
      'mcp-preflight: --suppress: a reason is required: say why this stdout-purity finding is accepted\n',
    ],
    [
      'suppress:\n  - check: stdout-purity\n    servr: noisy\n    reason: x\n',
      [],
      'mcp-preflight: .mcp-preflight.yml:3: unknown key "servr"; did you mean "server"? (a suppression has check, server, client, reason)\n',
    ],
  ])('a suppression that cannot be used is a usage error before anything runs (%#)', async (yml, args, stderr) => {
    const dir = await noisyProject(`bad-${args.length}`, yml);
    const result = await run(dir, args);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(stderr);
    expect(result.stdout).toBe('');
  });
});
