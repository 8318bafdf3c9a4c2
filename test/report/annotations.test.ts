import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderAnnotations, rootFromWorkspace, workspacePath } from '../../src/report/annotations.js';
import { docsLocationFromEnv, docsUrl, RELEASED_DOCS } from '../../src/report/docs-link.js';
import { TOOL_REPOSITORY, TOOL_VERSION } from '../../src/version.js';
import { check, config, report, server } from '../action/fixtures/report.js';

const docs = { serverUrl: 'https://github.com', repository: 'acme/mcp-preflight', ref: 'v1' };

describe('renderAnnotations', () => {
  it('puts a finding without a position on the line that declares its server', () => {
    const r = report([server('github', [check('spawn', 'fail', { message: 'spawn npx ENOENT' }), check('handshake', 'skip')])]);
    expect(renderAnnotations(r, { docs })).toEqual([
      {
        level: 'error',
        title: 'MCP server "github": spawn',
        message: 'spawn npx ENOENT\n\nFix: fix spawn\nDocs: https://github.com/acme/mcp-preflight/blob/v1/docs/checks/spawn.md',
        file: '.mcp.json',
        startLine: 3,
        startColumn: 5,
      },
    ]);
  });

  it("uses a finding's own line and column, and maps warn to warning", () => {
    const r = report([server('s', [check('windows-npx', 'warn', { line: 7, column: 18 }), check('secrets', 'fail', { line: 9 })])]);
    const [error, warning] = renderAnnotations(r);
    expect(error).toMatchObject({ level: 'error', title: 'MCP server "s": secrets', startLine: 9 });
    expect(error).not.toHaveProperty('startColumn');
    expect(warning).toMatchObject({ level: 'warning', title: 'MCP server "s": windows-npx', startLine: 7, startColumn: 18 });
  });

  it('annotates a config parse error at its line and column', () => {
    const broken = config('sub/.vscode/mcp.json', {
      error: { message: 'Expected comma', line: 4, column: 12 },
      checks: [check('config-parse', 'fail', { message: 'Expected comma at 4:12', line: 4, column: 12 })],
    });
    expect(renderAnnotations(report([], [broken]))).toEqual([
      expect.objectContaining({
        level: 'error',
        title: 'sub/.vscode/mcp.json: config-parse',
        file: 'sub/.vscode/mcp.json',
        startLine: 4,
        startColumn: 12,
      }),
    ]);
  });

  it('still annotates a parse error that no file check flagged', () => {
    const broken = config('.mcp.json', { error: { message: 'Unexpected end', line: 2, column: 1 }, checks: [] });
    expect(renderAnnotations(report([], [broken]))).toEqual([
      expect.objectContaining({ level: 'error', message: 'Unexpected end', startLine: 2, startColumn: 1 }),
    ]);
  });

  it('emits at most 10 errors and 10 warnings, then one notice that counts the rest', () => {
    const servers = Array.from({ length: 8 }, (_, i) =>
      server(`s${i}`, [check('spawn', 'fail'), check('stdout-purity', 'fail'), check('shutdown', 'warn'), check('command-path', 'warn')]),
    );
    const annotations = renderAnnotations(report(servers), { overflowHint: 'the job summary' });
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(10);
    expect(annotations.filter((a) => a.level === 'warning')).toHaveLength(10);
    const notices = annotations.filter((a) => a.level === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toContain('6 errors and 6 warnings more than GitHub shows');
    expect(notices[0]?.message).toContain('the job summary');
    expect(annotations.at(-1)?.level).toBe('notice');
  });

  it("spreads the error slots across servers before showing a server's second failure", () => {
    const servers = Array.from({ length: 10 }, (_, i) => server(`s${i}`, [check('spawn', 'fail'), check('handshake', 'fail')]));
    const errors = renderAnnotations(report(servers)).filter((a) => a.level === 'error');
    expect(new Set(errors.map((a) => a.title))).toEqual(new Set(servers.map((s) => `MCP server "${s.name}": spawn`)));
  });

  it('ranks config parse errors before server failures', () => {
    const servers = Array.from({ length: 12 }, (_, i) => server(`s${i}`, [check('spawn', 'fail')]));
    const broken = config('.cursor/mcp.json', { error: { message: 'bad', line: 1, column: 2 }, checks: [] });
    const errors = renderAnnotations(report(servers, [broken])).filter((a) => a.level === 'error');
    expect(errors[0]?.title).toBe('.cursor/mcp.json: config-parse');
  });

  it('keeps an error slot free when asked (for the step failure message)', () => {
    const servers = Array.from({ length: 12 }, (_, i) => server(`s${i}`, [check('spawn', 'fail')]));
    const annotations = renderAnnotations(report(servers), { maxErrors: 9 });
    expect(annotations.filter((a) => a.level === 'error')).toHaveLength(9);
    expect(annotations.find((a) => a.level === 'notice')?.message).toMatch(/^3 errors more/);
  });

  it('emits no notice when everything fits', () => {
    const r = report([server('s', [check('spawn', 'fail'), check('shutdown', 'warn')])]);
    expect(renderAnnotations(r).map((a) => a.level)).toEqual(['error', 'warning']);
  });

  it('prefixes paths with the run root relative to the workspace', () => {
    const r = report([server('s', [check('spawn', 'fail')], { config: '.vscode/mcp.json' })]);
    expect(renderAnnotations(r, { rootFromWorkspace: 'packages/app' })[0]?.file).toBe('packages/app/.vscode/mcp.json');
  });

  it('links to the released pages when no repository is known', () => {
    const r = report([server('s', [check('spawn', 'fail')])]);
    expect(renderAnnotations(r)[0]?.message).toContain(
      `Docs: https://github.com/${TOOL_REPOSITORY}/blob/v${TOOL_VERSION}/docs/checks/spawn.md`,
    );
  });
});

describe('workspace paths', () => {
  it('turns Windows roots and backslashes into forward-slash workspace paths', () => {
    const root = rootFromWorkspace('D:\\a\\repo\\repo\\tools\\mcp', 'D:\\a\\repo\\repo', path.win32);
    expect(root).toBe('tools/mcp');
    expect(workspacePath('.vscode\\mcp.json', root)).toBe('tools/mcp/.vscode/mcp.json');
  });

  it('gives plain relative paths when the root is the workspace', () => {
    expect(rootFromWorkspace('/home/runner/work/r/r', '/home/runner/work/r/r', path.posix)).toBe('');
    expect(workspacePath('.mcp.json', '')).toBe('.mcp.json');
    expect(workspacePath('./.mcp.json', '')).toBe('.mcp.json');
  });
});

describe('docs links', () => {
  it("links to the action's own repository at the ref the workflow uses", () => {
    const env = {
      GITHUB_ACTION_REPOSITORY: 'acme/mcp-preflight',
      GITHUB_ACTION_REF: 'v1.2.0',
      GITHUB_REPOSITORY: 'user/app',
      GITHUB_SHA: 'abc',
    };
    expect(docsUrl('docs/checks/spawn.md', docsLocationFromEnv(env))).toBe(
      'https://github.com/acme/mcp-preflight/blob/v1.2.0/docs/checks/spawn.md',
    );
  });

  it('falls back to the workflow repository at its commit for a local action (uses: ./)', () => {
    const env = {
      GITHUB_ACTION_REPOSITORY: '',
      GITHUB_ACTION_REF: '',
      GITHUB_REPOSITORY: 'acme/mcp-preflight',
      GITHUB_SHA: 'a1b2c3',
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
    };
    expect(docsLocationFromEnv(env)).toEqual({ serverUrl: 'https://ghe.example.com', repository: 'acme/mcp-preflight', ref: 'a1b2c3' });
  });

  it('links to the released pages outside Actions and for values that would make a misleading link', () => {
    expect(docsLocationFromEnv({})).toBe(RELEASED_DOCS);
    expect(docsLocationFromEnv({ GITHUB_ACTION_REPOSITORY: 'evil"><x', GITHUB_ACTION_REF: 'v1' })).toBe(RELEASED_DOCS);
    expect(docsLocationFromEnv({ GITHUB_ACTION_REPOSITORY: 'a/b', GITHUB_ACTION_REF: '../../x' })).toBe(RELEASED_DOCS);
    expect(docsUrl('docs/checks/spawn.md')).toBe(`https://github.com/${TOOL_REPOSITORY}/blob/v${TOOL_VERSION}/docs/checks/spawn.md`);
  });
});
