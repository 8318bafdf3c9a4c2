import { describe, expect, it } from 'vitest';
import { runFileChecks, runServerChecks } from '../../src/checks/run-checks.js';
import type { Check, CheckContext, FileCheck } from '../../src/model/check.js';
import { context } from './transcript-builder.js';

function ctx(options: Parameters<typeof context>[0] = {}): Omit<CheckContext, 'previous'> {
  const { previous: _, ...rest } = context(options);
  return rest;
}

const byId = (results: ReturnType<typeof runServerChecks>) => new Map(results.map((r) => [r.id, r]));

function fake(id: string, patch: Partial<Check> = {}): Check {
  return { id, title: id, remediation: '', requires: [], needsTranscript: false, run: () => ({ status: 'pass', message: 'ok' }), ...patch };
}

describe('runServerChecks', () => {
  it('passes every check on a healthy server, in registry order', () => {
    const results = runServerChecks(ctx());
    expect(results.map((r) => `${r.id}:${r.status}`)).toEqual([
      'config-schema:pass',
      'config-variables:pass',
      'secrets:pass',
      'windows-npx:pass',
      'command-path:pass',
      'spawn:pass',
      // The remote checks do not apply to a stdio server (and do not hold back the ones that require them).
      'http-reachable:skip',
      'http-transport:skip',
      'http-auth:skip',
      'handshake:pass',
      'stdout-purity:pass',
      'jsonrpc:pass',
      'stays-alive:pass',
      'capabilities:pass',
      'tools-list:pass',
      'tool-names:pass',
      'tool-schemas:pass',
      'startup-time:pass',
      'protocol-versions:pass',
      'client-compat:pass',
      'shutdown:pass',
      // Only a sandbox or a container sees side effects; this server ran as a plain process.
      'side-effects:skip',
      'http-protocol:skip',
      'http-origin:skip',
    ]);
  });

  it('skips transcript checks with the reason the server was not launched', () => {
    const results = byId(runServerChecks(ctx({ transcript: null, notLaunchedReason: 'the server is disabled in the config' })));
    expect(results.get('config-schema')?.status).toBe('pass');
    expect(results.get('spawn')).toMatchObject({
      status: 'skip',
      message: 'Skipped because the server was not launched: the server is disabled in the config.',
    });
    expect(results.get('tool-names')?.message).toMatch(/not launched: the server is disabled/);
  });

  it('names the root cause when a prerequisite failed, however deep', () => {
    const results = byId(
      runServerChecks(
        ctx({
          transcript: (t) => {
            t.spawn = { ok: false, errorCode: 'ENOENT', errorMessage: 'spawn node ENOENT', atMs: 1 };
            t.initialize = undefined;
          },
        }),
      ),
    );
    expect(results.get('spawn')?.status).toBe('fail');
    expect(results.get('handshake')?.message).toBe('Skipped because "spawn" failed.');
    expect(results.get('tools-list')?.message).toBe('Skipped because "spawn" failed (needed by "handshake").');
    expect(results.get('tool-names')?.message).toBe('Skipped because "spawn" failed (needed by "tools-list").');
    expect(results.get('stdout-purity')?.status).toBe('skip');
  });

  it("quotes a prerequisite's own skip reason", () => {
    const results = byId(
      runServerChecks(
        ctx({
          transcript: (t) => {
            t.initialize = {
              ...t.initialize!,
              result: { protocolVersion: '2025-11-25', capabilities: {}, serverInfo: { name: 'x', version: '1' } },
            };
            t.lists = {};
          },
        }),
      ),
    );
    expect(results.get('tool-names')?.message).toBe(
      'Skipped because "tools-list" was skipped: The server does not advertise the "tools" capability, so clients do not list its tools.',
    );
  });

  it('turns a crashing check into a failure that blames mcp-preflight, and goes on', () => {
    const checks = [
      fake('a', {
        run: () => {
          throw new TypeError('cannot read x');
        },
      }),
      fake('b', { run: () => [] }),
      fake('c'),
    ];
    const results = runServerChecks(ctx(), checks);
    expect(results[0]).toMatchObject({ id: 'a', status: 'fail' });
    expect(results[0]?.message).toMatch(/"a" itself crashed \(TypeError: cannot read x\)\. This is a bug in mcp-preflight/);
    expect(results[1]?.message).toMatch(/returned no result/);
    expect(results[2]).toMatchObject({ id: 'c', status: 'pass' });
  });

  it('gives each check the earlier results and points positionless results at the entry', () => {
    const seen: string[] = [];
    const checks = [
      fake('first', {
        run: () => [
          { status: 'warn', message: 'w' },
          { status: 'pass', message: 'p', client: 'cursor' },
        ],
      }),
      fake('second', {
        requires: ['first'],
        run: (c) => {
          seen.push(...(c.previous.get('first') ?? []).map((r) => r.status));
          return { status: 'pass', message: 'ok' };
        },
      }),
      fake('third', { requires: ['missing'] }),
    ];
    const results = runServerChecks(ctx(), checks);
    expect(seen).toEqual(['warn', 'pass']);
    expect(results[0]?.position).toEqual({ file: '.mcp.json', line: 3, column: 5 });
    expect(results.at(-1)?.message).toBe('Skipped because its prerequisite "missing" did not run.');
  });

  it('keeps one result per check and client: several findings for the same client become one, worst first', () => {
    const at = (line: number) => ({ file: '.mcp.json', line, column: 3 });
    const checks = [
      fake('many', {
        run: () => [
          { status: 'warn', message: 'Looks like a key.', position: at(7) },
          { status: 'fail', message: 'A Stripe key.', position: at(9), evidence: ['e1'] },
          { status: 'pass', message: 'Fine in Cursor.', client: 'cursor' },
          { status: 'fail', message: 'Cursor drops it.', client: 'cursor' },
        ],
      }),
    ];
    const results = runServerChecks(ctx(), checks);
    expect(results.map((r) => [r.client, r.status])).toEqual([
      [undefined, 'fail'],
      ['cursor', 'fail'],
    ]);
    expect(results[0]).toMatchObject({ message: 'A Stripe key. Looks like a key.', position: at(9), evidence: ['e1'] });
    expect(results[1]?.message).toBe('Cursor drops it.');
  });
});

describe('runFileChecks', () => {
  it('never throws', () => {
    const broken: FileCheck = {
      id: 'broken',
      title: 'broken',
      remediation: '',
      run: () => {
        throw new Error('nope');
      },
    };
    const [result] = runFileChecks(
      {
        path: '/x/.mcp.json',
        displayPath: '.mcp.json',
        format: 'claude-code',
        client: 'claude-code',
        workspaceFolder: '/x',
        servers: [],
        inputs: [],
      },
      [broken],
    );
    expect(result).toMatchObject({ id: 'broken', status: 'fail', position: { file: '.mcp.json', line: 1, column: 1 } });
  });
});
