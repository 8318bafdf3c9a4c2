import type { ClientId, ServerSpec, SourcePosition } from '../../model/spec.js';
import type { HttpExchange, HttpRecord, Transcript } from '../../model/transcript.js';
import { fieldPosition } from './position.js';
import { excerpt } from './text.js';

/** The transports a remote check applies to. */
export const REMOTE: ReadonlyArray<'http' | 'sse'> = ['http', 'sse'];

/** Where a remote finding points: the url field (Windsurf's `serverUrl`, Gemini's `httpUrl` are recorded as `url`). */
export function urlPosition(spec: ServerSpec): SourcePosition {
  return fieldPosition(spec, 'url');
}

/** The exchanges that carried the session (not the probes around it). */
export function sessionExchanges(http: HttpRecord): HttpExchange[] {
  return http.exchanges.filter((e) => e.purpose === 'message' || e.purpose === 'sse-stream');
}

/** One exchange as a line of evidence: `POST initialize → 401 (text/plain) "unauthorized"`. Untrusted text cut short. */
export function exchangeEvidence(e: HttpExchange): string {
  const what = e.rpc ?? e.purpose;
  const answer = e.error
    ? `no answer (${e.error.code ?? e.error.kind}: ${excerpt(e.error.message, 120)})`
    : `${e.status ?? '?'}${e.contentType ? ` (${excerpt(e.contentType, 60)})` : ''}`;
  const body = e.bodyExcerpt ? ` ${JSON.stringify(excerpt(e.bodyExcerpt.trim(), 120))}` : '';
  return `${e.method} ${what}${e.toEndpoint ? ' (to the endpoint)' : ''} → ${answer}${body}`;
}

export function hostPort(http: HttpRecord): string {
  const { host, port } = http.target;
  return `${host.includes(':') ? `[${host}]` : host}:${port}`;
}

export function remoteRecord(transcript: Transcript | undefined): HttpRecord | undefined {
  return transcript?.transport === 'stdio' ? undefined : transcript?.http;
}

/** How each client's file names Streamable HTTP and legacy SSE in the entry's type field (undefined: not supported). */
const TYPE_NAMES: Partial<Record<ClientId, { http?: string; sse?: string; field: string }>> = {
  'claude-code': { http: 'http', sse: 'sse', field: 'type' },
  cursor: { http: 'http', sse: 'sse', field: 'type' },
  vscode: { http: 'http', sse: 'sse', field: 'type' },
  gemini: { http: 'http', sse: 'sse', field: 'type' },
  cline: { http: 'streamableHttp', sse: 'sse', field: 'type' },
  continue: { http: 'streamable-http', sse: 'sse', field: 'type' },
  goose: { http: 'streamable_http', sse: 'sse', field: 'type' },
  'mcp-registry': { http: 'streamable-http', sse: 'sse', field: 'type' },
  codex: { http: undefined, field: 'url' },
};

/** The config change that makes the entry declare `transport`, or undefined when the client cannot speak it. */
export function typeFix(spec: ServerSpec, transport: 'http' | 'sse'): string | undefined {
  const names = TYPE_NAMES[spec.client];
  const name = names?.[transport];
  if (name === undefined) return undefined;
  return `"${names?.field ?? 'type'}": "${name}"`;
}

/**
 * Clients that try Streamable HTTP and fall back to SSE for this entry: VS Code's `http`, and a `url` without a type in
 * Gemini CLI, Continue and Cursor.
 */
export function fallsBackToSse(spec: ServerSpec): boolean {
  if (spec.client === 'vscode') return spec.transport === 'http';
  return spec.declaredType === undefined && (spec.client === 'gemini' || spec.client === 'continue' || spec.client === 'cursor');
}

/** A header value that carries nothing but its scheme (`Bearer `): the variable in it expanded to nothing. */
export function isEmptyCredential(value: string): boolean {
  return /^\s*(?:(?:Bearer|Basic|Token)\s*)?$/i.test(value);
}
