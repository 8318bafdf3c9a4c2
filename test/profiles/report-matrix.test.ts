import { describe, expect, it } from 'vitest';
import type { Report, ServerReport } from '../../src/model/report.js';
import { clientMatrixView } from '../../src/report/client-matrix.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { renderTerminal } from '../../src/report/terminal.js';

const server = (name: string, clients?: ServerReport['clients']): ServerReport => ({
  name,
  config: '.mcp.json',
  line: 3,
  column: 5,
  client: 'claude-code',
  transport: 'stdio',
  status: 'pass',
  startupMs: 100,
  durationMs: 200,
  serverInfo: null,
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  tools: [],
  checks: [],
  stderrTail: [],
  ...(clients && { clients }),
});

const report = (servers: ServerReport[]): Report => ({
  schemaVersion: 1,
  tool: { name: 'mcp-preflight', version: '0.1.0' },
  runner: { os: 'linux', arch: 'x64', node: 'v24.0.0' },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 1000,
  settings: { startupTimeoutMs: 30000, requestTimeoutMs: 10000, concurrency: 8, freshHome: false, failOn: 'error' },
  configs: [{ path: '.mcp.json', format: 'claude-code', client: 'claude-code', servers: servers.length, checks: [] }],
  servers,
  totals: { configs: 1, configErrors: 0, servers: servers.length, passed: servers.length, warned: 0, failed: 0, skipped: 0 },
});

const matrixReport = report([
  server('healthy', { cursor: { status: 'works' }, 'claude-code': { status: 'works' }, 'claude-desktop': { status: 'warn', reason: 'on macOS' } }),
  server('relative-\u001b[31mpath', { 'claude-code': { status: 'works' }, 'claude-desktop': { status: 'fails', reason: 'cwd /' }, cursor: { status: 'unknown' } }),
  server('only-vscode', { vscode: { status: 'works' } }),
]);

describe('the servers × clients matrix', () => {
  it('orders the columns like the profiles and leaves unselected cells empty', () => {
    const view = clientMatrixView(matrixReport)!;
    expect(view.clients.map((c) => c.name)).toEqual(['Claude Code', 'Claude Desktop', 'Cursor', 'VS Code']);
    expect(view.rows.map((r) => r.cells.map((c) => c?.status ?? '-'))).toEqual([
      ['works', 'warn', 'works', '-'],
      ['works', 'fails', 'unknown', '-'],
      ['-', '-', '-', 'works'],
    ]);
  });

  it('is left out when one client simply works everywhere (the old output is unchanged)', () => {
    expect(clientMatrixView(report([server('a', { 'claude-code': { status: 'works' } }), server('b')]))).toBeUndefined();
    expect(clientMatrixView(report([server('a')]))).toBeUndefined();
    expect(clientMatrixView(report([server('a', { 'claude-code': { status: 'fails', reason: 'x' } })]))).toBeDefined();
  });

  it('shows in the terminal, aligned, with inert server names', () => {
    const text = renderTerminal(matrixReport, { color: false, verbose: false });
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.includes('Claude Code  Claude Desktop  Cursor  VS Code'));
    expect(lines[header - 1]).toBe('Clients');
    expect(lines[header]).toBe('  Server         Claude Code  Claude Desktop  Cursor  VS Code');
    expect(lines[header + 1]).toBe('  healthy        ✔            ⚠               ✔');
    expect(lines[header + 2]).toBe('  relative-path  ✔            ✖               ?');
    expect(lines[header + 3]?.indexOf('✔')).toBe(lines[header]?.indexOf('VS Code'));
    expect(lines[header + 3]?.startsWith('  only-vscode ')).toBe(true);
    expect(text).not.toContain('\u001b');
  });

  it('shows in the job summary as a table', () => {
    const html = renderJobSummary(matrixReport);
    expect(html).toContain('<h3>Clients</h3>');
    expect(html).toContain('<th>Server</th><th>Claude Code</th><th>Claude Desktop</th><th>Cursor</th><th>VS Code</th>');
    expect(html).toContain('<tr><td><code>healthy</code></td><td>✅</td><td>⚠️</td><td>✅</td><td></td></tr>');
    expect(html).toContain('<td>❌</td><td>❔</td>');
    expect(html).not.toContain('\u001b');
  });
});
