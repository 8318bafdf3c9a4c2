import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommentApi, EventContext, IssueComment } from '../../src/action/comment.js';
import type { Report } from '../../src/model/report.js';
import type { RunOptions, RunResult } from '../../src/model/run.js';
import { check, config, hostile, report, server } from './fixtures/report.js';

// Every call to the mocked @actions/core functions, in order, so tests can assert on sequence (secrets first).
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
    startGroup: record('startGroup'),
    endGroup: record('endGroup'),
  };
});

const engine = vi.hoisted(() => ({ runPreflight: vi.fn<(options: RunOptions) => Promise<RunResult>>() }));
vi.mock('../../src/engine.js', () => engine);

const { run } = await import('../../src/action/main.js');

let workspace: string;
let summaryFile: string;

beforeAll(async () => {
  workspace = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-action-'));
  await mkdir(path.join(workspace, 'sub'));
  summaryFile = path.join(workspace, 'summary.md');
});
afterAll(async () => {
  await rm(workspace, { recursive: true, force: true });
});

beforeEach(async () => {
  calls.length = 0;
  engine.runPreflight.mockReset();
  vi.unstubAllEnvs();
  for (const key of Object.keys(process.env)) if (key.startsWith('INPUT_') || key.startsWith('GITHUB_')) vi.stubEnv(key, undefined);
  vi.stubEnv('GITHUB_WORKSPACE', workspace);
  vi.stubEnv('RUNNER_TEMP', workspace);
  vi.stubEnv('GITHUB_STEP_SUMMARY', summaryFile);
  vi.stubEnv('GITHUB_ACTION_REPOSITORY', 'acme/mcp-preflight');
  vi.stubEnv('GITHUB_ACTION_REF', 'v1');
  await writeFile(summaryFile, '');
});

function setInputs(inputs: Record<string, string>): void {
  for (const [name, value] of Object.entries(inputs)) vi.stubEnv(`INPUT_${name.toUpperCase()}`, value);
}

/** The engine returns `result`, after calling the hooks the way the real one does. */
function engineReturns(r: Report, hooks: Partial<Omit<RunResult, 'report'>> & { secrets?: string[] } = {}): void {
  engine.runPreflight.mockImplementation(async (options) => {
    options.onSecrets?.(hooks.secrets ?? []);
    for (const s of r.servers) options.onServerDone?.(s);
    return {
      report: r,
      missing: hooks.missing ?? [],
      discoveryTruncated: hooks.discoveryTruncated ?? false,
      unknownServers: hooks.unknownServers ?? [],
    };
  });
}

const of = (fn: string) => calls.filter((c) => c.fn === fn);
const failedWith = () => of('setFailed').map((c) => c.args[0]);

const broken = server(
  'github',
  [check('spawn', 'fail', { message: 'spawn npx ENOENT' }), check('shutdown', 'warn', { line: 6, column: 7 })],
  {
    stderrTail: ['npm ERR! could not determine executable to run'],
  },
);
const healthy = server('memory', [check('spawn', 'pass'), check('handshake', 'pass')]);

describe('run', () => {
  it('passes the inputs to the engine', async () => {
    setInputs({
      config: 'a.json',
      servers: 'github',
      'startup-timeout': '5000',
      'working-directory': 'sub',
      'fail-on': 'never',
      'fresh-home': 'true',
      clients: 'all',
      'protocol-versions': 'false',
      isolation: 'sandbox',
      network: 'none',
    });
    engineReturns(report([healthy]));
    await run({ actionRoot: '/runner/_work/_actions/acme/mcp-preflight/v1' });
    expect(engine.runPreflight).toHaveBeenCalledWith(
      expect.objectContaining({
        paths: [path.join(workspace, 'sub', 'a.json')],
        root: path.join(workspace, 'sub'),
        servers: ['github'],
        startupTimeoutMs: 5000,
        requestTimeoutMs: 10000,
        concurrency: 8,
        freshHome: true,
        failOn: 'never',
        clients: ['all'],
        protocolVersions: false,
        isolation: 'sandbox',
        network: 'none',
        workspace,
        hide: [{ path: '/runner/_work/_actions/acme/mcp-preflight/v1', what: "the action's own folder" }],
        env: process.env,
      }),
      expect.anything(),
    );
  });

  it('logs the isolation, and its fallback as the one notice of the run', async () => {
    engine.runPreflight.mockImplementation(async (options) => {
      options.onIsolation?.({
        requested: 'auto',
        effective: 'process',
        network: 'host',
        notice: 'No sandbox on darwin (sandboxing is Linux-only). Servers run as plain processes.',
        limits: ["Servers run as plain processes of the runner's user: a convenience, not a security boundary."],
      });
      return { report: report([healthy]), missing: [], discoveryTruncated: false, unknownServers: [] };
    });
    await run();
    expect(of('notice').map((c) => c.args[0])).toEqual([
      'No sandbox on darwin (sandboxing is Linux-only). Servers run as plain processes.',
    ]);
    expect(
      of('info')
        .map((c) => String(c.args[0]))
        .join('\n'),
    ).toMatch(/^Isolation: process \(auto\), network host: .*not a security boundary/m);
  });

  it('registers every secret (each line of a multi-line one, and their encodings) before printing anything', async () => {
    engineReturns(report([broken]), { secrets: ['s3cr3t-value', 'line-one\nline-two', '  ', '1', 'dev', 'true', '3000'] });
    await run();
    const masked = of('setSecret').map((c) => c.args[0]);
    const encodings = (v: string) => [v, Buffer.from(v).toString('base64'), Buffer.from(v).toString('base64url'), encodeURIComponent(v)];
    expect(masked).toEqual(expect.arrayContaining(['s3cr3t-value', 'line-one\nline-two', 'line-one', 'line-two'].flatMap(encodings)));
    // The short-value rule: flags, ports and short defaults are not masked.
    for (const value of ['  ', '1', 'dev', 'true', '3000']) expect(masked).not.toContain(value);
    const lastSecret = calls.findLastIndex((c) => c.fn === 'setSecret');
    const firstOutput = calls.findIndex((c) => c.fn !== 'setSecret');
    expect(lastSecret).toBeLessThan(firstOutput);
  });

  it('masks the github-token input first of all', async () => {
    setInputs({ 'github-token': 'ghs_abc' });
    engineReturns(report([healthy]));
    await run();
    expect(calls[0]).toEqual({ fn: 'setSecret', args: ['ghs_abc'] });
  });

  it('prints untrusted server text only inside a stop-commands block with a random token', async () => {
    const evil = server(
      `${hostile.commands}`,
      [check('stdout-purity', 'fail', { message: hostile.commands, evidence: ['::error::from evidence'] })],
      {
        stderrTail: ['::error file=.mcp.json,line=1::pwned', '::add-mask::hidden', '##[error]legacy'],
      },
    );
    engineReturns(report([evil]));
    await run();
    const lines = of('info').map((c) => String(c.args[0]));
    const start = lines.findIndex((l) => l.startsWith('::stop-commands::'));
    const token = lines[start]?.slice('::stop-commands::'.length) ?? '';
    expect(token).toMatch(/^[0-9a-f]{32}$/);
    const end = lines.indexOf(`::${token}::`);
    expect(end).toBeGreaterThan(start);
    const inside = lines.slice(start + 1, end);
    expect(inside.some((l) => l.includes('pwned'))).toBe(true);
    expect(inside.some((l) => l.includes('hidden'))).toBe(true);
    // Outside the block, nothing the server wrote is printed.
    for (const l of [...lines.slice(0, start), ...lines.slice(end + 1)]) expect(l).not.toMatch(/pwned|hidden|legacy|from evidence/);
    // Inside, no line could be read as a command even if the block were ignored.
    for (const l of inside) expect(l).not.toMatch(/^\s*::|##\[/);
    // A fresh token per block: the next block does not reuse it.
    expect(lines.filter((l) => l === `::stop-commands::${token}`)).toHaveLength(1);
    // The server name is in the group title, inert.
    expect(String(of('startGroup')[0]?.args[0])).not.toMatch(/^::|::error/);
  });

  it('annotates findings on the config line, relative to the workspace', async () => {
    setInputs({ 'working-directory': 'sub' });
    engineReturns(report([broken]));
    await run();
    expect(of('error')).toEqual([
      {
        fn: 'error',
        args: [
          expect.stringContaining(
            'spawn npx ENOENT\n\nFix: fix spawn\nDocs: https://github.com/acme/mcp-preflight/blob/v1/docs/checks/spawn.md',
          ),
          { title: 'MCP server "github": spawn', file: 'sub/.mcp.json', startLine: 3, startColumn: 5 },
        ],
      },
    ]);
    expect(of('warning')).toEqual([
      {
        fn: 'warning',
        args: [
          expect.stringContaining('shutdown: warn'),
          { title: 'MCP server "github": shutdown', file: 'sub/.mcp.json', startLine: 6, startColumn: 7 },
        ],
      },
    ]);
  });

  it('keeps one error slot for the failure message and counts the rest in a notice', async () => {
    const servers = Array.from({ length: 12 }, (_, i) => server(`s${i}`, [check('spawn', 'fail')]));
    engineReturns(report(servers));
    await run();
    expect(of('error')).toHaveLength(9);
    expect(of('notice').map((c) => c.args[0])).toEqual([expect.stringMatching(/^3 errors more than GitHub shows/)]);
    expect(of('setFailed')).toHaveLength(1);
  });

  it('fails, whatever fail-on says, when a server name matches nothing, naming the input and the closest names', async () => {
    setInputs({ servers: 'memroy, nosuch', start: 'clok: node server.mjs', 'fail-on': 'never' });
    engineReturns(report([]), {
      unknownServers: [
        { name: 'memroy', given: 'servers', suggestions: ['memory'] },
        { name: 'nosuch', given: 'servers', suggestions: [] },
        { name: 'clok', given: 'start', suggestions: ['clock'] },
      ],
    });
    await run();
    expect(failedWith()).toEqual([
      'Input "servers": no server named "memroy" (did you mean "memory"?), "nosuch" in the config files; ' +
        'Input "start": no server named "clok" (did you mean "clock"?) in the config files',
    ]);
  });

  it('passes the suppressions of the file in working-directory and of the input to the engine', async () => {
    await writeFile(path.join(workspace, 'sub', '.mcp-preflight.yml'), 'suppress:\n  - check: secrets\n    reason: a test fixture\n');
    setInputs({ 'working-directory': 'sub', suppress: 'shutdown server=github reason=slow runners\n\nwindows-npx reason=Linux only' });
    engineReturns(report([healthy]));
    try {
      await run();
    } finally {
      await rm(path.join(workspace, 'sub', '.mcp-preflight.yml'));
    }
    expect(engine.runPreflight.mock.calls[0]?.[0].suppressions).toEqual([
      { check: 'secrets', reason: 'a test fixture', source: '.mcp-preflight.yml:2', file: '.mcp-preflight.yml', line: 2 },
      { check: 'shutdown', server: 'github', reason: 'slow runners', source: 'input "suppress" line 1' },
      { check: 'windows-npx', reason: 'Linux only', source: 'input "suppress" line 3' },
    ]);
    expect(of('setFailed')).toHaveLength(0);
  });

  it('fails before running anything on a suppression without a reason, naming the input line', async () => {
    setInputs({ suppress: 'secrets reason=fixture\nshutdown server=github' });
    await run();
    expect(engine.runPreflight).not.toHaveBeenCalled();
    expect(failedWith()).toEqual(['input "suppress" line 2: a reason is required: say why this shutdown finding is accepted']);
  });

  it('does not annotate a suppressed finding, nor fail for it; a stale suppression is a warning on its line', async () => {
    setInputs({ 'working-directory': 'sub' });
    const accepted = check('spawn', 'fail', { suppressed: { reason: 'known', source: '.mcp-preflight.yml:2' } });
    const r = report([server('github', [accepted], { status: 'pass' })]);
    r.suppressions = [
      { check: 'spawn', reason: 'known', source: '.mcp-preflight.yml:2', file: '.mcp-preflight.yml', line: 2, matched: 1 },
      {
        check: 'secrets',
        server: 'gone',
        reason: 'old',
        source: '.mcp-preflight.yml:5',
        file: '.mcp-preflight.yml',
        line: 5,
        matched: 0,
        stale: 'no server named "gone" was checked',
      },
    ];
    engineReturns(r);
    await run();
    expect(of('error')).toEqual([]);
    expect(of('warning')).toEqual([
      {
        fn: 'warning',
        args: [
          '.mcp-preflight.yml:5: no server named "gone" was checked. Remove the suppression.',
          { title: 'mcp-preflight: stale suppression of secrets for "gone"', file: 'sub/.mcp-preflight.yml', startLine: 5 },
        ],
      },
    ]);
    expect(of('setFailed')).toEqual([]);
    expect(await readFile(summaryFile, 'utf8')).toContain('<b>Suppressed</b> (fail) by <code>.mcp-preflight.yml:2</code>: known');
  });

  it('warns when discovery stopped at its budget, keeping a warning slot for it', async () => {
    const servers = Array.from({ length: 12 }, (_, i) => server(`s${i}`, [check('shutdown', 'warn')]));
    engineReturns(report(servers), { discoveryTruncated: true });
    await run();
    const warnings = of('warning').map((c) => String(c.args[0]));
    expect(warnings).toHaveLength(10);
    expect(warnings[0]).toMatch(/too large to search completely/);
  });

  it('emits no annotations when annotations is false', async () => {
    setInputs({ annotations: 'false' });
    engineReturns(report([broken]));
    await run();
    expect(of('error')).toHaveLength(0);
    expect(of('warning')).toHaveLength(0);
  });

  it('writes the JSON report, the job summary and the outputs', async () => {
    const reportPath = path.join(workspace, 'out', 'r.json');
    setInputs({ 'report-path': reportPath });
    const r = report([broken, healthy]);
    engineReturns(r);
    await run();
    expect(JSON.parse(await readFile(reportPath, 'utf8'))).toEqual(r);
    const summary = await readFile(summaryFile, 'utf8');
    expect(summary).toContain('<h2>❌ mcp-preflight: 1 of 2 MCP servers failed</h2>');
    expect(Object.fromEntries(of('setOutput').map((c) => c.args))).toEqual({
      'report-path': reportPath,
      servers: '2',
      passed: '1',
      warned: '0',
      failed: '1',
      status: 'fail',
    });
  });

  it.each([
    ['a path under a file', () => path.join(summaryFile, 'r.json'), 'a part of the path is not a folder'],
    ['a device that takes nothing', () => '/dev/full', 'no space left on the device'],
  ])(
    'names the report-path input when it cannot write there (%s), and still writes the summary and the outputs',
    async (_, file, reason) => {
      if (process.platform !== 'linux' && file() === '/dev/full') return;
      setInputs({ 'report-path': file(), 'fail-on': 'never' });
      engineReturns(report([healthy]));
      await run();
      expect(await readFile(summaryFile, 'utf8')).toContain('mcp-preflight');
      expect(Object.fromEntries(of('setOutput').map((c) => c.args))).toMatchObject({ 'report-path': '', servers: '1', status: 'pass' });
      expect(failedWith()).toEqual([`Input "report-path": cannot write the JSON report to ${file()} (${reason})`]);
    },
  );

  it('marks a cancelled run in the summary, the outputs and the step result, and returns the exit code', async () => {
    engine.runPreflight.mockImplementation(async (options) => {
      options.onSecrets?.([]);
      process.emit('SIGINT', 'SIGINT');
      expect(options.signal?.aborted).toBe(true);
      const r = report([{ ...healthy, status: 'skip', cancelled: true }]);
      return { report: { ...r, cancelled: { signal: 'SIGINT' } }, missing: [], discoveryTruncated: false, unknownServers: [] };
    });
    expect(await run()).toBe(130);
    expect(await readFile(summaryFile, 'utf8')).toContain('Cancelled by SIGINT: 1 of 1 server not checked; this report is partial.');
    expect(Object.fromEntries(of('setOutput').map((c) => c.args))).toMatchObject({ status: 'cancelled' });
    expect(failedWith()).toEqual(['cancelled by SIGINT; the report is partial']);
    // The handlers stay after a cancellation: the runner's SIGTERM must not end the step by Node's default while the
    // entry point flushes and exits. (This test process does not exit: remove them.)
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([1, 1]);
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
  });

  it('removes its signal handlers after a run that was not cancelled', async () => {
    engineReturns(report([healthy]));
    await run();
    expect([process.listenerCount('SIGINT'), process.listenerCount('SIGTERM')]).toEqual([0, 0]);
  });

  it('writes no job summary when summary is false', async () => {
    setInputs({ summary: 'false' });
    engineReturns(report([broken]));
    await run();
    expect(await readFile(summaryFile, 'utf8')).toBe('');
  });

  it.each([
    ['error', 'fail', true],
    ['error', 'warn', false],
    ['warning', 'warn', true],
    ['warning', 'pass', false],
    ['never', 'fail', false],
  ] as const)('fail-on %s with a server that is %s: failed=%s', async (failOn, status, failed) => {
    setInputs({ 'fail-on': failOn });
    engineReturns(report([server('s', [check('spawn', status)])]));
    await run();
    expect(of('setFailed')).toHaveLength(failed ? 1 : 0);
    for (const reason of failedWith()) expect(String(reason)).not.toContain('\n');
  });

  it('fails for config paths that do not exist, whatever fail-on says', async () => {
    setInputs({ config: 'gone.json, .mcp.json', 'fail-on': 'never' });
    engineReturns(report([healthy]), { missing: [path.join(workspace, 'gone.json')] });
    await run();
    expect(failedWith()).toEqual(['config path(s) not found in .: gone.json']);
  });

  it('fails without running the engine when no glob matches', async () => {
    setInputs({ config: 'nothing/*.json' });
    await run();
    expect(engine.runPreflight).not.toHaveBeenCalled();
    expect(failedWith()).toEqual(['No config file matches nothing/*.json in .']);
  });

  it('fails when no config is found', async () => {
    engineReturns(report([], []));
    await run();
    expect(failedWith()).toEqual([expect.stringMatching(/^no MCP config found in \./)]);
  });

  it('fails with a clear message on a bad input, before running anything', async () => {
    setInputs({ 'fail-on': 'sometimes' });
    await run();
    expect(engine.runPreflight).not.toHaveBeenCalled();
    expect(failedWith()).toEqual(['Input "fail-on" must be one of error, warning, never, got "sometimes"']);
  });

  it('turns an engine crash into setFailed', async () => {
    engine.runPreflight.mockRejectedValue(new Error('boom'));
    await run();
    expect(failedWith()).toEqual(['boom']);
  });
});

describe('PR comment', () => {
  const prContext = (overrides: Partial<EventContext> = {}): EventContext => ({
    eventName: 'pull_request',
    payload: {
      pull_request: { number: 7, head: { repo: { full_name: 'acme/app' } } },
      repository: { full_name: 'acme/app', name: 'app', owner: { login: 'acme' } },
    },
    repo: { owner: 'acme', repo: 'app' },
    workflow: 'CI',
    job: 'preflight',
    ...overrides,
  });
  const bot = { login: 'github-actions[bot]' };
  const fakeApi = (existing: IssueComment[] = [], viewer?: string) => ({
    listComments: vi.fn<CommentApi['listComments']>(async () => existing),
    createComment: vi.fn<CommentApi['createComment']>(async () => {}),
    updateComment: vi.fn<CommentApi['updateComment']>(async () => {}),
    viewerLogin: vi.fn<CommentApi['viewerLogin']>(async () => viewer),
  });

  beforeEach(() => {
    setInputs({ comment: 'true', 'github-token': 'ghs_x' });
    vi.stubEnv('RUNNER_OS', 'Linux');
    engineReturns(report([broken]));
  });

  it('creates one comment with a hidden marker when there is none', async () => {
    const api = fakeApi([{ id: 1, body: 'unrelated' }]);
    await run({ context: prContext(), commentApi: () => api });
    expect(api.updateComment).not.toHaveBeenCalled();
    expect(api.createComment).toHaveBeenCalledOnce();
    const [ref, body] = api.createComment.mock.calls[0] ?? [];
    expect(ref).toEqual({ owner: 'acme', repo: 'app', issueNumber: 7 });
    expect(body).toMatch(/^<!-- mcp-preflight:CI\/preflight\/Linux -->\n<h2>❌ mcp-preflight/);
    expect(body?.length).toBeLessThan(65536);
  });

  it('updates the comment that carries its marker', async () => {
    const api = fakeApi([
      { id: 1, body: 'unrelated', user: bot },
      { id: 42, body: '<!-- mcp-preflight:CI/preflight/Linux -->\nold', user: bot },
    ]);
    await run({ context: prContext(), commentApi: () => api });
    expect(api.createComment).not.toHaveBeenCalled();
    expect(api.updateComment).toHaveBeenCalledWith(
      { owner: 'acme', repo: 'app', issueNumber: 7 },
      42,
      expect.stringContaining('mcp-preflight'),
    );
  });

  it('keeps a separate comment per job and OS', async () => {
    const api = fakeApi([{ id: 42, body: '<!-- mcp-preflight:CI/preflight/Windows -->\nold', user: bot }]);
    await run({ context: prContext(), commentApi: () => api });
    expect(api.createComment).toHaveBeenCalledOnce();
  });

  it("never edits another user's comment that carries the marker: only the token's own identity counts", async () => {
    const marker = '<!-- mcp-preflight:CI/preflight/Linux -->';
    const planted = { id: 13, body: `${marker}\nplanted by a contributor`, user: { login: 'mallory' } };
    const api = fakeApi([planted]);
    await run({ context: prContext(), commentApi: () => api });
    expect(api.updateComment).not.toHaveBeenCalled();
    expect(api.createComment).toHaveBeenCalledOnce();

    // With a token that says who it is (a personal or app token), that identity's comment is the one.
    const own = { id: 21, body: `${marker}\nold`, user: { login: 'Release-Bot' } };
    const viewerApi = fakeApi([planted, { id: 20, body: `${marker}\nold`, user: bot }, own], 'release-bot');
    await run({ context: prContext(), commentApi: () => viewerApi });
    expect(viewerApi.updateComment).toHaveBeenCalledWith(expect.anything(), 21, expect.any(String));
    expect(viewerApi.createComment).not.toHaveBeenCalled();
  });

  it('posts a new comment when its own cannot be edited', async () => {
    const api = fakeApi([{ id: 42, body: '<!-- mcp-preflight:CI/preflight/Linux -->\nold', user: bot }]);
    api.updateComment.mockRejectedValue(Object.assign(new Error('Not Found'), { status: 404 }));
    await run({ context: prContext(), commentApi: () => api });
    expect(api.createComment).toHaveBeenCalledOnce();
    expect(of('info').map((c) => c.args[0])).toContain('PR comment replaced on #7');
  });

  it('skips with a notice, not a failure, when the token may not write (403)', async () => {
    setInputs({ 'fail-on': 'never' });
    const api = fakeApi();
    api.createComment.mockRejectedValue(Object.assign(new Error('Resource not accessible by integration'), { status: 403 }));
    await run({ context: prContext(), commentApi: () => api });
    expect(of('notice').map((c) => c.args[0])).toEqual([expect.stringContaining('PR comment skipped')]);
    expect(of('setFailed')).toHaveLength(0);
  });

  it('warns on other API errors without failing the step', async () => {
    setInputs({ 'fail-on': 'never' });
    const api = fakeApi();
    api.listComments.mockRejectedValue(Object.assign(new Error('Server Error'), { status: 500 }));
    await run({ context: prContext(), commentApi: () => api });
    expect(of('warning').map((c) => c.args[0])).toContain('PR comment failed: Server Error');
    expect(of('setFailed')).toHaveLength(0);
  });

  it('does not try on a pull request from a fork, and says why in a notice', async () => {
    const api = fakeApi();
    const context = prContext();
    context.payload = { ...context.payload, pull_request: { number: 7, head: { repo: { full_name: 'someone/app' } } } };
    await run({ context, commentApi: () => api });
    expect(api.listComments).not.toHaveBeenCalled();
    expect(of('notice').map((c) => c.args[0])).toEqual([expect.stringContaining('fork someone/app')]);
  });

  it('does nothing outside pull requests', async () => {
    const api = fakeApi();
    await run({ context: prContext({ eventName: 'push', payload: {} }), commentApi: () => api });
    expect(api.listComments).not.toHaveBeenCalled();
    expect(of('notice')).toHaveLength(0);
  });

  it('does not comment unless asked', async () => {
    setInputs({ comment: 'false' });
    const api = fakeApi();
    await run({ context: prContext(), commentApi: () => api });
    expect(api.listComments).not.toHaveBeenCalled();
  });
});

describe('outputs status', () => {
  it('is fail for an unreadable config even without failed servers', async () => {
    const bad = config('.mcp.json', { error: { message: 'bad', line: 1, column: 1 }, checks: [check('config-parse', 'fail')] });
    engineReturns(report([], [bad]));
    await run();
    expect(of('setOutput').find((c) => c.args[0] === 'status')?.args[1]).toBe('fail');
  });
});
