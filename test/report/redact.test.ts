import { describe, expect, it } from 'vitest';
import { makeRedactor } from '../../src/report/redact.js';
import { inertLine, stripControls } from '../../src/report/untrusted-text.js';

describe('makeRedactor', () => {
  it('masks every occurrence, longest value first', () => {
    const redact = makeRedactor(['abc', 'abcdef', '']);
    expect(redact('x abcdef y abc z')).toBe('x *** y *** z');
  });
  it('is the identity without secrets', () => {
    expect(makeRedactor([])('abc')).toBe('abc');
  });
});

describe('untrusted text', () => {
  it('removes terminal escapes and controls but keeps tabs', () => {
    expect(stripControls('\u001b[31mred\u001b[0m\tok\u0007\u001b]0;title\u0007!')).toBe('red\tok!');
  });
  it('breaks workflow command markers', () => {
    const line = inertLine('  ::error::pwned ##[set-output name=x]y');
    expect(line).not.toMatch(/^\s*::/);
    expect(line).not.toContain('##[');
    expect(line.replace(/\u200b/g, '')).toBe('  ::error::pwned ##[set-output name=x]y');
  });
});
