import { describe, expect, it } from 'vitest';
import { isLoopbackHost } from '../../src/probe/http-channel.js';
import { networkFailure } from '../../src/probe/http-fetch.js';
import { resourceMetadataOf } from '../../src/probe/http-oauth.js';
import { type SseEvent, SseParser } from '../../src/probe/sse-parser.js';

/** fetch's error: a TypeError whose cause (sometimes nested) carries the code. */
function fetchError(code: string, message = `${code} happened`): Error {
  const inner = Object.assign(new Error(message), { code });
  return new TypeError('fetch failed', { cause: new Error('wrapper', { cause: inner }) });
}

describe('networkFailure', () => {
  it.each([
    ['ENOTFOUND', 'dns'],
    ['EAI_AGAIN', 'dns'],
    ['ECONNREFUSED', 'refused'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['CERT_HAS_EXPIRED', 'tls'],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ECONNRESET', 'reset'],
    ['EHOSTUNREACH', 'other'],
  ])('tells %s apart as %s', (code, kind) => {
    expect(networkFailure(fetchError(code))).toMatchObject({ kind, code });
  });

  it('counts a deadline as a timeout whatever the error says', () => {
    expect(networkFailure(new DOMException('aborted', 'AbortError'), true).kind).toBe('timeout');
    expect(networkFailure(new Error('no code')).kind).toBe('other');
  });
});

describe('SseParser', () => {
  const parse = (chunks: string[], max = 1000) => {
    const events: SseEvent[] = [];
    const parser = new SseParser((e) => events.push(e), max);
    for (const chunk of chunks) parser.push(new TextEncoder().encode(chunk));
    return { events, parser };
  };

  it('parses events across chunk boundaries, CRLF split in two, comments and multi-line data', () => {
    const { events } = parse([': hi\r', '\nevent: endpoint\r\ndata: /messages?sessionId=1\r\n\r', '\ndata: {"a":\ndata: 1}\nid: 7\n\n']);
    expect(events).toEqual([
      { event: 'endpoint', data: '/messages?sessionId=1' },
      { event: 'message', data: '{"a":\n1}', id: '7' },
    ]);
  });

  it('stops at the cap on event size', () => {
    const { events, parser } = parse([`data: ${'x'.repeat(50)}\n`, `data: ${'x'.repeat(50)}\n\n`], 80);
    expect(parser.overflowed).toBe(true);
    expect(events).toEqual([]);
  });
});

describe('small parsers', () => {
  it('reads resource_metadata quoted or bare', () => {
    expect(resourceMetadataOf('Bearer realm="x", resource_metadata="https://a/.well-known/r"')).toBe('https://a/.well-known/r');
    expect(resourceMetadataOf('Bearer resource_metadata=https://b/m, error="invalid_token"')).toBe('https://b/m');
    expect(resourceMetadataOf('Bearer realm="x"')).toBeUndefined();
  });

  it('knows loopback hosts', () => {
    for (const host of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]', 'app.localhost']) expect(isLoopbackHost(host), host).toBe(true);
    for (const host of ['example.com', '10.0.0.1', '0.0.0.0', 'localhost.example.com']) expect(isLoopbackHost(host), host).toBe(false);
  });
});
