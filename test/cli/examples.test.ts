import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import { probeSandbox, systemIsolationHost } from '../../src/launch/isolation.js';
import type { IsolationMode } from '../../src/model/isolation.js';
import type { Report, ServerReport } from '../../src/model/report.js';
import { TOOL_REPOSITORY, TOOL_VERSION } from '../../src/version.js';
import { reportSchema, schemaErrors } from '../report/report-schema.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the README's demo promises: every broken fixture under the right check id, the healthy ones clean. */
const expected: Record<string, { status: ServerReport['status']; failing: string[] }> = {
  healthy: { status: 'pass', failing: [] },
  // Started for the check, as `npm start` does.
  'remote-clock': { status: 'pass', failing: [] },
  notes: { status: 'pass', failing: [] },
  banner: { status: 'fail', failing: ['stdout-purity'] },
  'crash-on-start': { status: 'fail', failing: ['spawn'] },
  'needs-env': { status: 'fail', failing: ['spawn'] },
  'exits-after-handshake': { status: 'fail', failing: ['stays-alive'] },
  'slow-init': { status: 'fail', failing: ['handshake'] },
  'bad-tools': { status: 'fail', failing: ['tool-names', 'tool-schemas'] },
  'ignores-sigterm': { status: 'fail', failing: ['shutdown'] },
  'spawns-children': { status: 'warn', failing: ['shutdown'] },
  'wrong-id': { status: 'fail', failing: ['handshake'] },
  'no-unknown-method': { status: 'warn', failing: ['jsonrpc'] },
  'unset-variable': { status: 'fail', failing: ['config-variables'] },
  'committed-token': { status: 'fail', failing: ['secrets'] },
  'memory-via-npx': { status: 'warn', failing: ['windows-npx'] },
  'remote-without-type': { status: 'fail', failing: ['config-schema'] },
  'notes-with-token': { status: 'warn', failing: ['config-variables'] },
};

interface ExamplesRun {
  report: Report;
  exitCode: number;
  text: string;
}

/** Runs the CLI on examples/ with one isolation; the JSON report and the terminal text. */
async function runExamples(isolation: IsolationMode): Promise<ExamplesRun> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-examples-'));
  try {
    let text = '';
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const exitCode = await runCli(
      {
        run: {
          paths: ['examples'],
          root: repo,
          servers: [],
          start: { 'remote-clock': 'node servers/remote-http.mjs' },
          startupTimeoutMs: 3000,
          requestTimeoutMs: 5000,
          concurrency: 8,
          freshHome: false,
          failOn: 'error',
          isolation,
        },
        json: path.join(dir, 'report.json'),
        verbose: false,
        color: false,
      },
      // The demo's unset variable must stay unset whatever the developer's shell has.
      { stdout, stderr: new PassThrough(), env: { ...process.env, DEMO_WEATHER_API_KEY: undefined } },
    );
    return { report: JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Report, exitCode, text };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const findings = (server: ServerReport) => [
  ...new Set(server.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id)),
];

let processRun: ExamplesRun;
let auto: ExamplesRun;

// One run per isolation, one after the other: two cores, and slow-init must still be the only one to time out.
beforeAll(async () => {
  processRun = await runExamples('process');
  auto = await runExamples('auto');
}, 90_000);

describe('the CLI on examples/ (isolation process)', () => {
  let report: Report;
  let exitCode: number;
  let text = '';

  beforeAll(() => {
    ({ report, exitCode, text } = processRun);
  });

  it('exits 1 because of errors at the default fail-on level', () => {
    expect(exitCode).toBe(1);
  });

  it('finds both config files and every server', () => {
    expect(report.configs.map((c) => c.path)).toEqual(['examples/.mcp.json', 'examples/.vscode/mcp.json']);
    expect(report.servers.map((s) => s.name).sort()).toEqual(Object.keys(expected).sort());
  });

  it.each(Object.entries(expected))('reports %s with the right check ids', (name, want) => {
    const server = report.servers.find((s) => s.name === name);
    expect(server).toBeDefined();
    expect({ status: server!.status, failing: findings(server!).sort() }).toEqual({ ...want, failing: [...want.failing].sort() });
  });

  it('points every server at the line that declares it', async () => {
    const lines = (await readFile(path.join(repo, 'examples/.mcp.json'), 'utf8')).split('\n');
    for (const server of report.servers.filter((s) => s.config === 'examples/.mcp.json')) {
      expect(lines[server.line - 1]).toContain(`"${server.name}"`);
    }
  });

  it('writes a report that follows the documented schema (compiled in Ajv strict mode)', async () => {
    // The raw file at the release tag of this version, so that the $id resolves.
    expect((await reportSchema()).$id).toBe(
      `https://raw.githubusercontent.com/${TOOL_REPOSITORY}/v${TOOL_VERSION}/docs/report.schema.json`,
    );
    expect(await schemaErrors(report)).toBeUndefined();
    expect(report.totals).toMatchObject({ configs: 2, configErrors: 0, servers: Object.keys(expected).length });
  });

  it('never prints the committed token', () => {
    expect(JSON.stringify(report)).not.toContain('ghp_FAKE0EXAMPLE');
    expect(text).not.toContain('ghp_FAKE0EXAMPLE');
  });

  it('prints each finding with its file:line', () => {
    expect(text).toMatch(/✖ stdout-purity examples\/\.mcp\.json:\d+:\d+/);
  });
});

const sandboxHere = (await probeSandbox(systemIsolationHost(process.env), 'host')).ok;

describe('the CLI on examples/ with isolation auto', () => {
  it('runs every launched server in the sandbox where this machine has one', () => {
    expect(auto.report.settings.isolation).toMatchObject({ requested: 'auto', effective: sandboxHere ? 'sandbox' : 'process' });
    const launched = auto.report.servers.filter((s) => s.launch !== undefined);
    expect(launched.length).toBeGreaterThan(10);
    for (const server of launched) expect(server.launch?.isolation).toBe(sandboxHere ? 'sandbox' : 'process');
    expect(auto.text).toMatch(sandboxHere ? /^Isolation: sandbox \(auto\)/m : /^Isolation: process \(auto\)/m);
  });

  it.each(Object.keys(expected))('gives %s the verdicts of isolation process, plus side-effect findings', (name) => {
    const inSandbox = auto.report.servers.find((s) => s.name === name) as ServerReport;
    const asProcess = processRun.report.servers.find((s) => s.name === name) as ServerReport;
    const sideEffects = inSandbox.checks.filter((c) => c.id === 'side-effects' && c.status === 'warn');
    expect(
      findings(inSandbox)
        .filter((id) => id !== 'side-effects')
        .sort(),
    ).toEqual(findings(asProcess).sort());
    expect(inSandbox.status).toBe(sideEffects.length > 0 && asProcess.status === 'pass' ? 'warn' : asProcess.status);
    // A side-effect finding always shows what was seen.
    for (const finding of sideEffects) expect(finding.evidence?.length).toBeGreaterThan(0);
  });

  it('exits with the same code', () => {
    expect(auto.exitCode).toBe(processRun.exitCode);
  });
});
