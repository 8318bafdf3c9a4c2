// Real processes: short sessions under each launch policy, the cold start, and the protocol version offers.
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootServer } from '../../src/probe/boot.js';
import { bootLikeAClient, bootsAfterMain, separateColdStart, type ClientBootOptions } from '../../src/probe/client-boots.js';
import { probeProtocolVersions } from '../../src/probe/protocol-versions.js';
import { probeServer } from '../../src/probe/session.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { claudeDesktop } from '../../src/profiles/claude-desktop.js';
import { cline } from '../../src/profiles/cline.js';
import { MAIN_POLICY, policyKey } from '../../src/profiles/launch-plan.js';
import { protocolSupport } from '../../src/profiles/protocol-support.js';
import { codex } from '../../src/profiles/codex.js';
import { healthyTranscript } from '../checks/transcript-builder.js';
import { examplesDir, hostileDir, nodeServer, probeOptions, stdioServer } from '../probe/helpers.js';

const fixture = (name: string) => path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', name);
const healthy = path.join(examplesDir, 'servers/healthy.mjs');
const posix = process.platform !== 'win32';

const options = (overrides: Partial<ClientBootOptions> = {}): ClientBootOptions => ({
  startupTimeoutMs: 10_000,
  requestTimeoutMs: 5_000,
  hostEnv: process.env,
  platform: process.platform,
  freshHome: false,
  protocolVersions: false,
  ...overrides,
});

describe('bootServer', () => {
  it('starts a server the way a client does and records the answer and the first tools/list', async () => {
    const boot = await bootLikeAClient(nodeServer(healthy), options(), MAIN_POLICY, true);
    expect(boot.spawn.ok).toBe(true);
    expect(boot.requests.map((r) => [r.method, r.outcome])).toEqual([
      ['initialize', 'result'],
      ['tools/list', 'result'],
    ]);
    expect(boot.startupMs).toBeGreaterThan(0);
    expect(boot.toolsListedMs).toBeGreaterThanOrEqual(boot.startupMs!);
    expect(boot.exit).toBeUndefined();
  });

  it('records a server that exits before answering, with its stderr', async () => {
    const boot = await bootLikeAClient(
      nodeServer(fixture('needs-notes-dir.mjs')),
      options({ hostEnv: { ...process.env, DEMO_NOTES_DIR: undefined } }),
      MAIN_POLICY,
      true,
    );
    expect(boot.startupMs).toBeUndefined();
    expect(boot.exit?.code).toBe(1);
    expect(boot.requests[0]?.outcome).toBe('closed');
    expect(boot.stderrTail).toContain('DEMO_NOTES_DIR is not set');
  });

  it('keeps an answer written in the same tick as the exit', async () => {
    for (let run = 0; run < 3; run++) {
      const boot = await bootLikeAClient(nodeServer(path.join(hostileDir, 'answers-then-exits.mjs')), options(), MAIN_POLICY, false);
      expect(boot.requests[0]?.outcome).toBe('result');
      expect(boot.startupMs).toBeGreaterThan(0);
    }
  });

  it('records a command that does not exist', async () => {
    const boot = await bootServer(
      stdioServer('mcp-preflight-no-such-command', []),
      { ...options(), policy: MAIN_POLICY },
      async () => undefined,
    );
    expect(boot.spawn).toMatchObject({ ok: false, errorCode: 'ENOENT' });
    expect(boot.launch.resolvedCommand).toBeUndefined();
  });

  describe.runIf(posix)('the macOS GUI launch (POSIX)', () => {
    let bin: string;
    beforeAll(async () => {
      // A launcher only a shell PATH finds, as nvm or Homebrew installs one.
      bin = await mkdtemp(path.join(os.tmpdir(), 'mcp-preflight-bin-'));
      const script = path.join(bin, 'my-mcp-server');
      await writeFile(script, `#!/bin/sh\nexec "${process.execPath}" "${healthy}"\n`);
      await chmod(script, 0o755);
    });
    afterAll(() => rm(bin, { recursive: true, force: true }));

    it('does not find a command only the shell PATH has, while the main launch does', async () => {
      const server = stdioServer('my-mcp-server', []);
      const hostEnv = { ...process.env, PATH: `${bin}:${process.env.PATH}` };
      const main = await bootServer(server, { ...options({ hostEnv }), policy: MAIN_POLICY }, async (c) => {
        await c.request('initialize', { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 't', version: '1' } }, 10_000);
      });
      expect(main.startupMs).toBeGreaterThan(0);
      const gui = await bootServer(server, { ...options({ hostEnv }), policy: claudeDesktop.launch('darwin') }, async () => undefined);
      expect(gui.spawn).toMatchObject({ ok: false, errorCode: 'ENOENT' });
      expect(gui.launch.pathEntries).toEqual(['/usr/bin', '/bin', '/usr/sbin', '/sbin']);
      expect(gui.launch.cwd).toBe('/');
    });

    it('runs a relative script from / instead of the project folder', async () => {
      const boot = await bootLikeAClient(nodeServer('servers/healthy.mjs', [], { cwd: examplesDir }), options(), MAIN_POLICY, false);
      expect(boot.startupMs).toBeGreaterThan(0);
      const fromRoot = await bootServer(
        nodeServer('servers/healthy.mjs', [], { cwd: examplesDir }),
        { ...options(), policy: { ...claudeDesktop.launch('darwin'), path: 'inherit' } },
        async (c) => void (await c.request('initialize', {}, 10_000)),
      );
      expect(fromRoot.startupMs).toBeUndefined();
      expect(fromRoot.stderrTail.join('\n')).toMatch(/Cannot find module/);
    });
  });
});

describe('probeProtocolVersions', () => {
  it('offers each version to an SDK server: every legacy one echoed, server/discover answered -32601 then initialize', async () => {
    const main = await probeServer(nodeServer(healthy), probeOptions());
    const offers = await probeProtocolVersions(nodeServer(healthy), { ...options(), mainStartupMs: main.startupMs! });
    const report = protocolSupport(main, offers);
    expect(report?.supported).toEqual(['2024-11-05', '2025-03-26', '2025-06-18', '2025-11-25']);
    expect(report?.era).toBe('legacy');
    expect(report?.offers.at(-1)).toMatchObject({
      offered: '2026-07-28',
      outcome: 'error',
      detail: 'legacy server (error -32601); initialize afterwards was answered',
    });
  });

  it('recognises a dual-era server by its DiscoverResult, without falling back to initialize', async () => {
    const offers = await probeProtocolVersions(nodeServer(fixture('modern.mjs')), options());
    const discover = offers.find((o) => o.method === 'server/discover');
    expect(discover?.boot.requests.map((r) => r.method)).toEqual(['server/discover']);
    const main = await probeServer(nodeServer(fixture('modern.mjs')), probeOptions());
    expect(protocolSupport(main, offers)).toMatchObject({ era: 'dual-era', supported: ['2025-06-18', '2025-11-25', '2026-07-28'] });
  });

  it('sees a server that errors on versions it does not speak, and one that dies on server/discover', async () => {
    const old = await probeProtocolVersions(nodeServer(fixture('old-versions-only.mjs')), options());
    expect(old.map((o) => [o.version, o.boot.requests.at(-1)?.outcome])).toEqual([
      ['2024-11-05', 'result'],
      ['2025-03-26', 'error'],
      ['2025-06-18', 'error'],
      ['2026-07-28', 'error'],
    ]);
    const dies = await probeProtocolVersions(nodeServer(fixture('exits-on-unknown-request.mjs')), options());
    const discover = dies.find((o) => o.method === 'server/discover')!;
    expect(discover.boot.exit?.code).toBe(3);
    expect(discover.boot.requests.map((r) => [r.method, r.outcome])).toEqual([
      ['server/discover', 'closed'],
      ['initialize', 'not-sent'],
    ]);
  });
});

describe('bootsAfterMain', () => {
  it('boots a policy the main probe does not stand for, and infers the ones it does', async () => {
    const server = nodeServer(healthy);
    const main = await probeServer(server, probeOptions());
    const boots = await bootsAfterMain(server, main, [claudeCode, claudeDesktop, cline], options());
    expect(boots.policies[policyKey(claudeCode.launch('linux'))]).toMatchObject({ kind: 'same-as-main' });
    if (posix) expect(boots.policies[policyKey(claudeDesktop.launch('darwin'))]).toMatchObject({ kind: 'booted' });
    expect(boots.versions).toBeUndefined();
  });

  it("boots a whole-environment client when the server exited early under the SDK's allow-list", async () => {
    const server = nodeServer(fixture('needs-notes-dir.mjs'));
    const hostEnv = { ...process.env, DEMO_NOTES_DIR: '/tmp/notes' };
    const main = await probeServer(server, probeOptions({ hostEnv }));
    expect(main.initialize?.outcome).not.toBe('result');
    const boots = await bootsAfterMain(server, main, [claudeCode, cline], options({ hostEnv, protocolVersions: true }));
    const own = boots.policies[policyKey(claudeCode.launch(process.platform === 'win32' ? 'win32' : 'linux'))];
    expect(own?.kind).toBe('booted');
    expect(own?.kind === 'booted' && own.boot.startupMs).toBeGreaterThan(0);
    // Versions are offered only to a server that answered the main probe.
    expect(boots.versions).toBeUndefined();
  });
});

describe('separateColdStart', () => {
  const server = nodeServer(healthy);
  const again = () => {
    throw new Error('must not probe again');
  };

  it('needs no second start when the first was within every budget', async () => {
    const first = healthyTranscript();
    expect(await separateColdStart(server, first, [claudeCode, codex], options(), again)).toEqual({ main: first });
  });

  it("starts the server again, warm, when the first start was over a client's budget", async () => {
    const first = healthyTranscript();
    first.startupMs = 12_000;
    first.initialize!.endedMs = 12_005;
    first.lists.tools!.pages[0]!.endedMs = 12_020;
    const { main, restart } = await separateColdStart(server, first, [claudeCode, codex], options(), again);
    expect(main).toBe(first);
    expect(restart?.mainWas).toBe('cold');
    expect(restart?.boot.toolsListedMs).toBeGreaterThan(0);
  });

  it('probes again when the first start timed out, and keeps the first as the cold start', async () => {
    const first = healthyTranscript();
    first.initialize = { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, endedMs: 30_005, outcome: 'timeout' };
    delete first.startupMs;
    const second = healthyTranscript();
    const { main, restart } = await separateColdStart(server, first, [claudeCode], options(), async () => second);
    expect(main).toBe(second);
    expect(restart).toMatchObject({ mainWas: 'warm', boot: { requests: [{ method: 'initialize', outcome: 'timeout' }] } });
    expect(restart?.boot.startupMs).toBeUndefined();
  });
});
