import { SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js';
import { handshake } from '../../src/checks/handshake.js';
import type { Transcript } from '../../src/model/transcript.js';
import { testCheck } from './check-tester.js';
import { addWireLine, badLine, context, INIT_RESULT } from './transcript-builder.js';

function answered(result: unknown, patch?: (t: Transcript) => void) {
  return context({
    transcript: (t) => {
      if (t.initialize) t.initialize.result = result;
      patch?.(t);
    },
  });
}

/** initialize never completed; `patch` adds what the server did instead. */
function timedOut(patch: (t: Transcript) => void = () => {}) {
  return context({
    transcript: (t) => {
      t.initialize = { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, endedMs: 30_005, outcome: 'timeout' };
      t.messages = t.messages.slice(0, 1);
      t.wire = [];
      Object.assign(t.wireStats, { lines: 0, keptLines: 0, badLines: 0, bytes: 0 });
      t.startupMs = undefined;
      patch(t);
    },
  });
}

testCheck(handshake, {
  valid: [
    {
      name: 'a valid result',
      ctx: context(),
      status: 'pass',
      message: /initialize answered in 398 ms: protocol 2025-11-25, server "demo" 1\.0\.0/,
    },
    ...SUPPORTED_PROTOCOL_VERSIONS.map((v) => ({
      name: `protocol ${v}`,
      ctx: answered({ ...INIT_RESULT, protocolVersion: v }),
      status: 'pass' as const,
    })),
    {
      name: 'a slow start is noted, not failed',
      ctx: answered(INIT_RESULT, (t) => void (t.startupMs = 12_400)),
      status: 'pass',
      message: /12\.4 s — slower than Codex's default 10\.0 s startup timeout/,
    },
  ],
  invalid: [
    {
      name: 'an unsupported protocol version',
      ctx: answered({ ...INIT_RESULT, protocolVersion: '2023-01-01' }),
      status: 'fail',
      message: [/protocolVersion "2023-01-01"/, /not supported/, /asked for 2025-11-25/],
      evidence: /initialize result: \{"protocolVersion":"2023-01-01"/,
    },
    {
      name: 'no protocol version',
      ctx: answered({ capabilities: {}, serverInfo: { name: 'x', version: '1' } }),
      status: 'fail',
      message: /no "protocolVersion"/,
    },
    {
      name: 'no serverInfo',
      ctx: answered({ protocolVersion: '2025-06-18', capabilities: {} }),
      status: 'fail',
      message: /no "serverInfo"/,
    },
    {
      name: 'serverInfo without version fails the SDK schema',
      ctx: answered({ protocolVersion: '2025-06-18', capabilities: {}, serverInfo: { name: 'x' } }),
      status: 'fail',
      message: /serverInfo\.version/,
    },
    { name: 'a result that is not an object', ctx: answered('ok'), status: 'fail', message: /not an InitializeResult object/ },
    {
      name: 'an error instead of a result',
      ctx: context({
        transcript: (t) =>
          void (t.initialize = {
            method: 'initialize',
            id: 0,
            phase: 'startup',
            startedMs: 5,
            endedMs: 9,
            outcome: 'error',
            error: { code: -32602, message: 'Unsupported protocol version' },
          }),
      }),
      status: 'fail',
      message: /rejected initialize with error -32602: Unsupported protocol version/,
    },
    {
      name: "an error about something else is reported as the server's own, without a version lecture",
      ctx: context({
        transcript: (t) => {
          t.initialize = {
            method: 'initialize',
            id: 0,
            phase: 'startup',
            startedMs: 5,
            endedMs: 9,
            outcome: 'error',
            error: { code: -32603, message: 'Invalid configuration: DATABASE_URL is required' },
          };
        },
      }),
      status: 'fail',
      message: [
        /refused initialize: error -32603: Invalid configuration: DATABASE_URL is required\./,
        /set DATABASE_URL in the entry's "env"/,
        /^(?![\s\S]*protocol 2025)/,
      ],
    },
    ...[
      ['ENOTFOUND', 'Error: getaddrinfo ENOTFOUND mcp.stripe.com', /the host mcp\.stripe\.com could not be resolved/],
      ['ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:8931', /connection to 127\.0\.0\.1:8931 was refused/],
      ['401', 'Upstream answered 401 Unauthorized', /rejected the credentials \(HTTP 401\)/],
      ['a TLS error', 'Error: self-signed certificate in certificate chain', /TLS connection to its service failed/],
    ].map(([what, line, cause]) => ({
      name: `a stdio proxy that never answers while its stderr shows ${what}`,
      ctx: timedOut((t) => void (t.stderr = { tail: ['proxying stdio to remote', line as string], bytes: 60, lines: 2 })),
      status: 'fail' as const,
      message: [cause as RegExp, /stdio proxy/, /^(?![\s\S]*not an HTTP port)/],
    })),
    {
      name: 'an answer with the wrong id is not "never answered"',
      ctx: timedOut((t) =>
        t.messages.push({ direction: 'in', atMs: 300, phase: 'startup', message: { jsonrpc: '2.0', id: '0', result: INIT_RESULT } }),
      ),
      status: 'fail',
      message: [/answered initialize with id "0", but the request's id was 0/, /-32001/],
      evidence: /response: \{"jsonrpc":"2.0","id":"0"/,
    },
    {
      name: 'an answer after the timeout',
      ctx: timedOut((t) =>
        t.messages.push({ direction: 'in', atMs: 31_000, phase: 'shutdown', message: { jsonrpc: '2.0', id: 0, result: INIT_RESULT } }),
      ),
      status: 'fail',
      message: /answered initialize after 31\.0 s, later than the startup timeout of 30\.0 s/,
    },
    {
      name: 'silence on stdout but banners',
      ctx: timedOut((t) => addWireLine(t, badLine('Server listening on port 3000', 'not-json'))),
      status: 'fail',
      message: /wrote 1 line to stdout that were not JSON-RPC messages \(see stdout-purity\)/,
      evidence: /stdout line 1 \(startup, not JSON\): "Server listening on port 3000"/,
    },
    {
      name: 'complete silence',
      ctx: timedOut((t) => void (t.stderr = { tail: ['waiting for HTTP on :8080'], bytes: 25, lines: 1 })),
      status: 'fail',
      message: /did not answer initialize within 30\.0 s and wrote nothing to stdout/,
      evidence: /waiting for HTTP on :8080/,
    },
    {
      name: 'stdout closed before the answer',
      ctx: context({
        transcript: (t) => {
          t.initialize = { method: 'initialize', id: 0, phase: 'startup', startedMs: 5, outcome: 'closed' };
          t.stdoutClosedAtMs = 52;
        },
      }),
      status: 'fail',
      message: /closed stdout 50 ms after it started, before answering/,
    },
    {
      name: 'a probe error is a skip that blames mcp-preflight',
      ctx: context({
        transcript: (t) => {
          t.initialize = { method: 'initialize', phase: 'startup', startedMs: 5, outcome: 'not-sent' };
          t.probeError = 'TypeError: x is undefined';
        },
      }),
      status: 'skip',
      message: /bug in mcp-preflight/,
    },
  ],
});
