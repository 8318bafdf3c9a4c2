import { describe, expect, it } from 'vitest';
import { LineFramer, type FramerLimits, type Stamp } from '../../src/probe/line-framer.js';
import type { JsonRpcMessage, Phase } from '../../src/model/transcript.js';

const limits: FramerLimits = { maxLineBytes: 1024, maxKeptLineBytes: 64, maxKeptMessageLines: 5, maxKeptBadLines: 5 };

function framer(overrides: Partial<FramerLimits> = {}) {
  const delivered: JsonRpcMessage[] = [];
  let clock = 0;
  let phase: Phase = 'startup';
  const f = new LineFramer(
    (): Stamp => ({ atMs: clock, phase }),
    (message) => delivered.push(message),
    { ...limits, ...overrides },
  );
  return {
    f,
    delivered,
    at(ms: number, p: Phase = phase) {
      clock = ms;
      phase = p;
    },
  };
}

const ping = '{"jsonrpc":"2.0","id":1,"result":{}}';

describe('LineFramer', () => {
  it('delivers one JSON-RPC message per line and keeps the line as evidence', () => {
    const { f, delivered } = framer();
    const input = `${ping}\n{"jsonrpc":"2.0","method":"notifications/initialized"}\n`;
    f.push(Buffer.from(input));
    expect(delivered).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', method: 'notifications/initialized' },
    ]);
    expect(f.stats).toMatchObject({ lines: 2, badLines: 0, keptLines: 2, bytes: Buffer.byteLength(input) });
    expect(f.lines[0]).toMatchObject({ index: 1, kind: 'message', text: ping, byteLength: ping.length, truncated: false });
  });

  it('records the time and phase at which each line completed', () => {
    const { f, at } = framer();
    at(5, 'startup');
    f.push(Buffer.from('Server starting'));
    at(9, 'operation');
    f.push(Buffer.from(' now\n'));
    expect(f.lines[0]).toMatchObject({ atMs: 9, phase: 'operation', kind: 'not-json', text: 'Server starting now' });
    expect(f.lines[0]?.problem).toMatch(/JSON/);
  });

  it('accepts CRLF like the SDK (the \\r is JSON whitespace) but counts its byte', () => {
    const { f, delivered } = framer();
    f.push(Buffer.from(`${ping}\r\n`));
    expect(delivered).toHaveLength(1);
    expect(f.lines[0]).toMatchObject({ kind: 'message', byteLength: ping.length + 1, text: ping });
  });

  it('flags a byte order mark and does not deliver the message behind it', () => {
    const { f, delivered } = framer();
    f.push(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${ping}\n`)]));
    expect(delivered).toHaveLength(0);
    expect(f.lines[0]?.kind).toBe('bom');
    expect(f.stats.badLines).toBe(1);
  });

  it('flags invalid UTF-8 but, like the SDK, still delivers a message whose bytes decode leniently', () => {
    const { f, delivered } = framer();
    const invalidInString = Buffer.concat([
      Buffer.from('{"jsonrpc":"2.0","method":"notifications/message","params":{"data":"'),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('"}}\n'),
    ]);
    f.push(invalidInString);
    f.push(Buffer.from([0xc3, 0x28, 0x0a]));
    expect(f.lines.map((l) => l.kind)).toEqual(['invalid-utf8', 'invalid-utf8']);
    expect(delivered).toHaveLength(1);
    expect(f.stats.badLines).toBe(2);
  });

  it('keeps a multi-byte character intact when a chunk boundary splits it', () => {
    const { f, delivered } = framer();
    const line = Buffer.from('{"jsonrpc":"2.0","method":"notifications/message","params":{"data":"héllo ☃ 🎉"}}\n');
    const snowman = line.indexOf(Buffer.from('☃'));
    for (const [start, end] of [
      [0, snowman + 1],
      [snowman + 1, snowman + 2],
      [snowman + 2, line.length],
    ] as const) {
      f.push(line.subarray(start, end));
    }
    expect(f.lines[0]?.kind).toBe('message');
    expect((delivered[0]!.params as { data: string }).data).toBe('héllo ☃ 🎉');
  });

  it('classifies empty lines, JSON that is not JSON-RPC, and pretty-printed JSON', () => {
    const { f, delivered } = framer({ maxKeptBadLines: 10 });
    f.push(Buffer.from('\n{"hello":"world"}\n[{"jsonrpc":"2.0","method":"x"}]\n{\n  "jsonrpc": "2.0"\n}\n'));
    expect(f.lines.map((l) => l.kind)).toEqual(['empty', 'not-jsonrpc', 'not-jsonrpc', 'not-json', 'not-json', 'not-json']);
    expect(f.lines[1]?.problem).toBe('missing "jsonrpc": "2.0"');
    expect(f.lines[2]?.problem).toMatch(/array/);
    expect(delivered).toHaveLength(0);
    expect(f.stats).toMatchObject({ lines: 6, badLines: 6 });
  });

  it('counts an oversize line without holding it, keeping only the evidence prefix', () => {
    const { f, delivered } = framer();
    const chunk = Buffer.alloc(300, 'a');
    for (let i = 0; i < 10; i++) f.push(chunk);
    f.push(Buffer.from(`\n${ping}\n`));
    expect(f.lines[0]).toMatchObject({ kind: 'oversize', byteLength: 3000, truncated: true });
    expect(f.lines[0]?.text).toBe('a'.repeat(64));
    expect(delivered).toHaveLength(1);
    expect(f.stats).toMatchObject({ lines: 2, badLines: 1 });
  });

  it('never delivers a message over the cap, even a valid one', () => {
    const { f, delivered } = framer({ maxLineBytes: 40 });
    f.push(Buffer.from(`{"jsonrpc":"2.0","id":1,"result":{"pad":"${'x'.repeat(40)}"}}\n`));
    expect(f.lines[0]?.kind).toBe('oversize');
    expect(delivered).toHaveLength(0);
  });

  it('keeps the first lines of each sort and counts the rest', () => {
    const { f, delivered } = framer();
    const good = `${ping}\n`.repeat(20);
    const bad = 'noise\n'.repeat(20);
    f.push(Buffer.from(good + bad));
    expect(delivered).toHaveLength(20);
    expect(f.stats).toMatchObject({ lines: 40, badLines: 20, keptLines: 10 });
    expect(f.lines.map((l) => l.index)).toEqual([1, 2, 3, 4, 5, 21, 22, 23, 24, 25]);
  });

  it('cuts the evidence text on a character boundary', () => {
    const { f } = framer({ maxKeptLineBytes: 4 });
    f.push(Buffer.from('ab☃cd\n'));
    expect(f.lines[0]).toMatchObject({ text: 'ab', truncated: true, byteLength: 7 });
  });

  it('turns an unterminated tail into a last line that is never delivered', () => {
    const { f, delivered } = framer();
    f.push(Buffer.from(`${ping}\n${ping}`));
    f.end();
    expect(delivered).toHaveLength(1);
    expect(f.stats).toMatchObject({ lines: 2, unterminatedBytes: ping.length, badLines: 0 });
    f.push(Buffer.from('after the end\n'));
    expect(f.stats.lines).toBe(2);
  });

  it('stays bounded on megabytes of binary garbage', () => {
    const { f } = framer();
    const garbage = Buffer.alloc(1024 * 1024);
    let seed = 7;
    for (let i = 0; i < garbage.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      garbage[i] = seed >> 16;
    }
    for (let i = 0; i < 20; i++) f.push(garbage);
    f.end();
    expect(f.stats.bytes).toBe(20 * 1024 * 1024);
    expect(f.stats.badLines).toBe(f.stats.lines);
    expect(f.lines.length).toBeLessThanOrEqual(limits.maxKeptBadLines);
    expect(f.lines.every((l) => l.text.length <= limits.maxKeptLineBytes)).toBe(true);
  });
});
