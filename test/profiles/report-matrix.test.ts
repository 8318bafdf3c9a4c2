import { describe, expect, it } from 'vitest';
import type { ServerReport } from '../../src/model/report.js';
import { clientMatrixView } from '../../src/report/client-matrix.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { report, server } from '../action/fixtures/report.js';

// The shared report builder, with the client table as the only thing that varies.
const matrixServer = (name: string, clients?: ServerReport['clients']): ServerReport =>
  server(name, [], { status: 'pass', ...(clients && { clients }) });

const matrixReport = report([
  matrixServer('healthy', {
    cursor: { status: 'works' },
    'claude-code': { status: 'works' },
    'claude-desktop': { status: 'warn', reason: 'on macOS' },
  }),
  matrixServer('relative-\u001b[31mpath', {
    'claude-code': { status: 'works' },
    'claude-desktop': { status: 'fails', reason: 'cwd /' },
    cursor: { status: 'unknown' },
  }),
  matrixServer('only-vscode', { vscode: { status: 'works' } }),
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
    expect(clientMatrixView(report([matrixServer('a', { 'claude-code': { status: 'works' } }), matrixServer('b')]))).toBeUndefined();
    expect(clientMatrixView(report([matrixServer('a')]))).toBeUndefined();
    expect(clientMatrixView(report([matrixServer('a', { 'claude-code': { status: 'fails', reason: 'x' } })]))).toBeDefined();
  });

  it('shows in the terminal, aligned, with inert server names', () => {
    const text = renderTerminal(matrixReport, { color: false, verbose: false });
    const lines = text.split('\n');
    const header = lines.findIndex((l) => l.includes('Claude Code  Claude Desktop  Cursor  VS Code'));
    expect(lines[header - 1]).toBe('Clients');
    // The escape in a name is shown as text (`\x1b`), and the column is as wide as what is shown.
    const shown = 'relative-\\x1b[31mpath';
    expect(lines[header]).toBe(`  ${'Server'.padEnd(shown.length)}  Claude Code  Claude Desktop  Cursor  VS Code`);
    expect(lines[header + 1]).toBe(`  ${'healthy'.padEnd(shown.length)}  ✔            ⚠               ✔`);
    expect(lines[header + 2]).toBe(`  ${shown}  ✔            ✖               ?`);
    expect(lines[header + 3]?.indexOf('✔')).toBe(lines[header]?.indexOf('VS Code'));
    expect(lines[header + 3]?.startsWith('  only-vscode ')).toBe(true);
    expect(text).not.toContain('\u001b');
  });

  it('shows in the job summary as a table', () => {
    const html = renderJobSummary(matrixReport);
    // The clients are columns of the main table, between the status and the startup time.
    expect(html).not.toContain('<h3>Clients</h3>');
    expect(html).toContain('<th>Status</th><th>Claude Code</th><th>Claude Desktop</th><th>Cursor</th><th>VS Code</th><th>Startup</th>');
    expect(html).toContain('<td>✅&nbsp;passed</td><td>✅</td><td>⚠️</td><td>✅</td><td></td><td>120 ms</td>');
    expect(html).toContain('<td>❌</td><td>❔</td>');
    expect(html).not.toContain('\u001b');
  });
});
