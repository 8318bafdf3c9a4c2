import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/report/terminal.js';
import { TOOL_REPOSITORY, TOOL_VERSION } from '../../src/version.js';
import { check, config, report as buildReport, server } from '../action/fixtures/report.js';

const report = buildReport(
  [
    server('good', [], { status: 'pass', startupMs: 180, tools: [{ name: 'a' }, { name: 'b' }] }),
    server(
      'banner',
      [
        check('spawn', 'pass', { message: 'started' }),
        check('stdout-purity', 'fail', {
          message: '1 of 4 stdout lines is not a JSON-RPC message',
          evidence: ['line 1 (startup): ::error::Server \u001b[31mstarted'],
          line: 9,
          column: 5,
          remediation: 'Log to stderr.',
        }),
      ],
      { line: 9 },
    ),
  ],
  [
    config('.mcp.json', { servers: 2, checks: [] }),
    config('.vscode/mcp.json', {
      format: 'vscode',
      client: 'vscode',
      servers: 0,
      error: { message: 'Expected comma', line: 4, column: 7 },
      checks: [
        check('config-parse', 'fail', { message: 'Expected comma at 4:7', line: 4, column: 7, remediation: 'Fix the JSON syntax.' }),
      ],
    }),
  ],
);

describe('renderTerminal', () => {
  const text = renderTerminal(report, { color: false, verbose: false });

  it('shows each server with its config line, startup time and tool count', () => {
    expect(text).toContain('✔ good .mcp.json:3  startup 180 ms · 2 tools');
    expect(text).toContain('✖ banner .mcp.json:9');
  });

  it('shows findings with file:line:column, evidence, the fix and the docs page of the released version', () => {
    expect(text).toContain('✖ stdout-purity .mcp.json:9:5');
    expect(text).toContain('→ Log to stderr.');
    expect(text).toContain(`→ https://github.com/${TOOL_REPOSITORY}/blob/v${TOOL_VERSION}/docs/checks/stdout-purity.md`);
    expect(text).toContain('│ line 1 (startup):');
  });

  it('hides passing checks unless verbose', () => {
    expect(text).not.toContain('✔ spawn');
    expect(renderTerminal(report, { color: false, verbose: true })).toContain('✔ spawn');
  });

  it('says once, on its line, why a skipped server was not checked', () => {
    const reason = 'Skipped because the server was not launched: its credentials are absent (${API_TOKEN} is empty).';
    const skipped = buildReport(
      [server('remote', [check('handshake', 'skip', { message: reason }), check('tools-list', 'skip')])],
      [config('.mcp.json', { servers: 1, checks: [] })],
    );
    const lines = renderTerminal(skipped, { color: false, verbose: false, width: 200 }).split('\n');
    const at = lines.findIndex((line) => line.includes('○ remote .mcp.json:3'));
    expect(lines[at + 1]).toBe(`      ${reason}`);
    expect(lines.filter((line) => line.includes('credentials are absent'))).toHaveLength(1);
  });

  it('reports an unparsable config at line:column', () => {
    expect(text).toContain('✖ config-parse .vscode/mcp.json:4:7');
  });

  it('never lets server text become a workflow command or a terminal escape', () => {
    for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::/);
    expect(text).not.toContain('\u001b');
    // Shown, not acted on.
    expect(text).toContain('Server \\x1b[31mstarted');
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

describe('renderTerminal: said once, grouped, wrapped', () => {
  const desktop = (name: string, ms: number) =>
    check('client-compat', 'warn', {
      client: 'claude-desktop',
      message: `Claude Desktop: ${name} exited with code 1 ${ms} ms after it started. Fix: use absolute paths in "args".`,
      remediation: 'Use absolute paths.',
    });
  const servers = ['alpha', 'beta', 'gamma'].map((name, i) => server(name, [desktop(name, 500 + i * 37)], { line: 3 + i }));
  const grouped = buildReport([...servers, server('delta', [check('client-compat', 'warn', { client: 'cursor' })])]);
  const text = renderTerminal(grouped, { color: false, verbose: false });

  it('shows a finding several servers share once, naming the servers, and points the others to it', () => {
    expect(text.match(/Claude Desktop: /g)).toHaveLength(1);
    expect(text).toContain('Also for 2 more servers: beta, gamma (names and numbers may differ).');
    expect(text).toContain('⚠ client-compat .mcp.json:4: the same as for alpha above');
    expect(text).toContain('⚠ client-compat .mcp.json:5: the same as for alpha above');
    // Another client's finding is another finding.
    expect(text).toContain('client-compat: warn');
  });

  it('leaves the general remediation out when the message gives its own fix', () => {
    expect(text).not.toContain('Use absolute paths.');
    expect(text).toContain('→ fix client-compat');
  });

  it('wraps text to the width, indented under its finding', () => {
    const long = buildReport([server('s', [check('spawn', 'fail', { message: 'word '.repeat(60).trim() })])]);
    const lines = renderTerminal(long, { color: false, verbose: false, width: 60 }).split('\n');
    const message = lines.filter((l) => l.includes('word'));
    expect(message.length).toBeGreaterThan(4);
    for (const line of message) {
      expect(line.length).toBeLessThanOrEqual(60);
      expect(line.startsWith('        word')).toBe(true);
    }
  });

  it('counts only visible characters when colours are on', () => {
    const long = buildReport([server('s', [check('spawn', 'fail', { message: 'x', evidence: ['word '.repeat(60).trim()] })])]);
    const lines = renderTerminal(long, { color: true, verbose: false, width: 60 }).split('\n');
    const evidence = lines.filter((l) => l.includes('word')).map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(evidence.length).toBeGreaterThan(4);
    expect(Math.max(...evidence.map((l) => l.length))).toBeGreaterThan(54);
    for (const line of evidence) expect(line.length).toBeLessThanOrEqual(60);
  });
});
