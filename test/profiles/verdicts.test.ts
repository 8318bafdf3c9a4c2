// Through the whole engine: fixture servers that each break one way, judged for several clients at once. What a
// check says is unit-tested over transcripts; this holds the parts only real processes show (the order of an exit and
// a pending request, stderr written while the server never answers) and the rendered verdict per client.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/engine.js';
import type { CheckReport, Report, ServerReport } from '../../src/model/report.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { examplesDir, hostileDir } from '../probe/helpers.js';

const clients = ['claude-code', 'claude-desktop', 'codex', 'gemini'];

describe('verdicts per client on fixture servers', () => {
  let dir: string;
  let report: Report;
  const server = (name: string) => report.servers.find((s) => s.name === name) as ServerReport;
  const check = (name: string, id: string, client?: string) =>
    server(name).checks.find((c) => c.id === id && c.client === client) as CheckReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-verdicts-'));
    const node = process.execPath;
    const entry = (file: string, base = hostileDir) => ({ command: node, args: [path.join(base, file)] });
    const config = {
      mcpServers: {
        'crashes-on-unknown-method': entry('crashes-on-unknown-method.mjs'),
        'anthropic-dialect': entry('anthropic-dialect.mjs'),
        'init-error': entry('init-error.mjs'),
        'unreachable-upstream': entry('unreachable-upstream.mjs'),
        'needs-network-to-list': entry('needs-network-to-list.mjs'),
        banner: entry('servers/banner.mjs', examplesDir),
        healthy: entry('servers/healthy.mjs', examplesDir),
      },
    };
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify(config, null, 2));
    ({ report } = await runPreflight({
      paths: [],
      root: dir,
      servers: [],
      startupTimeoutMs: 2_000,
      requestTimeoutMs: 2_000,
      concurrency: 7,
      freshHome: false,
      failOn: 'error',
      env: { ...process.env },
      clients,
      protocolVersions: false,
    }));
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('keeps one result per check and client in the JSON report', () => {
    for (const s of report.servers) {
      const keys = s.checks.map((c) => `${c.id}|${c.client ?? ''}`);
      expect(keys, s.name).toEqual([...new Set(keys)]);
    }
  });

  it('fails a server that dies on the unknown method under jsonrpc, and stays-alive points there', () => {
    expect(check('crashes-on-unknown-method', 'jsonrpc')).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/exited with code 1 .* after it received the unknown method .*without answering it/),
    });
    expect(check('crashes-on-unknown-method', 'stays-alive')).toMatchObject({
      status: 'skip',
      message: expect.stringMatching(/see jsonrpc/),
    });
    expect(server('crashes-on-unknown-method').clients?.['claude-code']).toMatchObject({
      status: 'fails',
      reason: expect.stringMatching(/^jsonrpc:/),
    });
  });

  it('reports each broken tool with its keyword for the client whose API refuses it, and nowhere else', () => {
    expect(check('anthropic-dialect', 'tool-schemas', 'claude-code').message).toMatch(/"send_message" \("oneOf" at the top level\)/);
    expect(check('anthropic-dialect', 'tool-schemas', 'gemini').message).toMatch(/"create_tree" \(a "\$ref" cycle/);
    expect(check('anthropic-dialect', 'tool-names', 'claude-desktop').message).toMatch(
      /Claude Desktop rejects 1 tool name .*"graph\.list"/,
    );
    expect(check('anthropic-dialect', 'tool-schemas').status).toBe('pass');
    const verdicts = Object.fromEntries(Object.entries(server('anthropic-dialect').clients ?? {}).map(([id, v]) => [id, v.status]));
    expect(verdicts).toEqual({ 'claude-code': 'fails', 'claude-desktop': 'fails', codex: 'works', gemini: 'fails' });
  });

  it("reports an initialize error as the server's own complaint", () => {
    const result = check('init-error', 'handshake');
    expect(result.message).toMatch(/refused initialize: error -32603: Invalid configuration: DATABASE_URL is required/);
    expect(result.message).not.toMatch(/asked for protocol/);
  });

  it('names the upstream cause of a proxy that never answers, from its stderr', () => {
    const result = check('unreachable-upstream', 'handshake');
    expect(result.message).toMatch(/the host mcp\.upstream\.invalid could not be resolved/);
    expect(result.message).not.toMatch(/not an HTTP port/);
  });

  it('says a list that fails with fetch failed needs the network', () => {
    expect(check('needs-network-to-list', 'tools-list').message).toMatch(/needs the network to answer tools\/list/);
  });

  it('shows a stdout-purity failure as a failure under every client, in the terminal and the job summary', () => {
    const banner = server('banner');
    expect(banner.status).toBe('fail');
    for (const id of clients) expect(banner.clients?.[id]?.status, id).toBe('fails');
    const terminal = renderTerminal(report, { color: false, verbose: false });
    const row = terminal.split('\n').find((line) => /^\s+banner\s/.test(line) && !line.includes(':'));
    expect(row).toBeDefined();
    expect(row).not.toContain('✔');
    expect(row).toContain('✖');
    const summary = renderJobSummary(report);
    const summaryRow = summary.split('\n').find((line) => line.startsWith('<tr><td><code>banner</code><br>'));
    expect(summaryRow).toContain('<td>❌&nbsp;failed</td>');
    expect(summaryRow).toBeDefined();
    expect(summaryRow).not.toContain('✅');
  });

  it('leaves a healthy server working everywhere', () => {
    expect(server('healthy').status).toBe('pass');
    for (const id of clients) expect(server('healthy').clients?.[id]?.status, id).toBe('works');
  });
});
