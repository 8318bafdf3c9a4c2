import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { RecordingTransport } from '../../src/probe/recording-transport.js';
import type { JsonRpcMessage } from '../../src/model/transcript.js';

function setup(limits = { maxMessages: 100, maxMessageBytes: 1 << 20 }) {
  const stdin = new PassThrough();
  const written: string[] = [];
  stdin.on('data', (chunk: Buffer) => written.push(chunk.toString()));
  const transport = new RecordingTransport(stdin, () => ({ atMs: 7, phase: 'operation' }), limits);
  const forwarded: unknown[] = [];
  transport.onmessage = (message) => forwarded.push(message);
  return { stdin, written, transport, forwarded };
}

const response = (id: number | string, extra: object = { result: {} }): JsonRpcMessage => ({ jsonrpc: '2.0', id, ...extra });

describe('RecordingTransport', () => {
  it('writes one line per message, records it, and reports request ids', async () => {
    const { written, transport } = setup();
    const sent: Array<[unknown, string]> = [];
    transport.onRequestSent = (id, method) => sent.push([id, method]);
    await transport.send({ jsonrpc: '2.0', id: 3, method: 'tools/list' });
    await transport.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    expect(written.join('')).toBe(
      '{"jsonrpc":"2.0","id":3,"method":"tools/list"}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n',
    );
    expect(sent).toEqual([[3, 'tools/list']]);
    expect(transport.messages.map((m) => [m.direction, m.atMs, m.phase])).toEqual([
      ['out', 7, 'operation'],
      ['out', 7, 'operation'],
    ]);
  });

  it('keeps the first response to each request, matched like the SDK (Number(id))', async () => {
    const { transport, forwarded } = setup();
    await transport.send({ jsonrpc: '2.0', id: 0, method: 'initialize' });
    transport.receive(response(5), 10, { atMs: 1, phase: 'startup' });
    transport.receive(response('0', { result: { first: true } }), 20, { atMs: 2, phase: 'startup' });
    transport.receive(response(0, { result: { second: true } }), 30, { atMs: 3, phase: 'startup' });
    expect(transport.takeResponse(0)).toMatchObject({ atMs: 2, byteLength: 20, message: { result: { first: true } } });
    expect(transport.takeResponse(0)).toBeUndefined();
    expect(transport.takeResponse(5)).toBeUndefined();
    expect(forwarded).toHaveLength(3);
  });

  it('forgets a request once its record is settled, so a late answer is not held', async () => {
    const { transport } = setup();
    await transport.send({ jsonrpc: '2.0', id: 4, method: 'tools/list' });
    expect(transport.takeResponse(4)).toBeUndefined();
    transport.receive(response(4), 10, { atMs: 9, phase: 'operation' });
    expect(transport.takeResponse(4)).toBeUndefined();
    expect(transport.messages.filter((m) => m.direction === 'in')).toHaveLength(1);
  });

  it('caps the kept messages by count and bytes, counting the rest', () => {
    const { transport } = setup({ maxMessages: 2, maxMessageBytes: 25 });
    transport.receive(response(1), 10, { atMs: 1, phase: 'operation' });
    transport.receive(response(2), 30, { atMs: 1, phase: 'operation' });
    transport.receive(response(3), 10, { atMs: 1, phase: 'operation' });
    transport.receive(response(4), 1, { atMs: 1, phase: 'operation' });
    expect(transport.messages.map((m) => m.message.id)).toEqual([1, 3]);
    expect(transport.droppedMessages).toBe(2);
  });

  it('after the connection ends: refuses sends, still records what arrives, and closes once', async () => {
    const { transport, forwarded } = setup();
    let closes = 0;
    transport.onclose = () => closes++;
    transport.markClosed();
    await transport.close();
    await expect(transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).rejects.toThrow('Connection closed');
    transport.receive(response(1), 10, { atMs: 1, phase: 'shutdown' });
    expect(closes).toBe(1);
    expect(forwarded).toHaveLength(0);
    expect(transport.messages).toHaveLength(1);
  });

  it('does not throw when the server end of stdin is gone', async () => {
    const { stdin, transport } = setup();
    stdin.destroy();
    await expect(transport.send({ jsonrpc: '2.0', id: 1, method: 'ping' })).resolves.toBeUndefined();
  });
});
