// Through the whole engine: the main probe stands for the client the server is judged for.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPreflight } from '../../src/engine.js';
import type { RunOptions } from '../../src/model/run.js';
import { repoRoot } from '../probe/helpers.js';

describe('runPreflight stands for the judged client', () => {
  let dir: string;
  const run = (clients?: string[]) =>
    runPreflight({
      paths: [],
      root: dir,
      servers: [],
      startupTimeoutMs: 10_000,
      requestTimeoutMs: 5_000,
      concurrency: 1,
      freshHome: false,
      failOn: 'error',
      env: process.env,
      protocolVersions: false,
      ...(clients && { clients }),
    } satisfies RunOptions);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-persona-'));
    const entry = path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');
    await writeFile(
      path.join(dir, '.mcp.json'),
      JSON.stringify({ mcpServers: { everything: { command: process.execPath, args: [entry] } } }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('sees the tools Claude Code sees for a server declared in .mcp.json (get-roots-list among them)', async () => {
    const { report } = await run();
    const tools = report.servers[0]?.tools.map((t) => t.name) ?? [];
    expect(tools).toContain('get-roots-list');
    expect(tools).toHaveLength(15);
    expect(report.servers[0]?.status).not.toBe('fail');
  });

  it('sees the 13 tools of a client that declares nothing when that client is selected', async () => {
    const { report } = await run(['cline']);
    expect(report.servers[0]?.tools).toHaveLength(13);
  });
});
