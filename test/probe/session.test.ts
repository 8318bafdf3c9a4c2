import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Transcript } from '../../src/model/transcript.js';
import { probeServer, UNKNOWN_METHOD } from '../../src/probe/session.js';
import { examplesDir, hostileDir, isRunning, nodeServer, probeOptions, repoRoot, stdioServer } from './helpers.js';

const example = (name: string, args: string[] = [], env: Record<string, string> = {}) =>
  nodeServer(path.join(examplesDir, 'servers', `${name}.mjs`), args, { env, cwd: examplesDir });

function toolNames(transcript: Transcript): string[] {
  return (transcript.lists.tools?.items ?? []).map((tool) => (tool as { name: string }).name);
}

describe('probeServer on the demo servers', () => {
  it('records a healthy server end to end', async () => {
    const t = await probeServer(example('healthy'), probeOptions());
    expect(t.probeError).toBeUndefined();
    expect(t.spawn).toMatchObject({ ok: true });
    expect(t.initialize).toMatchObject({ outcome: 'result', phase: 'startup', id: 0 });
    expect(t.initialize?.result).toMatchObject({ serverInfo: { name: 'healthy-notes' }, protocolVersion: '2025-11-25' });
    expect(t.startupMs).toBeGreaterThan(0);
    expect(t.ping).toMatchObject({ outcome: 'result', result: {}, phase: 'operation' });
    expect(toolNames(t)).toEqual(['add_note', 'get_note', 'list_notes']);
    expect(Object.fromEntries(Object.values(t.lists).map((l) => [l!.method, [l!.end, l!.itemCount]]))).toEqual({
      'tools/list': ['complete', 3],
      'prompts/list': ['complete', 1],
      'resources/list': ['complete', 1],
      'resources/templates/list': ['complete', 0],
    });
    expect(t.lists.tools?.pages[0]?.result).toEqual({ tools: '[3 items]' });
    expect(t.unknownMethod).toMatchObject({ method: UNKNOWN_METHOD, outcome: 'error', error: { code: -32601 } });
    expect(t.aliveAfterGrace).toBe(true);
    expect(t.shutdown).toMatchObject({ endedBy: 'stdin-close', descendantsLeft: [], descendantsSurvived: [] });
    expect(t.shutdown?.exitAfterMs).toBeLessThan(2000);
    expect(t.exit).toMatchObject({ code: 0, signal: null, phase: 'shutdown' });
    expect(t.wireStats).toMatchObject({ badLines: 0, lines: 7, unterminatedBytes: 0 });
    expect(t.wire.every((line) => line.kind === 'message')).toBe(true);
    expect(t.messages.filter((m) => m.direction === 'out').map((m) => m.message.method)).toEqual([
      'initialize',
      'notifications/initialized',
      'ping',
      'tools/list',
      'prompts/list',
      'resources/list',
      'resources/templates/list',
      UNKNOWN_METHOD,
    ]);
    expect(t.stderr.tail).toEqual(['healthy-notes: ready on stdio']);
    expect(t.launch).toMatchObject({ launcher: 'process', cwd: examplesDir, spawnedCommand: process.execPath, freshHome: false });
  });

  it('records a stdout banner as a bad line of the startup phase', async () => {
    const t = await probeServer(example('banner'), probeOptions());
    expect(t.wire[0]).toMatchObject({ index: 1, phase: 'startup', kind: 'not-json', text: 'Weather MCP server v2.1 starting...' });
    expect(t.wireStats.badLines).toBe(1);
    expect(t.initialize?.outcome).toBe('result');
  });

  it('records a crash on start: exit code, phase and the stderr tail', async () => {
    const t = await probeServer(example('crash-on-start'), probeOptions());
    expect(t.spawn.ok).toBe(true);
    expect(t.exit).toMatchObject({ code: 1, phase: 'startup' });
    expect(t.initialize?.outcome).toBe('closed');
    expect(t.startupMs).toBeUndefined();
    expect(t.stderr.tail.join('\n')).toContain("Cannot find package '@acme/weather-sdk-not-installed'");
    expect(t.shutdown?.endedBy).toBe('exited-before');
    expect(t.durationMs).toBeLessThan(3000);
  });

  it('records a command that is not on PATH as a spawn failure', async () => {
    const t = await probeServer(stdioServer('mcp-preflight-missing-server', ['--stdio']), probeOptions());
    expect(t.spawn).toMatchObject({ ok: false, errorCode: 'ENOENT' });
    expect(t.launch).toMatchObject({ resolvedCandidates: [], command: 'mcp-preflight-missing-server' });
    expect(t.launch.resolvedCommand).toBeUndefined();
    expect(t.exit).toBeUndefined();
    expect(t.shutdown).toBeUndefined();
  });

  it('says when the working directory is what is missing', async () => {
    const t = await probeServer(stdioServer(process.execPath, ['-v'], { cwd: path.join(repoRoot, 'no-such-dir') }), probeOptions());
    expect(t.spawn).toMatchObject({ ok: false, errorCode: 'ENOENT' });
    expect(t.spawn.errorMessage).toMatch(/working directory/);
  });

  it('resolves a bare command on the server PATH', async () => {
    const t = await probeServer(stdioServer('node', ['-e', '0']), probeOptions({ hostEnv: { PATH: path.dirname(process.execPath) } }));
    expect(t.launch.resolvedCommand).toBe(process.execPath);
    expect(t.launch.pathEntries).toEqual([path.dirname(process.execPath)]);
  });

  it('keeps variables of the runner from the server: needs-env fails although the runner has API_TOKEN', async () => {
    const hostEnv = { ...process.env, API_TOKEN: 'from-the-shell' };
    const stripped = await probeServer(example('needs-env'), probeOptions({ hostEnv }));
    expect(stripped.exit).toMatchObject({ code: 1, phase: 'startup' });
    expect(stripped.stderr.tail[0]).toMatch(/API_TOKEN is not set/);
    const declared = await probeServer(example('needs-env', [], { API_TOKEN: 'declared' }), probeOptions({ hostEnv }));
    expect(declared.initialize?.outcome).toBe('result');
  });

  it('records a server that exits right after the handshake', async () => {
    const t = await probeServer(example('exits-after-handshake'), probeOptions());
    expect(t.initialize?.outcome).toBe('result');
    expect(t.aliveAfterGrace).toBe(false);
    expect(t.exit).toMatchObject({ code: 0 });
    expect(t.exit?.phase).toBe('operation');
    expect(t.shutdown?.endedBy).toBe('exited-before');
  });

  it('records an initialize that never comes within the startup timeout', async () => {
    const t = await probeServer(example('slow-init'), probeOptions({ startupTimeoutMs: 400 }));
    expect(t.initialize).toMatchObject({ outcome: 'timeout', id: 0 });
    expect(t.startupMs).toBeUndefined();
    expect(t.aliveAfterGrace).toBeUndefined();
    expect(t.ping).toBeUndefined();
    expect(t.shutdown?.endedBy).toBe('stdin-close');
  });

  it('records an answer with the wrong id as a timeout, with the answer on the wire', async () => {
    const t = await probeServer(example('wrong-id'), probeOptions({ startupTimeoutMs: 400 }));
    expect(t.initialize?.outcome).toBe('timeout');
    expect(t.messages.find((m) => m.direction === 'in')?.message).toMatchObject({ id: 100, result: { serverInfo: { name: 'wrong-id' } } });
  });

  it('records the tools exactly as sent, even the ones the SDK would reject', async () => {
    const t = await probeServer(example('bad-tools'), probeOptions());
    expect(t.lists.tools?.end).toBe('complete');
    expect(toolNames(t)).toEqual([
      'get_forecast',
      'get weather',
      'fetch_the_current_weather_conditions_for_any_city_in_the_world_now',
      'get_forecast',
      'set_units',
    ]);
    expect((t.lists.tools!.items[4] as { inputSchema: unknown }).inputSchema).toEqual({ type: 'string' });
  });

  it('records a result to an unknown method, and a crash on it', async () => {
    const answered = await probeServer(example('no-unknown-method'), probeOptions());
    expect(answered.unknownMethod).toMatchObject({ outcome: 'result', result: {} });
    const crashed = await probeServer(example('no-unknown-method', ['--crash']), probeOptions());
    expect(crashed.unknownMethod?.outcome).toBe('closed');
    expect(crashed.exit).toMatchObject({ code: 1, phase: 'operation' });
    expect(crashed.aliveAfterGrace).toBe(false);
  });

  // On Windows SIGTERM is TerminateProcess, so nothing can ignore it.
  it.skipIf(process.platform === 'win32')('escalates to SIGKILL for a server that ignores stdin closing and SIGTERM', async () => {
    const t = await probeServer(example('ignores-sigterm'), probeOptions({ shutdownWaitMs: 300 }));
    expect(t.shutdown?.endedBy).toBe('sigkill');
    expect(t.exit).toMatchObject({ signal: 'SIGKILL', phase: 'shutdown' });
    expect(t.stderr.tail.join('\n')).toContain('SIGTERM received, ignoring it');
    expect(t.shutdown?.exitAfterMs).toBeGreaterThanOrEqual(600);
  });

  it('reports and kills a helper the server leaves behind', async () => {
    const t = await probeServer(example('spawns-children'), probeOptions());
    const helper = Number(/helper pid (\d+)/.exec(t.stderr.tail.join('\n'))?.[1]);
    expect(t.shutdown?.endedBy).toBe('stdin-close');
    expect(t.shutdown?.descendantsLeft.map((d) => d.pid)).toEqual([helper]);
    expect(t.shutdown?.descendantsSurvived).toEqual([]);
    expect(isRunning(helper)).toBe(false);
  });
});

describe('probeServer and the environment', () => {
  const hostEnv: NodeJS.ProcessEnv = {
    ...process.env,
    GITHUB_TOKEN: 'ghs_fake',
    INPUT_FAIL_ON: 'error',
    ACTIONS_RUNTIME_TOKEN: 'fake',
    NPM_TOKEN: 'fake',
  };

  it('passes only the allow-list and the config env', async () => {
    const server = nodeServer(path.join(hostileDir, 'env-report.mjs'), [], { env: { DECLARED: 'yes' } });
    const t = await probeServer(server, probeOptions({ hostEnv }));
    const allowList = ['HOME', 'LOGNAME', 'PATH', 'SHELL', 'TERM', 'USER'].filter((name) => hostEnv[name] !== undefined);
    expect(toolNames(t).sort()).toEqual([...allowList, 'DECLARED'].sort());
    expect(t.launch.envKeys).toEqual([...allowList, 'DECLARED'].sort());
  });

  it('gives the server an empty temporary HOME with freshHome, and removes it afterwards', async () => {
    const t = await probeServer(nodeServer(path.join(hostileDir, 'env-report.mjs')), probeOptions({ hostEnv, freshHome: true }));
    const home = (t.lists.tools!.items as Array<{ name: string; description: string }>).find((tool) => tool.name === 'HOME')?.description;
    expect(home).toMatch(/mcp-preflight-home-/);
    expect(home).not.toBe(process.env.HOME);
    expect(fs.existsSync(home!)).toBe(false);
    expect(t.launch.freshHome).toBe(true);
  });
});

describe('probeServer on published servers', () => {
  const published = (name: string) =>
    nodeServer(path.join(repoRoot, 'node_modules/@modelcontextprotocol', name, 'dist/index.js'), [], { cwd: repoRoot });

  it('probes @modelcontextprotocol/server-memory cleanly', async () => {
    const t = await probeServer(published('server-memory'), probeOptions());
    expect(t.initialize?.outcome).toBe('result');
    expect(t.lists.tools).toMatchObject({ end: 'complete', itemCount: 9 });
    expect(t.unknownMethod?.error?.code).toBe(-32601);
    expect(t.wireStats.badLines).toBe(0);
    expect(t.shutdown).toMatchObject({ endedBy: 'stdin-close', descendantsLeft: [] });
  });

  it('probes @modelcontextprotocol/server-everything cleanly', async () => {
    const t = await probeServer(published('server-everything'), probeOptions());
    expect(t.initialize?.outcome).toBe('result');
    for (const kind of ['tools', 'prompts', 'resources', 'resourceTemplates'] as const) {
      expect(t.lists[kind]?.end).toBe('complete');
    }
    expect(t.lists.tools?.itemCount).toBeGreaterThan(5);
    expect(t.wireStats.badLines).toBe(0);
    expect(t.aliveAfterGrace).toBe(true);
    expect(t.shutdown?.endedBy).toBe('stdin-close');
  });
});
