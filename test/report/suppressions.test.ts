import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/model/check.js';
import type { Suppression } from '../../src/model/suppression.js';
import { renderAnnotations } from '../../src/report/annotations.js';
import { buildServerReport } from '../../src/report/build.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { Suppressor } from '../../src/report/suppressions.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { check, report, server } from '../action/fixtures/report.js';
import { healthyServer, healthySpec, healthyTranscript } from '../checks/transcript-builder.js';

const rule = (extra: Partial<Suppression> & Pick<Suppression, 'check'>): Suppression => ({
  reason: 'accepted',
  source: '.mcp-preflight.yml:2',
  file: '.mcp-preflight.yml',
  line: 2,
  ...extra,
});
const result = (id: string, status: CheckResult['status'], client?: string): CheckResult => ({
  id,
  status,
  message: `${id} ${status}`,
  ...(client && { client }),
});
const github = { name: 'github', client: 'claude-code' } as const;
const memory = { name: 'memory', client: 'vscode' } as const;

describe('Suppressor', () => {
  it('suppresses the findings of a check, for one server when it names one', () => {
    const suppressor = new Suppressor([rule({ check: 'windows-npx', server: 'github' })]);
    const onGithub = [result('windows-npx', 'warn'), result('secrets', 'fail')];
    const onMemory = [result('windows-npx', 'warn')];
    expect([...suppressor.apply(github, onGithub).keys()]).toEqual([onGithub[0]]);
    expect(suppressor.apply(memory, onMemory).size).toBe(0);
    expect(suppressor.report([])).toEqual([expect.objectContaining({ check: 'windows-npx', matched: 1 })]);
  });

  it("for one client: the finding's own client, else the client whose config declares the server", () => {
    const suppressor = new Suppressor([
      rule({ check: 'client-compat', client: 'claude-desktop' }),
      rule({ check: 'shutdown', client: 'vscode' }),
    ]);
    const results = [
      result('client-compat', 'fail', 'claude-desktop'),
      result('client-compat', 'fail', 'cursor'),
      result('shutdown', 'warn'),
    ];
    expect([...suppressor.apply(github, results).keys()]).toEqual([results[0]]);
    const onMemory = [result('shutdown', 'warn')];
    expect([...suppressor.apply(memory, onMemory).keys()]).toEqual([onMemory[0]]);
  });

  it('never suppresses a pass or a skip', () => {
    const suppressor = new Suppressor([rule({ check: 'spawn' })]);
    expect(suppressor.apply(github, [result('spawn', 'pass')]).size).toBe(0);
  });

  it('reports as stale what matched nothing it could have, and says why', () => {
    const suppressor = new Suppressor([
      rule({ check: 'windows-npx' }),
      rule({ check: 'secrets', server: 'gone' }),
      rule({ check: 'tool-names', server: 'github' }),
      rule({ check: 'shutdown', client: 'cursor' }),
    ]);
    suppressor.apply(github, [result('windows-npx', 'pass'), result('tool-names', 'skip'), result('shutdown', 'pass')]);
    expect(suppressor.report([]).map((s) => [s.check, s.matched, s.stale])).toEqual([
      ['windows-npx', 0, 'windows-npx passes: the finding it silenced is gone'],
      ['secrets', 0, 'no server named "gone" was checked'],
      // Skipped (the server did not start, say): it may still be needed.
      ['tool-names', 0, undefined],
      ['shutdown', 0, 'there was no shutdown result in cursor'],
    ]);
  });

  it('does not judge what a run limited to some servers could not see', () => {
    const suppressor = new Suppressor([
      rule({ check: 'windows-npx' }),
      rule({ check: 'secrets', server: 'memory' }),
      rule({ check: 'secrets', server: 'github' }),
    ]);
    suppressor.apply(github, [result('windows-npx', 'pass'), result('secrets', 'pass')]);
    expect(suppressor.report(['github']).map((s) => s.stale !== undefined)).toEqual([false, false, true]);
  });
});

describe('a suppressed finding in the reports', () => {
  const results = [result('spawn', 'pass'), result('windows-npx', 'fail')];
  const suppression = rule({ check: 'windows-npx', reason: 'macOS and Linux only' });
  const built = buildServerReport(
    { server: healthyServer(healthySpec()), transcript: healthyTranscript(), results, suppressed: new Map([[results[1]!, suppression]]) },
    new Map(),
  );

  it('keeps its status and gains the reason; the server counts it as a pass', () => {
    expect(built.checks[1]).toMatchObject({
      id: 'windows-npx',
      status: 'fail',
      suppressed: { reason: 'macOS and Linux only', source: '.mcp-preflight.yml:2' },
    });
    expect(built.status).toBe('pass');
  });

  const suppressed = check('windows-npx', 'fail', { suppressed: { reason: 'macOS and Linux only', source: '.mcp-preflight.yml:2' } });
  const stale = { ...rule({ check: 'secrets', server: 'gone' }), matched: 0, stale: 'no server named "gone" was checked' };
  const r = { ...report([server('github', [check('spawn', 'pass'), suppressed], { status: 'pass' })]), suppressions: [stale] };

  it('is one line in the terminal, with the stale suppressions and a count', () => {
    const text = renderTerminal(r, { color: false, verbose: false });
    expect(text).toContain('⊘ windows-npx .mcp.json:3 suppressed (fail) by .mcp-preflight.yml:2: macOS and Linux only');
    expect(text).toContain(
      '⚠ stale suppression of secrets for "gone" (.mcp-preflight.yml:2): no server named "gone" was checked; remove it',
    );
    expect(text).toMatch(/1 passed, 0 warned, 0 failed · 1 finding suppressed/);
    expect(text).not.toContain('✖ windows-npx');
  });

  it('is listed under its server in the job summary, not as a failed check', () => {
    const html = renderJobSummary(r);
    expect(html).toContain('<h2>✅ mcp-preflight: all 1 MCP server passed</h2>');
    expect(html).not.toMatch(/❌ <code>windows-npx/);
    expect(html).toContain('<b>Suppressed</b> (fail) by <code>.mcp-preflight.yml:2</code>: macOS and Linux only');
    expect(html).toContain('<p>🔕 1 finding suppressed on purpose');
    expect(html).toContain('1 stale suppression: they matched nothing; remove them.');
  });

  it('is not annotated; a stale suppression is a warning on its line', () => {
    expect(renderAnnotations(r, { rootFromWorkspace: 'sub' })).toEqual([
      {
        level: 'warning',
        title: 'mcp-preflight: stale suppression of secrets for "gone"',
        message: '.mcp-preflight.yml:2: no server named "gone" was checked. Remove the suppression.',
        file: 'sub/.mcp-preflight.yml',
        startLine: 2,
      },
    ]);
  });
});
