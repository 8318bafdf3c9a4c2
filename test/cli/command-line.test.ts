// The command as a user types it: a fresh bundle of the CLI run as a process (argv in, stdout/stderr and exit code out).
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISCOVERED_FILES } from '../../src/config/paths.js';
import { type Bundle, bundleToTempDir, removeBundle, runNode } from '../guarantees/harness.js';

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

  it('a --server name that matches nothing is an error with the closest names, and nothing is launched', async () => {
    const { dir, launched } = await project('typo');
    const run = await cli(['--server', 'memroy', '--server', 'nosuch'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'mcp-preflight: --server "memroy" matches no server in the config files; did you mean "memory"?\n' +
        'mcp-preflight: --server "nosuch" matches no server in the config files\n',
    );
    expect(run.stdout).toBe('');
    expect(await launched()).toBe(false);
  });

  it('a --server name that matches is checked', async () => {
    const { dir, launched } = await project('match');
    const run = await cli(['--server', 'memory', '--startup-timeout', '5000', '--fail-on', 'never'], dir);
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
