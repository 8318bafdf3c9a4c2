import { describe, expect, it } from 'vitest';
import type { IsolationSettings } from '../../src/model/isolation.js';
import type { Report } from '../../src/model/report.js';
import { describeIsolation } from '../../src/report/isolation-line.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { renderTerminal } from '../../src/report/terminal.js';
import { check, report, server } from '../action/fixtures/report.js';

const sandbox: IsolationSettings = {
  requested: 'auto',
  effective: 'sandbox',
  network: 'none',
  tool: 'bubblewrap 0.8.0',
  limits: ['The workspace is read-only in the sandbox: bubblewrap 0.8.0 cannot lay a throwaway layer over it.'],
};
const fallback: IsolationSettings = {
  requested: 'auto',
  effective: 'process',
  network: 'host',
  notice:
    "No sandbox on darwin (sandboxing is Linux-only). Servers run as plain processes with the runner user's rights, files and environment: no boundary.",
  limits: ["Servers run as plain processes of the runner's user: a convenience, not a security boundary."],
};

function withIsolation(isolation: IsolationSettings): Report {
  const r = report([server('memory', [check('spawn', 'pass')])]);
  r.settings.isolation = isolation;
  return r;
}

describe('describeIsolation', () => {
  it('says the mode, what builds it, its network and what it means, then its limits', () => {
    expect(describeIsolation(sandbox)).toEqual([
      "Isolation: sandbox (auto), bubblewrap 0.8.0, network none: servers cannot see the runner's files, environment or processes, and nothing they start outlives them.",
      sandbox.limits[0],
    ]);
  });

  it('says plainly that processes are no boundary, with the notice of the fallback once', () => {
    expect(describeIsolation(fallback)).toEqual([
      "Isolation: process (auto), network host: servers run as plain processes of the runner's user: a convenience, not a security boundary.",
      fallback.notice,
    ]);
    expect(
      describeIsolation({
        requested: 'docker',
        effective: 'docker',
        network: 'host',
        image: 'node:22',
        tool: 'Docker 27.1.1',
        limits: [],
      })[0],
    ).toBe(
      'Isolation: docker, Docker 27.1.1, image node:22, network host: servers run in throwaway containers that see the image and the workspace only.',
    );
  });
});

describe('the isolation in the renderers', () => {
  it('the terminal prints it under the headline', () => {
    // Wide enough for one line each; a narrower terminal wraps them under the headline, indented.
    const lines = renderTerminal(withIsolation(fallback), { color: false, verbose: false, width: 400 }).split('\n');
    expect(lines[1]).toMatch(/^Isolation: process \(auto\), network host: .*not a security boundary\.$/);
    expect(lines[2]).toBe(`  ${fallback.notice}`);
    const narrow = renderTerminal(withIsolation(fallback), { color: false, verbose: false, width: 60 }).split('\n');
    expect(narrow[1]?.startsWith('Isolation: process (auto)')).toBe(true);
    expect(narrow[2]?.startsWith('  ')).toBe(true);
    expect(narrow.every((line) => line.length <= 60 || line.startsWith('  →'))).toBe(true);
  });

  it('the job summary says it after the facts, escaped', () => {
    const summary = renderJobSummary(withIsolation({ ...sandbox, limits: ['<b>not html</b>'] }));
    expect(summary).toContain('<p>Isolation: sandbox &#40;auto&#41;, bubblewrap 0.8.0, network none:');
    expect(summary).toContain('<sub>&lt;b&gt;not html&lt;/b&gt;</sub>');
    expect(summary.indexOf('Isolation:')).toBeLessThan(summary.indexOf('<table'));
  });

  it('says nothing when no server was to be launched', () => {
    expect(renderTerminal(report([]), { color: false, verbose: false })).not.toContain('Isolation');
  });
});
