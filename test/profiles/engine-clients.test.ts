// Through the whole engine: every client profile for fixture servers from examples/servers.
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/engine.js';
import type { Report, ServerReport } from '../../src/model/report.js';
import { PROFILES } from '../../src/profiles/index.js';
import { examplesDir } from '../probe/helpers.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('runPreflight with clients: ["all"]', () => {
  let dir: string;
  let report: Report;
  const server = (name: string) => report.servers.find((s) => s.name === name) as ServerReport;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-clients-'));
    await symlink(path.join(examplesDir, 'servers'), path.join(dir, 'servers'), process.platform === 'win32' ? 'junction' : 'dir');
    const node = process.execPath;
    const config = {
      mcpServers: {
        healthy: { command: node, args: [path.join(examplesDir, 'servers/healthy.mjs')] },
        relative: { command: node, args: ['servers/healthy.mjs'] },
        'needs-notes-dir': { command: node, args: [path.join(fixtures, 'needs-notes-dir.mjs')] },
      },
    };
    await writeFile(path.join(dir, '.mcp.json'), JSON.stringify(config, null, 2));
    ({ report } = await runPreflight({
      paths: [],
      root: dir,
      servers: [],
      startupTimeoutMs: 10_000,
      requestTimeoutMs: 5_000,
      concurrency: 3,
      freshHome: false,
      failOn: 'error',
      env: { ...process.env, DEMO_NOTES_DIR: dir },
      clients: ['all'],
    }));
  }, 60_000);

  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('judges every server for every client', () => {
    for (const s of report.servers) expect(Object.keys(s.clients ?? {})).toEqual(PROFILES.map((p) => p.id));
  });

  it('finds a healthy server with absolute paths working everywhere, and offers it every protocol version', () => {
    const healthy = server('healthy');
    expect(healthy.status).toBe('pass');
    expect(Object.values(healthy.clients ?? {}).map((v) => v.status)).toEqual(PROFILES.map(() => 'works'));
    expect(healthy.protocolVersions).toMatchObject({
      supported: ['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25'],
      era: 'legacy',
      complete: true,
    });
  });

  it('fails a relative script only for Claude Desktop, which does not start servers in the project folder', () => {
    const relative = server('relative');
    const desktop = relative.clients?.['claude-desktop'];
    // An error where the runner is an OS Claude Desktop runs on; a warning on Linux, where its macOS launch is reproduced.
    expect(desktop?.status).toBe(process.platform === 'linux' ? 'warn' : 'fails');
    expect(desktop?.reason).toMatch(/Claude Desktop on (macOS|Windows)/);
    expect(relative.clients?.['claude-code']).toEqual({ status: 'works' });
    const finding = relative.checks.find((c) => c.id === 'client-compat' && c.client === 'claude-desktop');
    expect(finding?.message).toMatch(/use absolute paths in "command" and "args"/);
  });

  it('finds a server that needs a shell variable working in clients that pass their whole environment only', () => {
    const needs = server('needs-notes-dir');
    expect(needs.checks.find((c) => c.id === 'spawn')?.status).toBe('fail');
    const statuses = Object.fromEntries(Object.entries(needs.clients ?? {}).map(([id, v]) => [id, v.status]));
    expect(statuses).toMatchObject({
      'claude-code': 'works',
      vscode: 'works',
      gemini: 'works',
      codex: 'fails',
      cline: 'fails',
      // Nobody documents how Cursor starts servers: the SDK allow-list failing is no verdict there.
      cursor: 'unknown',
    });
    expect(needs.clients?.cline?.reason).toMatch(/^spawn: /);
    expect(needs.clients?.cursor?.reason).toMatch(/how Cursor starts servers is not documented/);
  });
});
