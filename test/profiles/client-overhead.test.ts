// Opt-in measurement (timings are noisy on shared runners): MCP_PREFLIGHT_BENCH=1 npx vitest run test/profiles/client-overhead.test.ts
// What the client profiles add to a healthy server's probe: nothing by default (the declaring client's launch policy
// is inferred from the main probe), one boot per distinct launch policy with --client all, and four more boots with
// the protocol version offers. Runs alternate so every variant sees the same machine load; medians are compared.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { bootsAfterMain, type ClientBootOptions } from '../../src/probe/client-boots.js';
import { probeServer } from '../../src/probe/session.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { PROFILES } from '../../src/profiles/index.js';
import { examplesDir, nodeServer, probeOptions, repoRoot } from '../probe/helpers.js';

const RUNS = Number(process.env.MCP_PREFLIGHT_BENCH_RUNS ?? 7);
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe.runIf(process.env.MCP_PREFLIGHT_BENCH)('client profile overhead over the main probe', () => {
  it.each([
    ['@modelcontextprotocol/server-memory', path.join(repoRoot, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js')],
    ['examples/servers/healthy.mjs', path.join(examplesDir, 'servers/healthy.mjs')],
  ])(
    '%s',
    async (name, script) => {
      const server = nodeServer(script);
      const boots: ClientBootOptions = {
        startupTimeoutMs: 10_000,
        requestTimeoutMs: 5_000,
        hostEnv: process.env,
        platform: process.platform,
        freshHome: false,
        protocolVersions: false,
      };
      const variants = {
        main: async () => probeServer(server, probeOptions()),
        default: async () => bootsAfterMain(server, await probeServer(server, probeOptions()), [claudeCode], boots),
        'all clients': async () => bootsAfterMain(server, await probeServer(server, probeOptions()), PROFILES, boots),
        'all clients + versions': async () =>
          bootsAfterMain(server, await probeServer(server, probeOptions()), PROFILES, { ...boots, protocolVersions: true }),
      };
      const times = Object.fromEntries(Object.keys(variants).map((k) => [k, [] as number[]]));
      await variants.main();
      for (let run = 0; run < RUNS; run++) {
        for (const [variant, work] of Object.entries(variants)) {
          const started = performance.now();
          await work();
          times[variant]!.push(performance.now() - started);
        }
      }
      const base = median(times.main!);
      console.log(
        `${name}: ${Object.entries(times)
          .map(([k, v]) => `${k} ${median(v).toFixed(0)} ms (${(median(v) / base).toFixed(2)}×)`)
          .join(', ')}`,
      );
      // Every extra start costs a whole process start: the variants must be ordered by how many they make.
      expect(median(times['all clients + versions']!)).toBeGreaterThan(median(times.main!));
    },
    300_000,
  );
});
