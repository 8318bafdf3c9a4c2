import { describe, expect, it } from 'vitest';
import type { JsonRpcMessage } from '../../src/model/transcript.js';
import { SDK_DEFAULT_PERSONA } from '../../src/probe/client-persona.js';
import { Exchange, type MessageLimits } from '../../src/probe/exchange.js';

/** An exchange over a sink that keeps the lines a stdio channel would write (or refuses them once `dead`). */
function setup(options: { limits?: MessageLimits; cancelOnTimeout?: boolean } = {}) {
  const written: string[] = [];
  const sink = {
    dead: false,
    send(message: JsonRpcMessage) {
      if (this.dead) return undefined;
      const line = `${JSON.stringify(message)}\n`;
      written.push(line);
      return Buffer.byteLength(line);
    },
  };
  const exchange = new Exchange(sink, () => ({ atMs: 7, phase: 'operation' }), {
    limits: options.limits ?? { maxMessages: 100, maxMessageBytes: 1 << 20 },
    cancelOnTimeout: options.cancelOnTimeout ?? false,
    answer: SDK_DEFAULT_PERSONA.answer,
  });
  return { sink, written, exchange };
}

const response = (id: number | string, extra: object = { result: {} }): JsonRpcMessage => ({ jsonrpc: '2.0', id, ...extra });

describe('Exchange', () => {
  it('writes requests and notifications as the SDK client shapes them, ids from 0, and records them', async () => {
    const { written, exchange } = setup();
    const listed = exchange.request('tools/list', undefined, 1000);
    exchange.notify('notifications/initialized');
    expect(written.join('')).toBe(
      '{"method":"tools/list","jsonrpc":"2.0","id":0}\n{"method":"notifications/initialized","jsonrpc":"2.0"}\n',
    );
    expect(exchange.messages.map((m) => [m.direction, m.atMs, m.phase])).toEqual([
      ['out', 7, 'operation'],
      ['out', 7, 'operation'],
    ]);
    expect(exchange.inFlight()).toEqual([{ id: 0, method: 'tools/list', sentMs: 7 }]);
    exchange.receive(response(0, { result: { tools: [] } }), 30, { atMs: 9, phase: 'operation' });
    expect(await listed).toEqual({
      record: { method: 'tools/list', id: 0, phase: 'operation', startedMs: 7, endedMs: 9, outcome: 'result', result: { tools: [] } },
      bytes: 30,
    });
  });

  it('keeps the first answer to each request, matched like the SDK (Number(id))', async () => {
    const { exchange } = setup();
    const seen: number[] = [];
    const init = exchange.request('initialize', {}, 1000, { onAnswer: (answer) => seen.push(answer.atMs) });
    exchange.receive(response(5), 10, { atMs: 1, phase: 'startup' });
    exchange.receive(response('0', { result: { first: true } }), 20, { atMs: 2, phase: 'startup' });
    exchange.receive(response(0, { result: { second: true } }), 30, { atMs: 3, phase: 'startup' });
    expect(await init).toMatchObject({ record: { outcome: 'result', endedMs: 2, result: { first: true } }, bytes: 20 });
    expect(seen).toEqual([2]);
    expect(exchange.messages.filter((m) => m.direction === 'in')).toHaveLength(3);
  });

  it('keeps the data of an error answer', async () => {
    const { exchange } = setup();
    const init = exchange.request('initialize', {}, 1000);
    exchange.receive(response(0, { error: { code: -32022, message: 'Unsupported', data: { supported: ['2026-07-28'] } } }), 9, {
      atMs: 2,
      phase: 'startup',
    });
    expect((await init).record).toMatchObject({ outcome: 'error', error: { code: -32022, data: { supported: ['2026-07-28'] } } });
  });

  it('times a request out, cancels it when asked, and does not hold a late answer', async () => {
    const { exchange, written } = setup({ cancelOnTimeout: true });
    const { record } = await exchange.request('tools/list', undefined, 5);
    expect(record).toMatchObject({ outcome: 'timeout', id: 0, endedMs: 7 });
    expect(JSON.parse(written[1] ?? '')).toEqual({
      method: 'notifications/cancelled',
      params: { requestId: 0, reason: 'McpError: MCP error -32001: Request timed out' },
      jsonrpc: '2.0',
    });
    exchange.receive(response(0), 10, { atMs: 9, phase: 'operation' });
    expect(record.outcome).toBe('timeout');
    expect(exchange.inFlight()).toEqual([]);
  });

  it('answers a server request the way an SDK client without handlers does', () => {
    const { exchange, written } = setup();
    exchange.receive({ jsonrpc: '2.0', id: 'a', method: 'ping' }, 10, { atMs: 1, phase: 'operation' });
    exchange.receive({ jsonrpc: '2.0', id: 'b', method: 'roots/list' }, 10, { atMs: 1, phase: 'operation' });
    exchange.receive({ jsonrpc: '2.0', method: 'notifications/message', params: {} }, 10, { atMs: 1, phase: 'operation' });
    expect(written.map((line) => JSON.parse(line))).toEqual([
      { jsonrpc: '2.0', id: 'a', result: {} },
      { jsonrpc: '2.0', id: 'b', error: { code: -32601, message: 'Method not found' } },
    ]);
    expect(exchange.serverRequests).toEqual([
      { method: 'ping', atMs: 1, phase: 'operation', answer: 'result' },
      { method: 'roots/list', atMs: 1, phase: 'operation', answer: 'error' },
    ]);
  });

  it('caps the kept messages by count and bytes, counting the rest', () => {
    const { exchange } = setup({ limits: { maxMessages: 2, maxMessageBytes: 25 } });
    exchange.receive(response(1), 10, { atMs: 1, phase: 'operation' });
    exchange.receive(response(2), 30, { atMs: 1, phase: 'operation' });
    exchange.receive(response(3), 10, { atMs: 1, phase: 'operation' });
    exchange.receive(response(4), 1, { atMs: 1, phase: 'operation' });
    expect(exchange.messages.map((m) => m.message.id)).toEqual([1, 3]);
    expect(exchange.droppedMessages).toBe(2);
  });

  it('after the connection ends: settles waiting requests as closed, sends nothing more, still records what arrives', async () => {
    const { exchange, written } = setup();
    const waiting = exchange.request('ping', undefined, 1000);
    exchange.markClosed();
    exchange.markClosed();
    expect((await waiting).record).toMatchObject({ outcome: 'closed', endedMs: 7 });
    expect((await exchange.request('ping', undefined, 1000)).record).toMatchObject({ outcome: 'not-sent' });
    exchange.notify('notifications/initialized');
    exchange.receive({ jsonrpc: '2.0', id: 9, method: 'ping' }, 10, { atMs: 1, phase: 'shutdown' });
    expect(written).toHaveLength(1);
    expect(exchange.messages).toHaveLength(2);
  });

  it('does not send a request the channel cannot carry, and records it as cut short (the server end of stdin is gone)', async () => {
    const { sink, exchange } = setup();
    sink.dead = true;
    const { record } = await exchange.request('ping', undefined, 1000);
    // Closed like a request the exit cut short (not a timeout: nobody waited), and without an id: it never left.
    expect(record).toMatchObject({ outcome: 'closed' });
    expect(record.id).toBeUndefined();
    expect(exchange.messages).toEqual([]);
  });
});
