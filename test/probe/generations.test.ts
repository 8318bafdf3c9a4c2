// The protocol generation a server speaks, found in the main session: initialize first (what clients send today), and
// server/discover when initialize is refused the way a server of the 2026-07-28 revision refuses it.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { personaFor } from '../../src/probe/client-persona.js';
import { probeServer, UNKNOWN_METHOD } from '../../src/probe/session.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { examplesDir, hostileDir, nodeServer, probeOptions, repoRoot } from './helpers.js';

const modernOnly = (args: string[] = []) => nodeServer(path.join(hostileDir, 'modern-only.mjs'), args);
const META = 'io.modelcontextprotocol/protocolVersion';

describe('the generation of the main session', () => {
  it('opens a 2026-07-28 server with server/discover after initialize is refused with -32022, and speaks that revision', async () => {
    const t = await probeServer(modernOnly(), probeOptions({ client: personaFor(claudeCode, repoRoot) }));
    expect(t.generation).toBe('modern');
    expect(t.initialize).toMatchObject({ outcome: 'error', error: { code: -32022 } });
    expect(t.discover).toMatchObject({ outcome: 'result', result: { supportedVersions: ['2026-07-28'] } });
    expect(t.startupMs).toBeGreaterThan(0);
    expect(t.ping).toBeUndefined();
    expect(t.lists.tools).toMatchObject({ end: 'complete', itemCount: 1 });
    expect(t.unknownMethod).toMatchObject({ method: UNKNOWN_METHOD, outcome: 'error', error: { code: -32601 } });
    expect(t.aliveAfterGrace).toBe(true);
    // Every request of the revision carries its version and the client's capabilities; no initialized notification.
    const sent = t.messages.filter((m) => m.direction === 'out').map((m) => m.message);
    expect(sent.map((m) => m.method)).toEqual(['initialize', 'server/discover', 'tools/list', UNKNOWN_METHOD]);
    for (const message of sent.slice(1)) {
      expect(message.params).toMatchObject({
        _meta: { [META]: '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': { roots: {}, elicitation: {} } },
      });
    }
  });

  it('records a 2026-07-28 server with no version in common: discover refused with -32022, nothing listed', async () => {
    const t = await probeServer(modernOnly(['--versions', '2027-01-01']), probeOptions());
    expect(t.generation).toBe('modern');
    expect(t.discover).toMatchObject({ outcome: 'error', error: { code: -32022, data: { supported: ['2027-01-01'] } } });
    expect(t.lists).toEqual({});
    expect(t.startupMs).toBeUndefined();
  });

  it('keeps a legacy server legacy: no server/discover when initialize is answered', async () => {
    const t = await probeServer(nodeServer(path.join(examplesDir, 'servers/healthy.mjs')), probeOptions());
    expect(t.generation).toBe('legacy');
    expect(t.discover).toBeUndefined();
    expect(t.messages.some((m) => m.message.method === 'server/discover')).toBe(false);
  });

  it('asks no server/discover of a legacy server whose initialize fails for its own reasons', async () => {
    const t = await probeServer(nodeServer(path.join(hostileDir, 'refuses-initialize.mjs')), probeOptions());
    expect(t.initialize).toMatchObject({ outcome: 'error', error: { code: -32603 } });
    expect(t.discover).toBeUndefined();
    expect(t.generation).toBeUndefined();
  });
});
