// Issue 10's guarantees that the run survives, end to end with the bundled CLI and action:
// - cancellation: SIGINT or SIGTERM mid-run (servers starting, helpers in and out of their process group, more servers
//   waiting) ends the run within seconds, with nothing left running (found by an environment marker every server
//   entry sets, which everything a server starts inherits), a partial report marked as cancelled, and exit 130 or 143;
//   the action, run as the runner runs it, also writes its summary and outputs;
// - hostile configs: 20,000 small config files, 6,000 levels of nesting in every format (also the ones whose content is
//   sniffed), 70,000 entries in one file, a 4.8 MB YAML flow list: each ends with a finding or one clear error, never
//   a crash, in bounded time and under 200 MB peak RSS of the CLI process (getrusage, see report-peak-rss.mjs);
// - output files: an unwritable --json path fails at once, before any server starts.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/report.js';
import { startAction } from './action-run.js';
import { bundleToTempDir, killAll, processesWithMarker, removeBundle, repoRoot, runNode, type Bundle, type NodeRun } from './harness.js';

const MB = 1024 * 1024;
const MAX_PEAK_RSS_BYTES = 200 * MB;
const hangs = path.join(repoRoot, 'test/fixtures/servers/hangs-with-helpers.mjs');
const healthy = path.join(repoRoot, 'examples/servers/healthy.mjs');

let bundle: Bundle | undefined;
let dir: string;

beforeAll(async () => {
  bundle = await bundleToTempDir();
  dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-survival-'));
}, 120_000);

afterAll(async () => {
  await removeBundle(bundle);
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Waits (bounded) until `test` holds, looking every 50 ms: for processes to appear or to be gone. */
async function until<T>(read: () => Promise<T>, test: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (test(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** A workspace with 3 servers that start helpers and never answer, and one healthy one, all carrying `marker`. */
async function cancellationWorkspace(name: string, marker: string): Promise<string> {
  const workspace = path.join(dir, name);
  await mkdir(workspace);
  const env = { MCP_PREFLIGHT_TEST_RUN: marker };
  const mcpServers = {
    'hangs-1': { command: process.execPath, args: [hangs], env },
    'hangs-2': { command: process.execPath, args: [hangs], env },
    'hangs-3': { command: process.execPath, args: [hangs], env },
    healthy: { command: process.execPath, args: [healthy], env },
  };
  await writeFile(path.join(workspace, '.mcp.json'), JSON.stringify({ mcpServers }, null, 2));
  return workspace;
}

// Two servers run at a time, each with three helpers: eight marked processes once both have started.
const RUNNING = 8;

describe.runIf(process.platform === 'linux')('cancellation', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)(
    'CLI: %s mid-run kills everything, writes a partial report and exits %i',
    async (signal, code) => {
      const marker = randomUUID();
      const workspace = await cancellationWorkspace(`cli-${signal}`, marker);
      const reportFile = path.join(workspace, 'report.json');
      const child = spawn(
        process.execPath,
        [bundle!.cli, '--no-color', '--concurrency', '2', '--startup-timeout', '60000', '--json', reportFile, '.'],
        { cwd: workspace, stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
      const exited = new Promise<[number | null, string | null]>((resolve) => child.once('close', (c, s) => resolve([c, s])));
      const find = async () => (await processesWithMarker(`MCP_PREFLIGHT_TEST_RUN=${marker}`)) ?? [];
      try {
        const running = await until(find, (found) => found.length >= RUNNING, 20_000);
        expect(running.length, 'servers and helpers running before the signal').toBeGreaterThanOrEqual(RUNNING);
        const signalled = performance.now();
        child.kill(signal);
        const [exitCode] = await exited;
        const took = performance.now() - signalled;
        expect(exitCode, stderr).toBe(code);
        // Well within the 7.5 s the runner waits before its next signal.
        expect(took).toBeLessThan(5000);
        expect(stderr).toContain(`${signal}: stopping the servers and writing a partial report`);
        expect(stdout).toContain(`Cancelled by ${signal}: 4 of 4 servers not checked; this report is partial.`);
        const report = JSON.parse(await readFile(reportFile, 'utf8')) as Report;
        expect(report.cancelled).toEqual({ signal });
        const schema = JSON.parse(await readFile(path.join(repoRoot, 'docs/report.schema.json'), 'utf8')) as object;
        const validate = new Ajv2020({ strict: false }).compile(schema);
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
        expect(report.servers.map((s) => [s.name, s.cancelled, s.status])).toEqual(
          ['hangs-1', 'hangs-2', 'hangs-3', 'healthy'].map((name) => [name, true, 'skip']),
        );
        // Killed processes may take a moment to be reaped by init: wait for them, bounded.
        expect(await until(find, (found) => found.length === 0, 3000)).toEqual([]);
      } finally {
        child.kill('SIGKILL');
        killAll(await find());
      }
    },
    40_000,
  );

  it('action: SIGINT then SIGTERM, as a cancelled job sends them: nothing left, summary, outputs and report written', async () => {
    const marker = randomUUID();
    const workspace = await cancellationWorkspace('action', marker);
    const runnerTemp = path.join(workspace, 'runner-temp');
    await mkdir(runnerTemp);
    const action = await startAction({
      index: bundle!.index,
      workspace,
      runnerTemp,
      inputs: { concurrency: '2', 'startup-timeout': '60000', 'report-path': 'report.json' },
    });
    const find = async () => (await processesWithMarker(`MCP_PREFLIGHT_TEST_RUN=${marker}`)) ?? [];
    try {
      await until(find, (found) => found.length >= RUNNING, 20_000);
      action.child.kill('SIGINT');
      // The runner sends SIGTERM 7.5 s later; sent at once, the two could reach the handlers in either order.
      await until(
        async () => action.stdout(),
        (out) => out.includes('SIGINT'),
        10_000,
      );
      action.child.kill('SIGTERM');
      const done = await action.done;
      expect(done.code, done.stdout + done.stderr).toBe(130);
      const { summary, outputs } = await action.files();
      expect(summary).toContain('Cancelled by SIGINT');
      expect(outputs).toMatchObject({ status: 'cancelled', servers: '4', 'report-path': path.join(workspace, 'report.json') });
      const report = JSON.parse(await readFile(path.join(workspace, 'report.json'), 'utf8')) as Report;
      expect(report.cancelled).toEqual({ signal: 'SIGINT' });
      expect(done.stdout).toContain('::error::cancelled by SIGINT; the report is partial');
      expect(await until(find, (found) => found.length === 0, 3000)).toEqual([]);
    } finally {
      action.child.kill('SIGKILL');
      killAll(await find());
    }
  }, 40_000);
});

/** Runs the bundled CLI on `workspace` with its peak RSS measured. */
function measure(workspace: string, args: string[] = []): Promise<NodeRun> {
  return runNode([bundle!.cli, '--no-color', '--fail-on', 'never', ...args], {
    cwd: workspace,
    timeoutMs: 120_000,
    measureRss: true,
  });
}

function expectBounded(run: NodeRun, maxMs: number): void {
  expect(run.timedOut).toBe(false);
  expect(run.stderr).not.toMatch(/internal error|Maximum call stack|Invalid string length|heap out of memory/);
  expect(run.peakRssBytes).toBeGreaterThan(10 * MB);
  expect(run.peakRssBytes, `peak RSS ${Math.round((run.peakRssBytes ?? 0) / MB)} MB`).toBeLessThan(MAX_PEAK_RSS_BYTES);
  expect(run.wallMs).toBeLessThan(maxMs);
}

describe('hostile configs', () => {
  it('20,000 small config files: one clear error past the bound, and a bounded read when the bound is raised', async () => {
    const workspace = path.join(dir, 'many');
    // 200 folders of 100 folders, each with its .mcp.json: 40,200 entries to walk, within discovery's budget.
    for (let i = 0; i < 200; i++) {
      for (let j = 0; j < 100; j++) {
        const folder = path.join(workspace, `p${i}`, `q${j}`);
        mkdirSync(folder, { recursive: true });
        writeFileSync(path.join(folder, '.mcp.json'), '{"mcpServers": {}}');
      }
    }
    const over = await measure(workspace);
    expect(over.code).toBe(2);
    expect(over.stderr.trim()).toBe(
      'mcp-preflight: found 20000 config files, more than one run checks (1000); nothing was checked. Name the configs or servers to check, or raise --max-configs.',
    );
    expectBounded(over, 30_000);

    const raised = await measure(workspace, ['--max-configs', '20000', '--json', path.join(dir, 'many.json')]);
    expect(raised.code, raised.stderr).toBe(0);
    expect(raised.stdout).toMatch(/0 servers in 20000 configs/);
    expect((JSON.parse(await readFile(path.join(dir, 'many.json'), 'utf8')) as Report).configs).toHaveLength(20_000);
    expectBounded(raised, 60_000);
  }, 180_000);

  it('6,000 levels of nesting in every format, also in files whose content decides whether they are configs', async () => {
    const workspace = path.join(dir, 'deep');
    const deep = `${'['.repeat(6000)}${']'.repeat(6000)}`;
    const files: Record<string, string> = {
      '.mcp.json': `{"mcpServers": {"a": {"command": "x", "args": ${deep}}}}`,
      'windsurf/mcp_config.json': deep,
      'gemini/.gemini/settings.json': `{"mcpServers": ${deep}}`,
      'zed/.zed/settings.json': deep,
      'registry/server.json': deep,
      'codex/.codex/config.toml': `[mcp_servers.a]\ncommand = "x"\nargs = ${deep}`,
      'goose/.goose/config.yaml': `extensions:\n  a:\n    args: ${deep}`,
      '.continue/mcpServers/a.yaml': `${'- '.repeat(6000)}x`,
    };
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
      writeFileSync(path.join(workspace, file), text);
    }
    const run = await measure(workspace, ['--json', path.join(dir, 'deep.json')]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 'deep.json'), 'utf8')) as Report;
    expect(report.configs.map((c) => [c.path, c.error?.message.startsWith('the file nests values more than 100 levels deep')])).toEqual(
      Object.keys(files)
        .sort()
        .map((file) => [file, true]),
    );
    expectBounded(run, 20_000);
  }, 60_000);

  it('70,000 entries in one config: one clear error at the server bound, in bounded time and memory', async () => {
    const workspace = path.join(dir, 'wide');
    mkdirSync(workspace);
    const mcpServers = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`server-${i}`, { command: 'x' }]));
    writeFileSync(path.join(workspace, '.mcp.json'), JSON.stringify({ mcpServers }));
    const run = await measure(workspace);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('found 70000 servers, more than one run checks (1000); nothing was checked.');
    expectBounded(run, 20_000);
  }, 60_000);

  it('a 4.8 MB Continue YAML flow list is refused before the parser spends anything', async () => {
    const workspace = path.join(dir, 'yaml');
    mkdirSync(path.join(workspace, '.continue/mcpServers'), { recursive: true });
    const list = Array.from({ length: 328_000 }, (_, i) => `server-${i}`).join(', ');
    const text = `mcpServers: [${list}]\n`;
    expect(text.length / 1e6).toBeCloseTo(4.8, 1);
    writeFileSync(path.join(workspace, '.continue/mcpServers/big.yaml'), text);
    const run = await measure(workspace, ['--json', path.join(dir, 'yaml.json')]);
    expect(run.code, run.stderr).toBe(0);
    const report = JSON.parse(await readFile(path.join(dir, 'yaml.json'), 'utf8')) as Report;
    expect(report.configs[0]?.error?.message).toMatch(/larger than 1048576 bytes/);
    expectBounded(run, 10_000);
  }, 60_000);
});

describe.runIf(process.platform === 'linux')('the --json file', () => {
  it.each([
    ['/nonexistent/x.json', 'its folder does not exist'],
    ['/dev/full', 'no space left on the device'],
  ])('%s: exit 2 with one line naming the option, before any server starts', async (file, reason) => {
    const workspace = path.join(dir, `json-${path.basename(file)}`);
    mkdirSync(workspace);
    const started = path.join(workspace, 'server-started');
    const server = { command: process.execPath, args: ['-e', `require('fs').writeFileSync(${JSON.stringify(started)}, '')`] };
    writeFileSync(path.join(workspace, '.mcp.json'), JSON.stringify({ mcpServers: { s: server } }));
    const run = await runNode([bundle!.cli, '--json', file, '.'], { cwd: workspace, timeoutMs: 30_000 });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`mcp-preflight: --json ${file}: cannot write the report there (${reason})\n`);
    expect(run.stdout).toBe('');
    expect(existsSync(started)).toBe(false);
  });
});
