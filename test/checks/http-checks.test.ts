import { describe, expect, it } from 'vitest';
import { httpAuth } from '../../src/checks/http-auth.js';
import { httpOrigin } from '../../src/checks/http-origin.js';
import { httpProtocol } from '../../src/checks/http-protocol.js';
import { httpReachable } from '../../src/checks/http-reachable.js';
import { httpTransport } from '../../src/checks/http-transport.js';
import { runServerChecks } from '../../src/checks/run-checks.js';
import type { Check, CheckOutcome } from '../../src/model/check.js';
import type { NetworkFailure } from '../../src/model/transcript.js';
import { exchange, type RemoteOptions, remoteContext } from './http-transcripts.js';
import { context } from './transcript-builder.js';

function only(check: Check, options: RemoteOptions): CheckOutcome {
  const result = check.run(remoteContext(options));
  const outcomes = Array.isArray(result) ? result : [result];
  expect(outcomes).toHaveLength(1);
  return outcomes[0] as CheckOutcome;
}

const unreachable = (error: NetworkFailure): RemoteOptions => ({
  http: (h) => {
    h.spoken = undefined;
    h.exchanges = [exchange({ status: undefined, contentType: undefined, streamEnd: undefined, error })];
  },
});

describe('http-reachable', () => {
  it.each([
    ['dns', { kind: 'dns', code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND mcp.internal' }, /does not resolve \(ENOTFOUND\)/],
    ['refused', { kind: 'refused', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, /Nothing listens on 127\.0\.0\.1:3001/],
    ['timeout', { kind: 'timeout', message: 'no answer' }, /did not answer within 30(\.0)? ?s/],
    [
      'tls',
      { kind: 'tls', code: 'SELF_SIGNED_CERT_IN_CHAIN', message: 'self-signed certificate in certificate chain' },
      /NODE_EXTRA_CA_CERTS/,
    ],
  ] as const)('fails %s with its own cause and fix, on the url line', (_kind, error, pattern) => {
    const outcome = only(httpReachable, unreachable(error));
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toMatch(pattern);
    expect(outcome.position?.line).toBe(5);
  });

  it('passes any HTTP answer, even an error status', () => {
    const outcome = only(httpReachable, { http: (h) => void (h.exchanges = [exchange({ status: 500 })]) });
    expect(outcome).toMatchObject({ status: 'pass' });
    expect(outcome.message).toContain('HTTP 500');
  });
});

describe('http-transport', () => {
  it('passes the declared transport', () => {
    expect(only(httpTransport, {}).status).toBe('pass');
  });

  it('fails sse declared for a Streamable HTTP server with the client type value, on the type line', () => {
    const outcome = only(httpTransport, { type: 'sse', http: (h) => void (h.configured = 'sse') });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('Set "type": "http"');
    expect(outcome.position?.line).toBe(4);
  });

  it("names Cline's own type value", () => {
    const outcome = only(httpTransport, { type: 'sse', client: 'cline', http: (h) => void (h.configured = 'sse') });
    expect(outcome.message).toContain('"type": "streamableHttp"');
  });

  it('warns for a VS Code http entry on an SSE server (VS Code falls back), fails it for Claude Code', () => {
    const legacy = (h: import('../../src/model/transcript.js').HttpRecord) => void (h.spoken = 'sse');
    expect(only(httpTransport, { client: 'vscode', http: legacy }).status).toBe('warn');
    expect(only(httpTransport, { client: 'claude-code', http: legacy }).status).toBe('fail');
  });

  it('fails a url that speaks neither, and skips when credentials stopped the detection', () => {
    const neither = only(httpTransport, {
      http: (h) => {
        h.spoken = undefined;
        h.exchanges = [exchange({ status: 404, contentType: 'text/html' })];
      },
    });
    expect(neither.status).toBe('fail');
    expect(neither.message).toMatch(/neither/);
    const locked = only(httpTransport, {
      http: (h) => {
        h.spoken = undefined;
        h.exchanges = [exchange({ status: 401 })];
      },
    });
    expect(locked.status).toBe('skip');
  });
});

describe('http-auth', () => {
  const refused = (status: number, wwwAuthenticate?: string) => (h: import('../../src/model/transcript.js').HttpRecord) => {
    h.spoken = undefined;
    h.exchanges = [exchange({ status, contentType: 'text/plain', headers: wwwAuthenticate ? { wwwAuthenticate } : {} })];
  };

  it('passes accepted credentials and servers that need none', () => {
    expect(only(httpAuth, {}).message).toMatch(/no credentials/);
    expect(only(httpAuth, { headers: { Authorization: 'Bearer x' } }).message).toMatch(/accepted the credentials in "Authorization"/);
  });

  it('fails refused credentials naming the header and its variable, on the header line', () => {
    const outcome = only(httpAuth, {
      headers: { Authorization: 'Bearer expired' },
      variables: [{ name: 'API_TOKEN', key: 'Authorization' }],
      http: refused(401),
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('"Authorization" (from ${API_TOKEN})');
    expect(outcome.position?.line).toBe(7);
  });

  it('fails a header that still holds a variable reference as text', () => {
    const outcome = only(httpAuth, { client: 'claude-desktop', headers: { 'X-Api-Key': '${API_KEY}' }, http: refused(403) });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('literal text ${API_KEY}');
  });

  it('fails a 401 without credentials saying which header to add', () => {
    const outcome = only(httpAuth, { http: refused(401) });
    expect(outcome.status).toBe('fail');
    expect(outcome.message).toContain('"Authorization": "Bearer ${API_TOKEN}"');
  });

  it('warns about an OAuth server and names its authorization server', () => {
    const outcome = only(httpAuth, {
      http: (h) => {
        refused(401, 'Bearer resource_metadata="https://mcp.example.com/.well-known/oauth-protected-resource"')(h);
        h.oauth = {
          metadataUrl: 'https://mcp.example.com/.well-known/oauth-protected-resource',
          fromChallenge: true,
          status: 200,
          authorizationServers: ['https://login.example.com'],
        };
      },
    });
    expect(outcome.status).toBe('warn');
    expect(outcome.message).toContain('requires OAuth');
    expect(outcome.message).toContain('https://login.example.com');
  });
});

describe('http-protocol', () => {
  it('passes a session that keeps every rule', () => {
    const outcome = only(httpProtocol, {});
    expect(outcome.status).toBe('pass');
    expect(outcome.message).toMatch(/visible-ASCII session id; the session id honoured; MCP-Protocol-Version accepted/);
  });

  it.each([
    ['a session id with a space', (h) => void (h.sessionId = 'abc def'), 'fail', /visible ASCII/],
    [
      'its own session id refused',
      (h) => void (h.exchanges[2] = exchange({ rpc: 'tools/list', status: 404, sent: { sessionId: true } })),
      'fail',
      /assigned a session id at initialize, then answered HTTP 404/,
    ],
    [
      'the protocol version header refused',
      (h) =>
        void (h.exchanges[2] = exchange({
          rpc: 'tools/list',
          status: 400,
          bodyExcerpt: 'Bad Request: Unsupported protocol version',
          sent: { sessionId: true, protocolVersion: '2025-11-25' },
        })),
      'fail',
      /MCP-Protocol-Version/,
    ],
    ['text/html answers', (h) => void (h.exchanges[2] = exchange({ rpc: 'tools/list', contentType: 'text/html' })), 'fail', /Content-Type/],
    [
      'a stream closed before the answer',
      (h) => void (h.exchanges[0] = exchange({ streamEnd: 'closed-early', events: 0 })),
      'fail',
      /ended before the answer/,
    ],
    ['200 for a notification', (h) => void ((h.exchanges[1] as { status?: number }).status = 200), 'warn', /not 202/],
    ['500 for a notification', (h) => void ((h.exchanges[1] as { status?: number }).status = 500), 'fail', /failed send/],
    ['DELETE answered 500', (h) => void ((h.exchanges[4] as { status?: number }).status = 500), 'warn', /DELETE/],
  ] as Array<[string, RemoteOptions['http'], string, RegExp]>)('finds %s', (_name, bend, status, pattern) => {
    const result = httpProtocol.run(remoteContext({ http: bend }));
    const outcomes = Array.isArray(result) ? result : [result];
    expect(outcomes.map((o) => o.status)).toContain(status);
    expect(outcomes.map((o) => o.message).join(' ')).toMatch(pattern);
  });

  it('judges the 2026-07-28 header-and-body agreement', () => {
    const mismatch = (status: number, code?: number) => (h: import('../../src/model/transcript.js').HttpRecord) => {
      h.sessionId = undefined;
      h.exchanges = [
        exchange({ rpc: 'server/discover', contentType: 'application/json' }),
        exchange({
          purpose: 'header-mismatch',
          rpc: 'server/discover',
          status,
          contentType: 'application/json',
          ...(code !== undefined && { jsonRpcErrorCode: code }),
        }),
      ];
    };
    expect(only(httpProtocol, { http: mismatch(400, -32020) }).message).toContain('refused with -32020');
    expect(only(httpProtocol, { http: mismatch(200) }).status).toBe('fail');
    expect(only(httpProtocol, { http: mismatch(400, -32600) }).status).toBe('warn');
  });

  it('takes 405 for DELETE as tolerated', () => {
    expect(only(httpProtocol, { http: (h) => void ((h.exchanges[4] as { status?: number }).status = 405) }).status).toBe('pass');
  });
});

describe('http-origin', () => {
  it('passes a 403 to a foreign Origin, warns when it is accepted', () => {
    expect(only(httpOrigin, {}).status).toBe('pass');
    const accepted = only(httpOrigin, { http: (h) => void ((h.exchanges[3] as { status?: number }).status = 200) });
    expect(accepted.status).toBe('warn');
    expect(accepted.message).toContain('DNS rebinding');
  });

  it('skips a server that is not on localhost', () => {
    const outcome = only(httpOrigin, {
      http: (h) => void (h.target = { scheme: 'https', host: 'mcp.example.com', port: 443, loopback: false }),
    });
    expect(outcome.status).toBe('skip');
  });
});

describe('transport applicability', () => {
  it('skips the process checks on a remote server without holding back handshake', () => {
    const results = runServerChecks(remoteContext({}));
    const byId = new Map(results.map((r) => [r.id, r]));
    for (const id of ['spawn', 'command-path', 'stdout-purity', 'stays-alive', 'shutdown', 'side-effects']) {
      expect(byId.get(id)?.status, id).toBe('skip');
      expect(byId.get(id)?.message, id).toMatch(/Does not apply: this is a remote \(http\) server/);
    }
    expect(byId.get('handshake')?.status).toBe('pass');
  });

  it('skips the remote checks on a stdio server', () => {
    const results = runServerChecks(context());
    expect(results.find((r) => r.id === 'http-reachable')?.message).toMatch(/concerns remote \(HTTP\) servers/);
  });
});
