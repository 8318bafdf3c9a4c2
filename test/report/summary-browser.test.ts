// The job summary of examples/ rendered in a real browser (Debian's Chromium, headless) and checked for what a reviewer
// needs, by structure, not pixels: client columns, a reason in every failing row, no contradiction between the status
// and the client cells, no escaped backticks, ids that do not break, stderr lines that do not scroll.
// UPDATE_SCREENSHOT=1 also writes docs/summary-examples.png. Skipped (and says so) where Chromium is not installed.
import { copyFile, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/engine.js';
import type { Report } from '../../src/model/report.js';
import { renderJobSummary } from '../../src/report/job-summary.js';
import { mergeReports } from '../../src/report/merge.js';
import { renderMergeSummary } from '../../src/report/merge-render.js';
import { fakeLeg } from './fake-leg.js';
import { findChromium, probeInChromium, type SummaryProbe, screenshotInChromium, summaryPage } from './summary-page.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const chromium = await findChromium();
if (!chromium) console.warn('summary-browser: chromium is not installed (apt-get install chromium): the browser test is skipped');

const WIDTH = 1100;
/** GitHub's sanitizer keeps these tags (and `href` on links); anything else in our HTML would be stripped. */
const GITHUB_TAGS = new Set('h2 h3 p br b i em strong a code pre sub sup table thead tbody tr th td details summary ul ol li'.split(' '));

describe.skipIf(!chromium)('the job summary of examples/ in Chromium', () => {
  let dir: string;
  let report: Report;
  let html: string;
  let probe: SummaryProbe;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-summary-'));
    ({ report } = await runPreflight({
      paths: ['examples'],
      root: repo,
      servers: [],
      startupTimeoutMs: 3000,
      requestTimeoutMs: 5000,
      concurrency: 8,
      freshHome: false,
      failOn: 'error',
      // The demo's unset variable must stay unset whatever the developer's shell has.
      env: { ...process.env, DEMO_WEATHER_API_KEY: undefined },
    }));
    html = renderJobSummary(report);
    const page = path.join(dir, 'summary.html');
    await writeFile(page, summaryPage(html));
    probe = await probeInChromium(chromium!, page, WIDTH);
    if (process.env.UPDATE_SCREENSHOT) {
      const still = path.join(dir, 'still.html');
      await writeFile(still, summaryPage(html, { probe: false }));
      const shot = path.join(dir, 'summary.png');
      await screenshotInChromium(chromium!, still, shot, WIDTH, probe.stillHeight);
      await copyFile(shot, path.join(repo, 'docs/summary-examples.png'));
    }
  }, 120_000);

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('uses only markup GitHub keeps', () => {
    const tags = new Set([...html.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
    expect([...tags].filter((t) => !GITHUB_TAGS.has(t!))).toEqual([]);
    expect([...html.matchAll(/<[a-z0-9]+\s+([a-z-]+)=/g)].map((m) => m[1]).filter((a) => a !== 'href')).toEqual([]);
  });

  it('has the headline and one main table with the selected clients as columns', () => {
    expect(probe.headline).toBe(`❌ mcp-preflight: ${report.totals.failed} of ${report.servers.length} MCP servers failed`);
    expect(probe.head).toEqual(['Server', 'Status', 'Claude Code', 'VS Code', 'Startup', 'Tools', 'Failed', 'Warnings']);
    expect(probe.rows).toHaveLength(report.servers.length);
    // The one clients table is gone: its rows would repeat every server.
    expect(probe.text).not.toMatch(/^Clients$/m);
  });

  it('gives every failing row its first failure with a reason, and warnings in their own column', () => {
    const column = (name: string) => probe.head.indexOf(name);
    for (const row of probe.rows) {
      const status = row[column('Status')] ?? '';
      const failed = row[column('Failed')] ?? '';
      const warnings = row[column('Warnings')] ?? '';
      if (status.includes('failed')) expect(failed).toMatch(/^[a-z-\u2060]+: \S.{10,}/);
      else expect(failed).toBe('—');
      if (status.includes('warned')) expect(warnings).not.toBe('—');
    }
    const banner = probe.rows.find((r) => r[0]?.startsWith('banner'));
    expect(banner?.[column('Failed')]).toContain('stdout-\u2060purity: 1 of 5 stdout lines were not JSON-RPC messages');
  });

  it('never shows a client cell that contradicts the status', () => {
    const clientColumns = [2, 3];
    for (const row of probe.rows) {
      const verdicts = clientColumns.map((i) => row[i]).filter(Boolean);
      if (row[1]?.includes('failed')) expect(verdicts).toContain('❌');
      if (row[1]?.includes('passed')) expect(verdicts.every((v) => v === '✅')).toBe(true);
    }
  });

  it('renders our own code spans as code and shows no escaped backtick', () => {
    expect(probe.text).not.toContain('&#96;');
    expect(probe.text).not.toMatch(/`npm ci`/);
    expect(probe.codeSpans).toContain('npm ci');
  });

  it('collapses the checks a failure prevented into one line, and shows stderr once', () => {
    // GitHub would link @mentions: a zero-width space after each @ of untrusted text.
    const crash = (probe.details.find((d) => d.includes('crash-on-start')) ?? '').replace(/\u200b/g, '');
    expect(crash).toMatch(/⏭️ \d+ checks not run: "spawn" failed/);
    expect(crash.match(/Cannot find package '@acme\/weather-sdk-not-installed'/g)).toHaveLength(1);
  });

  it('breaks no check id inside the word and scrolls no stderr line sideways', () => {
    expect(probe.brokenIds).toEqual([]);
    expect(probe.scrollingPre).toEqual([]);
  });
  // A merge of three legs built from the same run, Windows faked to fail one server: the same reader's checks.
  describe('merged across legs', () => {
    let merged: SummaryProbe;
    let mergedHtml: string;

    beforeAll(async () => {
      const outcome = mergeReports(
        [
          { source: 'linux.json', report: fakeLeg(report, 'ubuntu-latest', 'linux') },
          { source: 'windows.json', report: fakeLeg(report, 'windows-latest', 'win32', 'healthy') },
          { source: 'macos.json', report: fakeLeg(report, 'macos-latest', 'darwin') },
        ],
        report.runner,
      );
      if (!outcome.ok) throw new Error(outcome.error);
      mergedHtml = renderMergeSummary(outcome.merged);
      const page = path.join(dir, 'merged.html');
      await writeFile(page, summaryPage(mergedHtml));
      merged = await probeInChromium(chromium!, page, WIDTH);
    }, 60_000);

    it('uses only markup GitHub keeps', () => {
      const tags = new Set([...mergedHtml.matchAll(/<([a-z0-9]+)[\s>]/g)].map((m) => m[1]));
      expect([...tags].filter((t) => !GITHUB_TAGS.has(t!))).toEqual([]);
    });

    it('leads with the servers × (leg, client) table and says which server depends on the leg', () => {
      expect(merged.headline).toMatch(/^❌ mcp-preflight: \d+ of \d+ MCP servers failed$/);
      expect(merged.head[0]).toBe('Server');
      expect(merged.head.slice(1).map((h) => h.split('\n')[0])).toEqual(
        ['ubuntu-latest', 'windows-latest', 'macos-latest'].flatMap((leg) => [leg, leg]),
      );
      expect(merged.rows).toHaveLength(report.servers.length);
      const healthy = merged.rows.find((row) => row[0] === 'healthy');
      expect(healthy?.slice(1)).toEqual(['✅', '', '❌', '', '✅', '']);
      expect(merged.text).toMatch(
        /healthy fails on windows-latest: spawn: spawn ENOENT for npx.*; passes on ubuntu-latest and macos-latest/,
      );
    });

    it('shows no escaped backtick, breaks no check id and scrolls no stderr line sideways', () => {
      expect(merged.text).not.toContain('&#96;');
      expect(merged.brokenIds).toEqual([]);
      expect(merged.scrollingPre).toEqual([]);
    });
  });
});
