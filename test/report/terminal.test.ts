import { describe, expect, it } from 'vitest';
import type { Report, ServerReport } from '../../src/model/report.js';
import { renderTerminal } from '../../src/report/terminal.js';

const server = (overrides: Partial<ServerReport>): ServerReport => ({
  name: 'srv',
  config: '.mcp.json',
  line: 3,
  column: 5,
  client: 'claude-code',
  transport: 'stdio',
  status: 'pass',
  startupMs: 180,
  durationMs: 400,
  serverInfo: { name: 'srv', version: '1' },
  protocolVersion: '2025-11-25',
  capabilities: { tools: {} },
  tools: [{ name: 'a' }, { name: 'b' }],
  checks: [],
  stderrTail: [],
  ...overrides,
});

const report: Report = {
  schemaVersion: 1,
  tool: { name: 'mcp-preflight', version: '0.1.0' },
  runner: { os: 'linux', arch: 'x64', node: 'v24.0.0' },
  startedAt: '2026-01-01T00:00:00.000Z',
  durationMs: 2300,
  settings: { startupTimeoutMs: 30000, requestTimeoutMs: 10000, concurrency: 8, freshHome: false, failOn: 'error' },
  configs: [
    { path: '.mcp.json', format: 'claude-code', client: 'claude-code', servers: 2, checks: [] },
    {
      path: '.vscode/mcp.json',
      format: 'vscode',
      client: 'vscode',
      servers: 0,
      error: { message: 'Expected comma', line: 4, column: 7 },
      checks: [
        {
          id: 'config-parse',
          title: 'Config parses',
          status: 'fail',
          message: 'Expected comma at 4:7',
          line: 4,
          column: 7,
          docs: 'docs/checks/config-parse.md',
          remediation: 'Fix the JSON syntax.',
        },
      ],
    },
  ],
  servers: [
    server({ name: 'good' }),
    server({
      name: 'banner',
      line: 9,
      status: 'fail',
      checks: [
        { id: 'spawn', title: 'Spawns', status: 'pass', message: 'started', docs: 'docs/checks/spawn.md', remediation: '' },
        {
          id: 'stdout-purity',
          title: 'stdout is pure',
          status: 'fail',
          message: '1 of 4 stdout lines is not a JSON-RPC message',
          evidence: ['line 1 (startup): ::error::Server \u001b[31mstarted'],
          line: 9,
          column: 5,
          docs: 'docs/checks/stdout-purity.md',
          remediation: 'Log to stderr.',
        },
      ],
    }),
  ],
  totals: { configs: 2, configErrors: 1, servers: 2, passed: 1, warned: 0, failed: 1, skipped: 0 },
};

describe('renderTerminal', () => {
  const text = renderTerminal(report, { color: false, verbose: false });

  it('shows each server with its config line, startup time and tool count', () => {
    expect(text).toContain('✔ good .mcp.json:3  startup 180 ms · 2 tools');
    expect(text).toContain('✖ banner .mcp.json:9');
  });

  it('shows findings with file:line:column, evidence, the fix and the docs page', () => {
    expect(text).toContain('✖ stdout-purity .mcp.json:9:5');
    expect(text).toContain('→ Log to stderr.');
    expect(text).toContain('→ docs/checks/stdout-purity.md');
    expect(text).toContain('│ line 1 (startup):');
  });

  it('hides passing checks unless verbose', () => {
    expect(text).not.toContain('✔ spawn');
    expect(renderTerminal(report, { color: false, verbose: true })).toContain('✔ spawn');
  });

  it('reports an unparsable config at line:column', () => {
    expect(text).toContain('✖ config-parse .vscode/mcp.json:4:7');
  });

  it('never lets server text become a workflow command or a terminal escape', () => {
    for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::/);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('Server started');
  });

  it('ends with the totals', () => {
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '2 servers in 2 configs: 1 passed, 0 warned, 1 failed; 1 config file unreadable · 2.3 s',
    );
  });

  it('colours only when asked', () => {
    expect(renderTerminal(report, { color: true, verbose: false })).toContain('\u001b[31m');
  });
});
