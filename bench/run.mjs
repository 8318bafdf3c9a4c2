#!/usr/bin/env node
// `npm run bench`: measures mcp-preflight side by side with a bare MCP SDK client on this machine, and writes
// bench/RESULTS.md. Not a test: nothing fails on a slow machine; the guarantee tests hold the bounds.
//   node bench/run.mjs [--dist DIR] [--runs N] [--no-write]
//     --dist DIR   measure an existing bundle (e.g. dist) instead of a fresh bundle of the working tree
//     --runs N     alternating runs per server in the overhead part (default 11, at least 9)
//     --only LIST  run only these parts, comma-separated: overhead,scaling,cold-start,memory,isolation (implies --no-write)
//     --no-write   print only, do not write bench/RESULTS.md
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

// The harness is TypeScript shared with the tests; Node strips its types, and this maps the `.js` specifiers that
// TypeScript's NodeNext resolution uses to the `.ts` files on disk.
registerHooks({
  resolve(specifier, context, next) {
    try {
      return next(specifier, context);
    } catch (error) {
      if (specifier.startsWith('.') && specifier.endsWith('.js')) return next(`${specifier.slice(0, -3)}.ts`, context);
      throw error;
    }
  },
});
const { bundleToTempDir, median, removeBundle, repoRoot, runNode, timeToFirstOutput } = await import('../test/guarantees/harness.ts');
const { runHostileSuite } = await import('../test/guarantees/hostile-suite.ts');

const { values } = parseArgs({
  options: { dist: { type: 'string' }, runs: { type: 'string' }, only: { type: 'string' }, 'no-write': { type: 'boolean' } },
});
const parts = new Set((values.only ?? 'overhead,scaling,cold-start,memory,isolation').split(','));
const writeResults = !values['no-write'] && values.only === undefined;
const RUNS = Math.max(9, Number(values.runs ?? 11));
const COLD_START_RUNS = 21;
const INIT_DELAY_MS = 1000;
/** The CLI's default stay-alive window (src/probe/session.ts): every server is watched this long after its handshake. */
const STAY_ALIVE_MS = 1000;
/** The engine's own cost is measured with the shortest window; the default window's cost is reported beside it. */
const ENGINE_ONLY = ['--stay-alive-ms', '1'];
const TARGETS = {
  overheadRatio: 1.1,
  scaling32At32Ms: INIT_DELAY_MS + STAY_ALIVE_MS + 2000,
  coldStartMs: 200,
  peakRssMb: 200,
  sandboxRatio: 1.3,
};
const ISOLATION_SERVERS = 8;

const loadAtStart = os.loadavg()[0];
const scratch = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-bench-'));
const bundle = values.dist
  ? { dir: path.resolve(values.dist), cli: path.resolve(values.dist, 'cli.js'), index: path.resolve(values.dist, 'index.js') }
  : await bundleToTempDir();
const bundleLabel = values.dist
  ? `\`${values.dist}\``
  : 'a fresh bundle of the working tree (`scripts/bundle.mjs --outdir`, same options as dist/)';
const log = (line = '') => process.stdout.write(`${line}\n`);
const fmt = (ms) => `${Math.round(ms)} ms`;

try {
  log(`mcp-preflight benchmark · ${bundleLabel}`);
  const overhead = parts.has('overhead') && (await measureOverhead());
  const scaling = parts.has('scaling') && (await measureScaling());
  const coldStart = parts.has('cold-start') && (await measureColdStart());
  const memory = parts.has('memory') && (await measureMemory());
  const isolation = parts.has('isolation') && (await measureIsolation());
  if (writeResults) {
    await writeFile(path.join(repoRoot, 'bench/RESULTS.md'), resultsMarkdown({ overhead, scaling, coldStart, memory, isolation }));
    log('\nwrote bench/RESULTS.md');
  }
} finally {
  if (!values.dist) await removeBundle(bundle);
  await rm(scratch, { recursive: true, force: true });
}

/** Writes a `.mcp.json` declaring `servers` ({ name: [command, ...args] }) into a new folder; returns the folder. */
async function configDir(name, servers) {
  const dir = path.join(scratch, name);
  const mcpServers = Object.fromEntries(Object.entries(servers).map(([server, [command, ...args]]) => [server, { command, args }]));
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, '.mcp.json'), JSON.stringify({ mcpServers }, null, 2));
  return dir;
}

async function runCli(dir, extra = []) {
  const run = await runNode([bundle.cli, '--no-color', '--fail-on', 'never', ...extra, dir], { cwd: dir, timeoutMs: 300_000 });
  if (run.code !== 0) throw new Error(`the CLI failed on ${dir} (exit ${run.code}):\n${run.stderr}`);
  return run;
}

// 1. Overhead: the full check of one real server vs a bare SDK client (both as a fresh process, as users run them). The
// engine's own cost is timed with a 1 ms stay-alive window; the default window, a deliberate wait, is timed apart.
async function measureOverhead() {
  log('\n1. Overhead: full check by the bundled CLI vs a bare SDK client (spawn, initialize, tools/list, close)');
  const published = (name) => path.join(repoRoot, 'node_modules/@modelcontextprotocol', name, 'dist/index.js');
  const filesystemRoot = path.join(scratch, 'filesystem-root');
  await mkdir(filesystemRoot, { recursive: true });
  const servers = [
    { name: 'server-everything', argv: [process.execPath, published('server-everything'), 'stdio'] },
    { name: 'server-memory', argv: [process.execPath, published('server-memory')] },
    { name: 'server-filesystem', argv: [process.execPath, published('server-filesystem'), filesystemRoot] },
  ];
  const rows = [];
  for (const server of servers) {
    const dir = await configDir(`overhead-${server.name}`, { [server.name]: server.argv });
    const bare = () => runNode([path.join(repoRoot, 'bench/bare-client.mjs'), ...server.argv], { cwd: dir, timeoutMs: 60_000 });
    const status = await checkedStatus(dir, server.name);
    await bare();
    const bareMs = [];
    const cliMs = [];
    const windowMs = [];
    // The engine's own overhead: plain processes, like the bare client (part 5 measures the sandbox's cost).
    const engine = () => runCli(dir, ['--isolation', 'process', ...ENGINE_ONLY]);
    for (let i = 0; i < RUNS; i++) {
      // Alternating, so that both sides see the same machine state; the order flips each round.
      const pair = i % 2 === 0 ? [bare, engine] : [engine, bare];
      const [first, second] = [await pair[0](), await pair[1]()];
      (i % 2 === 0 ? bareMs : cliMs).push(first.wallMs);
      (i % 2 === 0 ? cliMs : bareMs).push(second.wallMs);
      windowMs.push((await runCli(dir, ['--isolation', 'process'])).wallMs);
    }
    const row = { name: server.name, status, bare: median(bareMs), cli: median(cliMs), withWindow: median(windowMs) };
    row.ratio = row.cli / row.bare;
    rows.push(row);
    log(
      `   ${server.name.padEnd(18)} bare ${fmt(row.bare).padStart(7)}   mcp-preflight ${fmt(row.cli).padStart(7)}   ratio ${row.ratio.toFixed(2)}×   with the ${STAY_ALIVE_MS} ms window ${fmt(row.withWindow).padStart(7)}   (verdict: ${status})`,
    );
  }
  return rows;
}

/** The server's status in a full check (the benchmark times a real, complete check, so it must get that far). */
async function checkedStatus(dir, name) {
  const run = await runCli(dir, ['--isolation', 'process', '--json', '-']);
  const report = JSON.parse(run.stdout);
  const server = report.servers.find((s) => s.name === name);
  const findings = server.checks.filter((c) => c.status === 'fail' || c.status === 'warn').map((c) => `${c.status} ${c.id}`);
  return findings.length > 0 ? `${server.status}: ${findings.join(', ')}` : server.status;
}

// 2. Scaling: servers that each take 1 s to answer initialize, so the run is all waiting.
async function measureScaling() {
  log(`\n2. Scaling: N servers that each answer initialize after ${INIT_DELAY_MS} ms`);
  const slowInit = path.join(repoRoot, 'examples/servers/slow-init.mjs');
  const rows = [];
  for (const concurrency of [32, 8]) {
    for (const count of [1, 8, 32, 128]) {
      const servers = Object.fromEntries(
        Array.from({ length: count }, (_, i) => [`slow-${i + 1}`, [process.execPath, slowInit, String(INIT_DELAY_MS)]]),
      );
      const dir = await configDir(`scaling-${count}`, servers);
      const run = await runCli(dir, [
        '--isolation',
        'process',
        '--concurrency',
        String(concurrency),
        '--startup-timeout',
        String(10 * INIT_DELAY_MS),
      ]);
      const waves = Math.ceil(count / concurrency);
      const row = { count, concurrency, waves, wall: run.wallMs, perWave: run.wallMs / waves, sumOfWaits: count * INIT_DELAY_MS };
      rows.push(row);
      log(
        `   ${String(count).padStart(3)} servers @ concurrency ${String(concurrency).padStart(2)}: ${waves} wave(s) → ${fmt(row.wall).padStart(8)} (${fmt(row.perWave)} per wave; sum of the waits ${fmt(row.sumOfWaits)})`,
      );
    }
  }
  return rows;
}

// 3. Cold start: the CLI's --version, and the action's entry up to its first output.
async function measureColdStart() {
  log('\n3. Cold start (median of 21)');
  const cli = [];
  for (let i = 0; i < COLD_START_RUNS; i++)
    cli.push((await runNode([bundle.cli, '--version'], { cwd: scratch, timeoutMs: 10_000 })).wallMs);
  // No INPUT_* variables and an empty working directory: the action finds no config and reports that.
  const empty = path.join(scratch, 'empty');
  await mkdir(empty, { recursive: true });
  const actionEnv = { PATH: process.env.PATH, HOME: os.homedir(), RUNNER_TEMP: scratch };
  const action = [];
  for (let i = 0; i < COLD_START_RUNS; i++)
    action.push(await timeToFirstOutput([bundle.index], { cwd: empty, env: actionEnv, timeoutMs: 10_000 }));
  const bareNode = [];
  for (let i = 0; i < COLD_START_RUNS; i++) bareNode.push((await runNode(['-e', ''], { cwd: scratch, timeoutMs: 10_000 })).wallMs);
  const result = { cli: median(cli), action: median(action), node: median(bareNode) };
  log(`   cli.js --version ${fmt(result.cli)} · index.js to first output ${fmt(result.action)} · (node -e '' ${fmt(result.node)})`);
  return result;
}

// 4. Memory: every hostile server of the guarantee suite in one run.
async function measureMemory() {
  log('\n4. Memory: the hostile suite in one run');
  const settings = { startupTimeoutMs: 3000, requestTimeoutMs: 2000 };
  const run = await runHostileSuite(bundle.cli, settings, 120_000);
  const result = {
    servers: run.servers.length,
    settings,
    peakRssMb: run.cli.peakRssBytes / 2 ** 20,
    wall: run.cli.wallMs,
    slowest: Math.max(...run.report.servers.map((s) => s.durationMs ?? 0)),
    leftovers: run.leftovers?.length,
  };
  log(
    `   ${result.servers} servers in parallel: peak RSS ${result.peakRssMb.toFixed(0)} MB, ${fmt(result.wall)} (slowest server ${fmt(result.slowest)}), leftover processes: ${result.leftovers ?? 'not checked (not Linux)'}`,
  );
  return result;
}

// 5. Isolation: the same run of 8 healthy servers as plain processes and in the sandbox.
async function measureIsolation() {
  log(`\n5. Isolation: ${ISOLATION_SERVERS} healthy servers, sandbox vs plain processes (median of ${RUNS} alternating runs)`);
  if (process.platform !== 'linux') {
    log('   skipped: the sandbox is Linux-only');
    return undefined;
  }
  const healthy = path.join(repoRoot, 'examples/servers/healthy.mjs');
  const servers = Object.fromEntries(
    Array.from({ length: ISOLATION_SERVERS }, (_, i) => [`healthy-${i + 1}`, [process.execPath, healthy]]),
  );
  const dir = await configDir('isolation', servers);
  // Without strace on PATH the sandbox runs untraced: the same boundary, side effects judged from stderr only.
  const noStrace = path.join(scratch, 'no-strace-bin');
  await mkdir(noStrace, { recursive: true });
  const untracedEnv = { ...process.env, PATH: noStrace };
  const variants = [
    { name: 'process', args: ['--isolation', 'process'] },
    { name: 'sandbox', args: ['--isolation', 'sandbox'] },
    { name: 'sandbox without strace', args: ['--isolation', 'sandbox'], env: untracedEnv },
  ];
  const timeOf = async (variant) => {
    const run = await runNode([bundle.cli, '--no-color', '--fail-on', 'never', '--json', '-', ...variant.args, dir], {
      cwd: dir,
      timeoutMs: 300_000,
      ...(variant.env && { env: variant.env }),
    });
    const report = JSON.parse(run.stdout);
    if (report.servers.some((s) => s.status === 'fail')) throw new Error(`a healthy server failed under ${variant.name}`);
    return { wall: run.wallMs, tool: report.settings.isolation?.tool, limits: report.settings.isolation?.limits ?? [] };
  };
  const walls = Object.fromEntries(variants.map((v) => [v.name, []]));
  let tool;
  let traced;
  for (const variant of variants) await timeOf(variant);
  for (let i = 0; i < RUNS; i++) {
    // Rotating the order each round, so that every variant sees the same machine state.
    for (let k = 0; k < variants.length; k++) {
      const variant = variants[(i + k) % variants.length];
      const result = await timeOf(variant);
      walls[variant.name].push(result.wall);
      if (variant.name === 'sandbox') {
        tool = result.tool;
        traced = !result.limits.some((l) => l.startsWith('strace is not available'));
      }
    }
  }
  const processMs = median(walls.process);
  const rows = variants.map((v) => ({ name: v.name, wall: median(walls[v.name]), ratio: median(walls[v.name]) / processMs }));
  for (const row of rows) log(`   ${row.name.padEnd(24)} ${fmt(row.wall).padStart(8)}   ${row.ratio.toFixed(2)}×`);
  return { rows, tool, traced };
}

function resultsMarkdown({ overhead, scaling, coldStart, memory, isolation }) {
  const cpus = os.cpus();
  const commit = gitDescribe();
  const check = (ok) => (ok ? '✅' : '❌');
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (`bench/run.mjs`); rerun it to measure your machine. Wall times are medians of whole',
    'processes, as users run them.',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${cpus[0]?.model ?? 'unknown CPU'}, ${cpus.length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.type()} ${os.release()} ${os.arch()}`,
    `- Node ${process.version}`,
    `- Measured: ${bundleLabel}${commit ? ` at ${commit}` : ''}`,
    `- Load average (1 min) at the start and the end: ${loadAtStart.toFixed(1)} and ${os.loadavg()[0].toFixed(1)} (above the core count, other work competed for the CPU and every wall time is inflated)`,
    '',
    `## 1. Overhead over a bare SDK client (target ≤ ${TARGETS.overheadRatio.toFixed(2)}×)`,
    '',
    `Median of ${RUNS} alternating runs each. mcp-preflight: \`node cli.js --stay-alive-ms 1 <dir>\`, a full check of one`,
    'server (spawn, initialize, ping, every advertised list, an unknown method, shutdown, leftover-process scan, report)',
    "with the shortest stay-alive window, so the ratio is the engine's own cost. Bare client: `node bench/bare-client.mjs",
    '<server>` (SDK `Client` + `StdioClientTransport`: spawn, initialize, `listTools`, `close`). The last column is the',
    `same check with the default ${STAY_ALIVE_MS} ms window, a deliberate wait for servers that die after the handshake.`,
    'A server still talking to the client when a 1 ms window ends may shut down slower than with the default window:',
    'server-everything asks a client with roots for them 350 ms after the handshake and, while that request is pending,',
    'exits only on SIGTERM (2 s after stdin closed), so its engine-only time is the longer one.',
    '',
    `| Server | Bare SDK client | mcp-preflight | Ratio | With the ${STAY_ALIVE_MS} ms window | mcp-preflight verdict |`,
    '|---|---:|---:|---:|---:|---|',
    ...overhead.map(
      (r) =>
        `| ${r.name} | ${fmt(r.bare)} | ${fmt(r.cli)} | ${r.ratio.toFixed(2)}× ${check(r.ratio <= TARGETS.overheadRatio)} | ${fmt(r.withWindow)} | ${r.status} |`,
    ),
    '',
    `## 2. Scaling (target: 32 servers at concurrency 32 in < ${TARGETS.scaling32At32Ms / 1000} s: one server's ${INIT_DELAY_MS} ms start and ${STAY_ALIVE_MS} ms window, plus 2 s)`,
    '',
    `Every server answers \`initialize\` after ${INIT_DELAY_MS} ms (\`examples/servers/slow-init.mjs ${INIT_DELAY_MS}\`) and is then`,
    `watched for the default ${STAY_ALIVE_MS} ms window. A wave is ceil(servers / concurrency); the wall time follows the waves, not`,
    'the sum of the waits. One run each.',
    '',
    '| Servers | Concurrency | Waves | Wall time | Per wave | Sum of the waits |',
    '|---:|---:|---:|---:|---:|---:|',
    ...scaling.map((r) => {
      const target = r.count === 32 && r.concurrency === 32 ? ` ${check(r.wall < TARGETS.scaling32At32Ms)}` : '';
      return `| ${r.count} | ${r.concurrency} | ${r.waves} | ${fmt(r.wall)}${target} | ${fmt(r.perWave)} | ${fmt(r.sumOfWaits)} |`;
    }),
    '',
    `## 3. Cold start (target < ${TARGETS.coldStartMs} ms, median of ${COLD_START_RUNS})`,
    '',
    '| Command | Median |',
    '|---|---:|',
    `| \`node cli.js --version\` (to exit) | ${fmt(coldStart.cli)} ${check(coldStart.cli < TARGETS.coldStartMs)} |`,
    `| \`node index.js\` (the action, to its first output) | ${fmt(coldStart.action)} ${check(coldStart.action < TARGETS.coldStartMs)} |`,
    `| \`node -e ''\` (Node itself, for reference) | ${fmt(coldStart.node)} |`,
    '',
    `## 4. Memory (target < ${TARGETS.peakRssMb} MB)`,
    '',
    `All ${memory.servers} hostile servers of \`test/guarantees/hostile-suite.ts\` (100 MB stdout flood, a 50 MB line, binary`,
    'garbage, stderr flood, silent and late servers, SIGTERM-proof and forking servers, 5000 notifications, a 10 MB',
    `tools/list, 5000 tools over 50 pages, injection text) in one CLI run, all in parallel, startup timeout`,
    `${memory.settings.startupTimeoutMs} ms, request timeout ${memory.settings.requestTimeoutMs} ms. Peak RSS is the CLI process's own`,
    '(getrusage `ru_maxrss` at exit); the servers are separate processes.',
    '',
    '| Peak RSS | Wall time | Slowest server | Processes left after the run |',
    '|---:|---:|---:|---:|',
    `| ${memory.peakRssMb.toFixed(0)} MB ${check(memory.peakRssMb < TARGETS.peakRssMb)} | ${fmt(memory.wall)} | ${fmt(memory.slowest)} | ${memory.leftovers ?? 'not checked (not Linux)'} |`,
    '',
    `## 5. Isolation (target: the sandbox ≤ ${TARGETS.sandboxRatio}× plain processes)`,
    '',
    ...(isolation
      ? [
          `${ISOLATION_SERVERS} copies of \`examples/servers/healthy.mjs\` (the SDK's McpServer) in one CLI run at the default concurrency,`,
          `median of ${RUNS} runs, the order rotating each round. ${isolation.tool ?? 'bubblewrap'}${isolation.traced ? ', with strace tracing the failed file and connect calls' : ''};`,
          '"without strace": strace off PATH, so side effects are judged from stderr only. Parts 1 and 2 run plain processes.',
          '',
          '| Isolation | Wall time | Ratio to process |',
          '|---|---:|---:|',
          ...isolation.rows.map(
            (r) =>
              `| ${r.name} | ${fmt(r.wall)} | ${r.ratio.toFixed(2)}×${r.name === 'sandbox' ? ` ${check(r.ratio <= TARGETS.sandboxRatio)}` : ''} |`,
          ),
        ]
      : ['Not measured (the sandbox is Linux-only).']),
    '',
  ];
  return `${lines.join('\n')}`;
}

function gitDescribe() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src', 'scripts'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return `commit ${head}${dirty ? ' with uncommitted changes in src/' : ''}`;
  } catch {
    return undefined;
  }
}
