/** Remote-server transcripts for the http-* check tests: a healthy Streamable HTTP session that each case bends. */
import type { CheckContext } from '../../src/model/check.js';
import type { ClientId } from '../../src/model/spec.js';
import type { HttpExchange, HttpRecord, Transcript } from '../../src/model/transcript.js';
import { at, context } from './transcript-builder.js';

export function exchange(overrides: Partial<HttpExchange> = {}): HttpExchange {
  return {
    purpose: 'message',
    method: 'POST',
    rpc: 'initialize',
    atMs: 10,
    phase: 'startup',
    sent: { sessionId: false },
    status: 200,
    contentType: 'text/event-stream',
    headers: {},
    streamEnd: 'complete',
    durationMs: 12,
    ...overrides,
  };
}

export function healthyHttp(): HttpRecord {
  return {
    configured: 'http',
    spoken: 'http',
    target: { scheme: 'http', host: '127.0.0.1', port: 3001, loopback: true },
    headerNames: [],
    sessionId: '3f1c2a9e-0b7d-4c51-9a53-1e0f6f3b2c10',
    exchanges: [
      exchange({ headers: { sessionId: '3f1c2a9e-0b7d-4c51-9a53-1e0f6f3b2c10' } }),
      exchange({ rpc: 'notifications/initialized', noReply: true, status: 202, sent: { sessionId: true, protocolVersion: '2025-11-25' } }),
      exchange({ rpc: 'tools/list', phase: 'operation', sent: { sessionId: true, protocolVersion: '2025-11-25' } }),
      exchange({
        purpose: 'foreign-origin',
        status: 403,
        contentType: 'application/json',
        sent: { sessionId: false, origin: 'https://evil.example' },
      }),
      exchange({
        purpose: 'delete',
        method: 'DELETE',
        rpc: undefined,
        status: 200,
        sent: { sessionId: true, protocolVersion: '2025-11-25' },
      }),
    ],
    droppedExchanges: 0,
  };
}

export interface RemoteOptions {
  type?: 'http' | 'sse';
  client?: ClientId;
  declaredType?: string | null;
  headers?: Record<string, string>;
  variables?: Array<{ name: string; key: string }>;
  http?: (h: HttpRecord) => HttpRecord | void;
  transcript?: (t: Transcript) => Transcript | void;
}

/** A remote entry (url on line 5, type on line 4) and its session. */
export function remoteContext(options: RemoteOptions = {}): CheckContext {
  const type = options.type ?? 'http';
  const headers = options.headers ?? {};
  return context({
    server: (s) => {
      const { command: _command, ...spec } = s.spec;
      const declaredType = options.declaredType === null ? undefined : (options.declaredType ?? type);
      s.spec = {
        ...spec,
        client: options.client ?? 'claude-code',
        transport: type,
        ...(declaredType !== undefined && { declaredType }),
        url: 'http://127.0.0.1:3001/mcp',
        args: [],
        env: {},
        headers,
        fieldPositions: {
          type: at(4, 15),
          url: at(5, 14),
          ...Object.fromEntries(Object.keys(headers).map((h, i) => [`headers.${h}`, at(7 + i, 9)])),
        },
      };
      delete s.command;
      s.args = [];
      s.env = {};
      s.url = s.spec.url;
      s.headers = headers;
      s.variables = (options.variables ?? []).map(({ name, key }) => ({
        expression: `\${${name}}`,
        name,
        kind: 'env',
        field: 'headers',
        key,
        position: at(7, 9),
        resolved: true,
        usedDefault: false,
      }));
    },
    transcript: (t) => {
      const http = healthyHttp();
      t.transport = type;
      t.http = options.http?.(http) ?? http;
      return options.transcript?.(t) ?? t;
    },
  });
}
