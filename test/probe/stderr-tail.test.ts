import { describe, expect, it } from 'vitest';
import { StderrTail } from '../../src/probe/stderr-tail.js';

describe('StderrTail', () => {
  it('keeps the last lines, counts all of them, and includes an unterminated last line', () => {
    const tail = new StderrTail({ maxLines: 3, maxLineChars: 100 });
    tail.push(Buffer.from('one\ntwo\r\nthree\nfour\nfi'));
    tail.push(Buffer.from('ve'));
    expect(tail.finish()).toEqual({ tail: ['three', 'four', 'five'], bytes: 24, lines: 5 });
  });

  it('caps each line and decodes characters split across chunks', () => {
    const tail = new StderrTail({ maxLines: 5, maxLineChars: 4 });
    const text = Buffer.from('é☃abcdef\nok\n');
    tail.push(text.subarray(0, 3));
    tail.push(text.subarray(3));
    expect(tail.finish().tail).toEqual(['é☃ab', 'ok']);
  });

  it('stays bounded under a flood of long lines', () => {
    const tail = new StderrTail({ maxLines: 10, maxLineChars: 50 });
    const chunk = Buffer.alloc(64 * 1024, 'x');
    for (let i = 0; i < 200; i++) tail.push(chunk);
    const record = tail.finish();
    expect(record.bytes).toBe(200 * 64 * 1024);
    expect(record.tail).toEqual(['x'.repeat(50)]);
  });
});
