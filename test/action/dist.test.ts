// Runs the committed bundle as the runner does: `node dist/index.js` with INPUT_* variables and the file commands
// (GITHUB_STEP_SUMMARY, GITHUB_OUTPUT) pointing at temp files, then reads what a workflow would see.
import { spawn } from 'node:child_process';
import { copyFile, link, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(fileURLToPath(import.meta.url), '../../..');
const dist = path.join(root, 'dist', 'index.js');
const fixtureSource = path.join(root, 'test', 'action', 'fixtures', 'stdio-server.mjs');
/** The fixture server inside the workspace: a sandbox hides the action's own folder (this checkout) from servers. */
const fixtureServer = 'stdio-server.mjs';

/**
 * Creates a workspace folder (and a subfolder) holding a copy of the fixture server, and returns the Node that runs it:
 * this one, unless it lives in this checkout (`.ci/run`'s Node 24 does), which the sandbox hides as the action's own
 * folder; then a hard link to it (or a copy) in the workspace, as a runner's Node lives outside the action.
 */
async function workspaceWithServer(dir: string, sub = '.'): Promise<string> {
  await mkdir(path.join(dir, sub), { recursive: true });
  await copyFile(fixtureSource, path.join(dir, sub, fixtureServer));
  if (path.relative(root, process.execPath).startsWith('..')) return process.execPath;
  const node = path.join(dir, 'node');
  await link(process.execPath, node).catch(() => copyFile(process.execPath, node));
  return node;
}

interface ActionRun {
  code: number | null;
  stdout: string;
  summary: string;
  outputs: Record<string, string>;
}

// Only what a process needs to run on each OS: the outer job's GITHUB_* must not leak in (GITHUB_OUTPUT above all).
const baseEnvKeys = [
  'PATH',
  'Path',
  'HOME',
  'USERPROFILE',
  'SYSTEMROOT',
  'SystemRoot',
  'TEMP',
  'TMP',
  'APPDATA',
  'LOCALAPPDATA',
  'HOMEDRIVE',
  'HOMEPATH',
  'COMSPEC',
  'PATHEXT',
];

async function runAction(workspace: string, inputs: Record<string, string>): Promise<ActionRun> {
  const summaryFile = path.join(workspace, '..', `${path.basename(workspace)}-summary.md`);
  const outputFile = path.join(workspace, '..', `${path.basename(workspace)}-output.txt`);
  await writeFile(summaryFile, '');
  await writeFile(outputFile, '');
  const env: NodeJS.ProcessEnv = Object.fromEntries(
    baseEnvKeys.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]),
  );
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: path.dirname(workspace),
    RUNNER_OS: 'Linux',
    GITHUB_ACTION: 'preflight',
    GITHUB_ACTION_REPOSITORY: 'acme/mcp-preflight',
    GITHUB_ACTION_REF: 'v1',
    SECRET_FOR_SERVER: 'super-secret-value-123',
  });
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const child = spawn(process.execPath, [dist], { cwd: workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  const deadline = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(deadline);
  return { code, stdout, summary: await readFile(summaryFile, 'utf8'), outputs: parseOutputs(await readFile(outputFile, 'utf8')) };
}

/** The GITHUB_OUTPUT file format: `name<<delimiter`, value lines, `delimiter`. */
function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i] ?? '');
    if (!match) continue;
    const end = lines.indexOf(match[2] ?? '', i + 1);
    outputs[match[1] ?? ''] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return outputs;
}

/** A pretty-printed config, and the 1-based line of the first line containing a fragment. */
function mcpJson(servers: Record<string, { command: string; args?: string[]; env?: Record<string, string> }>): {
  text: string;
  lineOf: (fragment: string) => number;
} {
  const text = `${JSON.stringify({ mcpServers: servers }, null, 2)}\n`;
  const lines = text.split('\n');
  return { text, lineOf: (fragment) => lines.findIndex((l) => l.includes(fragment)) + 1 };
}

// The committed bundle, as GitHub runs it (CI checks separately that it is fresh).
describe('dist/index.js run as GitHub runs it', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-dist-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('annotates broken servers on their config line, writes the summary and outputs, and fails the step', async () => {
    const workspace = path.join(base, 'broken');
    const node = await workspaceWithServer(workspace);
    const config = mcpJson({
      healthy: { command: node, args: [fixtureServer], env: { TOKEN: '${SECRET_FOR_SERVER}' } },
      noisy: { command: node, args: [fixtureServer, '--banner'] },
      missing: { command: 'mcp-preflight-no-such-command' },
    });
    await writeFile(path.join(workspace, '.mcp.json'), config.text);

    const result = await runAction(workspace, { 'startup-timeout': '15000' });

    expect(result.code, result.stdout).toBe(1);
    // spawn points at the `command` field; stdout-purity, which has no field of its own, at the server's key.
    const missingLine = config.lineOf('"command": "mcp-preflight-no-such-command"');
    const noisyLine = config.lineOf('"noisy":');
    expect(result.stdout).toMatch(
      new RegExp(`^::error title=MCP server "missing"%3A spawn,file=\\.mcp\\.json,line=${missingLine},col=\\d+::`, 'm'),
    );
    expect(result.stdout).toMatch(
      new RegExp(`^::error title=MCP server "noisy"%3A stdout-purity,file=\\.mcp\\.json,line=${noisyLine},col=\\d+::`, 'm'),
    );
    expect(result.stdout).toMatch(/docs\/checks\/spawn\.md/);
    expect(result.stdout).not.toMatch(/^::error title=MCP server "healthy"/m);
    // The step failure message is an annotation too, with a one-line reason.
    expect(result.stdout).toMatch(/^::error::.+$/m);

    // The value expanded into a server's env is masked before anything but the version line is printed.
    const mask = result.stdout.indexOf('::add-mask::super-secret-value-123');
    expect(mask).toBeGreaterThanOrEqual(0);
    expect(result.stdout.slice(0, mask)).toMatch(/^mcp-preflight \d+\.\d+\.\d+\r?\n$/);

    // The server's stderr injection attempt is printed only inside a stop-commands block.
    const lines = result.stdout.split(/\r?\n/);
    let token: string | undefined;
    for (const line of lines) {
      if (token === undefined && line.startsWith('::stop-commands::')) token = line.slice('::stop-commands::'.length);
      else if (token !== undefined && line === `::${token}::`) token = undefined;
      else if (line.includes('injected')) expect(token, `outside a stop-commands block: ${line}`).toBeDefined();
    }
    expect(lines.filter((l) => /^::add-mask::injected/.test(l))).toEqual([]);

    expect(result.summary).toContain('<h2>❌ mcp-preflight: 2 of 3 MCP servers failed</h2>');
    expect(result.summary.match(/<details>/g)).toHaveLength(3);
    expect(result.outputs).toMatchObject({ servers: '3', passed: '1', failed: '2', status: 'fail' });
    const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8')) as {
      servers: Array<{ name: string; status: string }>;
    };
    expect(report.servers.map((s) => [s.name, s.status])).toEqual([
      ['healthy', 'pass'],
      ['noisy', 'fail'],
      ['missing', 'fail'],
    ]);
  });

  it('shows a suppressed finding with its reason without failing the step, and warns about stale suppressions', async () => {
    const workspace = path.join(base, 'suppressed');
    const node = await workspaceWithServer(workspace);
    await writeFile(path.join(workspace, '.mcp.json'), mcpJson({ noisy: { command: node, args: [fixtureServer, '--banner'] } }).text);
    await writeFile(
      path.join(workspace, '.mcp-preflight.yml'),
      'suppress:\n  - check: stdout-purity\n    server: noisy\n    reason: The banner goes away in 2.0.\n  - check: secrets\n    server: old\n    reason: removed\n',
    );

    const result = await runAction(workspace, { suppress: 'secrets server=gone reason=an old fixture', 'startup-timeout': '15000' });

    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).not.toMatch(/^::error/m);
    expect(result.stdout).toContain(
      '::warning title=mcp-preflight%3A stale suppression of secrets for "old",file=.mcp-preflight.yml,line=5::.mcp-preflight.yml:5: no server named "old" was checked. Remove the suppression.',
    );
    expect(result.stdout).toContain(
      '::warning title=mcp-preflight%3A stale suppression of secrets for "gone"::input "suppress" line 1: no server named "gone" was checked. Remove the suppression.',
    );
    expect(result.summary).toContain('<b>Suppressed</b> (fail) by <code>.mcp-preflight.yml:2</code>: The banner goes away in 2.0.');
    expect(result.outputs).toMatchObject({ servers: '1', passed: '1', failed: '0', status: 'pass' });
    const report = JSON.parse(await readFile(result.outputs['report-path'] ?? '', 'utf8')) as {
      servers: Array<{ checks: Array<{ id: string; status: string; suppressed?: unknown }> }>;
      suppressions: Array<{ source: string; matched: number; stale?: string }>;
    };
    expect(report.servers[0]?.checks.find((c) => c.id === 'stdout-purity')).toMatchObject({
      status: 'fail',
      suppressed: expect.anything(),
    });
    expect(report.suppressions.map((x) => [x.source, x.matched, x.stale])).toEqual([
      ['.mcp-preflight.yml:2', 1, undefined],
      ['.mcp-preflight.yml:5', 0, 'no server named "old" was checked'],
      ['input "suppress" line 1', 0, 'no server named "gone" was checked'],
    ]);
  });

  it('passes on a healthy config, with a summary and outputs', async () => {
    const workspace = path.join(base, 'healthy');
    const node = await workspaceWithServer(workspace, 'app');
    await writeFile(path.join(workspace, 'app', '.mcp.json'), mcpJson({ healthy: { command: node, args: [fixtureServer] } }).text);

    const result = await runAction(workspace, { 'working-directory': 'app' });

    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).not.toMatch(/^::(error|warning)/m);
    expect(result.summary).toContain('<h2>✅ mcp-preflight: all 1 MCP server passed</h2>');
    expect(result.outputs).toMatchObject({ servers: '1', passed: '1', failed: '0', status: 'pass' });
  });
});
