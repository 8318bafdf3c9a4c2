import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Report, ServerReport } from '../../src/model/report.js';
import { TOOL_REPOSITORY, TOOL_VERSION } from '../../src/version.js';
import { reportSchema, schemaErrors } from '../report/report-schema.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** What the README's demo promises: every broken fixture under the right check id, the healthy ones clean. */
const expected: Record<string, { status: ServerReport['status']; failing: string[] }> = {
  healthy: { status: 'pass', failing: [] },
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

describe('the CLI on examples/', () => {
  let dir: string;
  let report: Report;
  let exitCode: number;
  let text = '';

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-examples-'));
    const stdout = new PassThrough();
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    exitCode = await runCli(
      {
        run: {
          paths: ['examples'],
          root: repo,
          servers: [],
          startupTimeoutMs: 3000,
          requestTimeoutMs: 5000,
          concurrency: 8,
          freshHome: false,
          failOn: 'error',
        },
        json: path.join(dir, 'report.json'),
        verbose: false,
        color: false,
      },
      // The demo's unset variable must stay unset whatever the developer's shell has.
      { stdout, stderr: new PassThrough(), env: { ...process.env, DEMO_WEATHER_API_KEY: undefined } },
    );
    report = JSON.parse(await readFile(path.join(dir, 'report.json'), 'utf8')) as Report;
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

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
    const failing = server!.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => c.id);
    expect({ status: server!.status, failing: [...new Set(failing)].sort() }).toEqual({ ...want, failing: [...want.failing].sort() });
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
