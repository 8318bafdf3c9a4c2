// The action's mode: merge over report files written by legs: one summary, one comment, annotations once when legs
// agree, the outputs and verdict of a single run, and a clear failure for reports it must refuse.
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommentApi, EventContext } from '../../src/action/comment.js';
import type { Report } from '../../src/model/report.js';
import { check, report, server } from '../action/fixtures/report.js';

const calls = vi.hoisted(() => [] as Array<{ fn: string; args: unknown[] }>);
vi.mock('@actions/core', async (importOriginal) => {
  const actual = await importOriginal<typeof import('@actions/core')>();
  const record = (fn: string) => vi.fn((...args: unknown[]) => void calls.push({ fn, args }));
  return {
    ...actual,
    info: record('info'),
    error: record('error'),
    warning: record('warning'),
    notice: record('notice'),
    setSecret: record('setSecret'),
    setOutput: record('setOutput'),
    setFailed: record('setFailed'),
  };
});
const { run } = await import('../../src/action/main.js');

let workspace: string;
let summaryFile: string;
const of = (fn: string) => calls.filter((c) => c.fn === fn);

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-merge-action-'));
  summaryFile = path.join(workspace, 'summary.md');
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});
beforeEach(async () => {
  calls.length = 0;
  vi.unstubAllEnvs();
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) vi.stubEnv(key, undefined);
  vi.stubEnv('GITHUB_WORKSPACE', workspace);
  vi.stubEnv('RUNNER_TEMP', workspace);
  vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
  await writeFile(summaryFile, '');
});

/** A leg's report: `broken` fails everywhere, `npx-tool` only where `windows` is set. */
function leg(label: string, platform: NodeJS.Platform, windows: boolean): Report {
  const r = report([
    server('broken', [check('handshake', 'fail', { message: 'no answer to initialize' })]),
    server('npx-tool', [windows ? check('spawn', 'fail', { message: 'spawn ENOENT for npx' }) : check('spawn', 'pass')], { line: 9 }),
  ]);
  return { ...r, runner: { ...r.runner, os: platform, leg: label } };
}

async function writeReports(folder: string, reports: Record<string, Report>): Promise<void> {
  await mkdir(folder, { recursive: true });
  for (const [name, r] of Object.entries(reports)) await writeFile(path.join(folder, name), JSON.stringify(r));
}

const prContext = (): EventContext => ({
  eventName: 'pull_request',
  payload: {
    pull_request: { number: 7, head: { repo: { full_name: 'acme/app' } } },
    repository: { full_name: 'acme/app', name: 'app', owner: { login: 'acme' } },
  },
  repo: { owner: 'acme', repo: 'app' },
  workflow: 'CI',
  job: 'merge',
});

describe('mode: merge', () => {
  it('writes one summary and one comment, annotates each finding once, and fails like a single run', async () => {
    await writeReports(path.join(workspace, 'reports'), {
      'ubuntu.json': leg('ubuntu-latest', 'linux', false),
      'windows.json': leg('windows-latest', 'win32', true),
      'macos.json': leg('macos-latest', 'darwin', false),
    });
    for (const [k, v] of Object.entries({
      mode: 'merge',
      reports: 'reports',
      comment: 'true',
      'github-token': 'ghs_x',
      sarif: 'out/merged.sarif',
      junit: 'out/merged.xml',
      'report-path': 'out/merged.json',
    })) {
      vi.stubEnv(`INPUT_${k.toUpperCase()}`, v);
    }
    const api = {
      listComments: vi.fn<CommentApi['listComments']>(async () => []),
      createComment: vi.fn<CommentApi['createComment']>(async () => {}),
      updateComment: vi.fn<CommentApi['updateComment']>(async () => {}),
      viewerLogin: vi.fn<CommentApi['viewerLogin']>(async () => undefined),
    };
    await run({ context: prContext(), commentApi: () => api });

    const errors = of('error').map((c) => c.args[0] as string);
    expect(errors.filter((m) => m.includes('no answer to initialize'))).toHaveLength(1);
    expect(errors.filter((m) => m.includes('on windows-latest: spawn ENOENT for npx'))).toHaveLength(1);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain(
      '<code>npx-tool</code> fails on windows-latest: spawn: spawn ENOENT for npx; passes on macos-latest and ubuntu-latest',
    );
    // Legs in the order of their files (download-artifact's merge-multiple folder, sorted).
    expect(summary).toContain('<tr><td><code>npx-tool</code></td><td>✅</td><td>✅</td><td>❌</td></tr>');
    expect(api.createComment).toHaveBeenCalledOnce();
    expect(api.createComment.mock.calls[0]?.[1]).toMatch(/^<!-- mcp-preflight:CI\/merge\/merged -->\n<h2>❌/);
    const outputs = Object.fromEntries(of('setOutput').map((c) => c.args as [string, string]));
    expect(outputs).toMatchObject({ servers: '2', failed: '2', status: 'fail' });
    expect(of('setFailed').map((c) => c.args[0])).toEqual([expect.stringMatching(/^mcp-preflight found errors/)]);
    const sarif = JSON.parse(await readFile(path.join(workspace, 'out/merged.sarif'), 'utf8'));
    expect(sarif.runs[0].automationDetails.id).toBe('mcp-preflight/merged/');
    expect(await readFile(path.join(workspace, 'out/merged.xml'), 'utf8')).toContain(
      '<testsuite name="windows-latest / npx-tool (.mcp.json:9)"',
    );
  });

  it('refuses reports of another version with a clear message', async () => {
    const old = leg('ubuntu-latest', 'linux', false);
    await writeReports(path.join(workspace, 'old'), { 'a.json': { ...old, tool: { name: 'mcp-preflight', version: '0.0.1' } } });
    vi.stubEnv('INPUT_MODE', 'merge');
    vi.stubEnv('INPUT_REPORTS', 'old');
    await run();
    expect(of('setFailed').map((c) => c.args[0])).toEqual([
      expect.stringMatching(/^Input "reports": old\/a\.json: written by mcp-preflight 0\.0\.1 \(report schema 1\); this is 0\.1\.0/),
    ]);
  });
});
