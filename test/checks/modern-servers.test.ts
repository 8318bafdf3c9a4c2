// Servers of the 2026-07-28 revision only: initialize refused with -32022, server/discover answered. Judged by the
// generation each selected client speaks, never lectured about answering initialize with a supported version.
import { describe, expect, it } from 'vitest';
import { runServerChecks } from '../../src/checks/run-checks.js';
import { handshake } from '../../src/checks/handshake.js';
import { protocolVersions } from '../../src/checks/protocol-versions.js';
import type { CheckContext } from '../../src/model/check.js';
import type { Transcript } from '../../src/model/transcript.js';
import { claudeCode } from '../../src/profiles/claude-code.js';
import { codex } from '../../src/profiles/codex.js';
import { testCheck } from './check-tester.js';
import { context, TOOLS } from './transcript-builder.js';

const DISCOVER_RESULT = { supportedVersions: ['2026-07-28'], capabilities: { tools: {} }, serverInfo: { name: 'demo', version: '1' } };

/** The healthy session bent into a 2026-07-28 one: initialize refused, server/discover answered, no ping. */
function modern(t: Transcript, discover: 'answered' | 'refused' = 'answered'): void {
  t.initialize = {
    method: 'initialize',
    id: 0,
    phase: 'startup',
    startedMs: 5,
    endedMs: 60,
    outcome: 'error',
    error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2026-07-28'] } },
  };
  t.discover =
    discover === 'answered'
      ? { method: 'server/discover', id: 1, phase: 'startup', startedMs: 61, endedMs: 70, outcome: 'result', result: DISCOVER_RESULT }
      : {
          method: 'server/discover',
          id: 1,
          phase: 'startup',
          startedMs: 61,
          endedMs: 70,
          outcome: 'error',
          error: { code: -32022, message: 'Unsupported protocol version', data: { supported: ['2027-01-01'] } },
        };
  t.generation = 'modern';
  t.startupMs = 68;
  delete t.ping;
}

const judgedFor = (profiles: CheckContext['profiles'], discover: 'answered' | 'refused' = 'answered'): CheckContext => ({
  ...context({ transcript: (t) => modern(t, discover) }),
  ...(profiles && { profiles }),
});

testCheck(handshake, {
  valid: [
    {
      name: 'initialize refused with -32022 and server/discover answered',
      ctx: judgedFor(undefined),
      status: 'pass',
      message: [
        /speaks the 2026-07-28 revision: it refused initialize \(error -32022\) and answered server\/discover in 68 ms/,
        /protocol-versions/,
      ],
    },
  ],
  invalid: [
    {
      name: 'server/discover refused for 2026-07-28 too',
      ctx: judgedFor(undefined, 'refused'),
      status: 'fail',
      message: /refused server\/discover for 2026-07-28 too \(error -32022\), listing 2027-01-01: no client can connect/,
    },
  ],
});

testCheck(protocolVersions, {
  // No profiled client speaks 2026-07-28 yet: the legacy server beside it is the passing case.
  valid: [{ name: 'a legacy server, for the same clients', ctx: { ...context(), profiles: [claudeCode, codex] }, status: 'pass' }],
  invalid: [
    {
      name: 'clients that connect only with initialize cannot connect',
      ctx: judgedFor([claudeCode, codex]),
      status: 'fail',
      outcomes: 2,
      message: [
        /Claude Code connects only with initialize \(protocol 2025-11-25\): it is built on the MCP TypeScript SDK, which has no server\/discover/,
        /Codex connects only with initialize \(protocol 2025-06-18\): its rmcp client sends initialize with 2025-06-18/,
        /speaks only the 2026-07-28 revision: it refuses initialize \(error -32022\) and answers server\/discover/,
      ],
    },
  ],
});

describe('a 2026-07-28 server through every check', () => {
  it('is judged on its DiscoverResult, and no message asks it to answer initialize with a supported version', () => {
    const ctx = judgedFor([claudeCode]);
    const results = runServerChecks(ctx);
    const by = (id: string) => results.filter((r) => r.id === id);
    expect(by('handshake').map((r) => r.status)).toEqual(['pass']);
    expect(by('tools-list').map((r) => r.status)).toEqual(['pass']);
    expect(by('tool-names').map((r) => r.status)).toEqual(['pass']);
    expect(by('stays-alive').map((r) => r.status)).toEqual(['pass']);
    expect(by('protocol-versions')).toMatchObject([{ status: 'fail', client: 'claude-code' }]);
    const text = results.map((r) => r.message).join('\n');
    expect(text).not.toMatch(/must answer with a version it\s+does support|not an error/);
    expect(ctx.transcript?.lists.tools?.items).toEqual(TOOLS);
  });
});
