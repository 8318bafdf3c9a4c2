// Opt-in measurement (timings are noisy on shared runners): MCP_PREFLIGHT_BENCH=1 npx vitest run test/probe/overhead.test.ts
// A full probe of a healthy server should cost no more than ~10% over a bare SDK client that connects, lists tools
// and closes. Runs alternate so both sides see the same machine load; medians are compared.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { probeServer } from '../../src/probe/session.js';
import { examplesDir, nodeServer, probeOptions, repoRoot } from './helpers.js';

const RUNS = Number(process.env.MCP_PREFLIGHT_BENCH_RUNS ?? 9);

async function bareClient(script: string): Promise<void> {
  const client = new Client({ name: 'bare', version: '1.0.0' });
  await client.connect(new StdioClientTransport({ command: process.execPath, args: [script], stderr: 'pipe', cwd: repoRoot }));
  await client.listTools();
  await client.close();
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe.runIf(process.env.MCP_PREFLIGHT_BENCH)('probe overhead over a bare SDK client', () => {
  it.each([
    ['@modelcontextprotocol/server-memory', path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js')],
    ['examples/servers/healthy.mjs', path.join(examplesDir, 'servers/healthy.mjs')],
  ])('%s', async (name, script) => {
    const bare: number[] = [];
    const probe: number[] = [];
    await bareClient(script);
    for (let run = 0; run < RUNS; run++) {
      bare.push(await timed(() => bareClient(script)));
      probe.push(await timed(() => probeServer(nodeServer(script), probeOptions())));
    }
    const overhead = median(probe) / median(bare) - 1;
    console.log(`${name}: bare ${median(bare).toFixed(0)} ms, probe ${median(probe).toFixed(0)} ms (${(overhead * 100).toFixed(0)}%)`);
    if (name.includes('server-memory')) expect(overhead).toBeLessThan(0.15);
  }, 120_000);
});
