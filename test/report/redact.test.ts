import { describe, expect, it } from 'vitest';
import { isRedactable, Redactor, secretForms, secretPieces } from '../../src/report/redact.js';
import { breakCommandMarkers, forTerminal, showInvisible, terminalLines } from '../../src/report/untrusted-text.js';

const secret = 'pa55:w/rd+€ xyzzy';

describe('Redactor', () => {
  it('masks every occurrence, and overlapping secrets leave nothing of either', () => {
    const redact = new Redactor(['abcdef', 'defghi', '']);
    expect(redact.text('x abcdef y defghi z')).toBe('x *** y *** z');
    expect(redact.text('abcdefghi!')).toBe('***!');
  });

  it('is the identity without secrets (but still masks well-known token shapes)', () => {
    expect(new Redactor([]).text('abc')).toBe('abc');
    expect(new Redactor([]).text('token ghp_0123456789abcdefghijABCDEFGHIJ0123')).toBe('token ghp_***');
  });

  it('finds a value however it was encoded', () => {
    const redact = new Redactor([secret]);
    const base64 = Buffer.from(secret).toString('base64');
    const encodings = [
      secret,
      encodeURIComponent(secret),
      encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase()),
      encodeURI(secret),
      secret.replace(/ /g, '+').replace(/\//g, '%2f'),
      JSON.stringify(secret).slice(1, -1),
      JSON.stringify(secret).slice(1, -1).replace('€', '\\u20ac').replace('/', '\\/'),
      base64,
      base64.replace(/=+$/, ''),
      Buffer.from(secret).toString('base64url'),
    ];
    for (const form of encodings) {
      const out = redact.text(`before ${form} after`);
      expect(out, form).toMatch(/^before \*\*\*=* after$/);
    }
  });

  it('finds a value inside a longer base64 text at any offset (Basic auth)', () => {
    const redact = new Redactor(['s3cr3t-token-value']);
    for (const user of ['a', 'ab', 'abc', 'user']) {
      const header = Buffer.from(`${user}:s3cr3t-token-value`).toString('base64');
      const out = redact.text(`Authorization: Basic ${header}`);
      // At most the characters that also depend on the user name are left.
      expect(out).toContain('***');
      const left = out.replace('Authorization: Basic ', '').replace('***', '');
      expect(left.length).toBeLessThanOrEqual(Math.ceil(((user.length + 1) * 8) / 6) + 3);
    }
  });

  it('masks the start of a secret cut short by an excerpt or a line cap, in any form', () => {
    const token = 'tok_Z9x8c7v6b5n4m3q2';
    const redact = new Redactor([token]);
    expect(redact.text('line 1: "starting with tok_Z9x8c7v6…" and more')).toBe('line 1: "starting with ***…" and more');
    expect(redact.text('kept up to the cap: tok_Z9x8c7')).toBe('kept up to the cap: ***');
    // The base64 of `--token=<secret>`, cut inside the secret's part.
    const encoded = Buffer.from(`--token=${token}`).toString('base64');
    const out = redact.text(`${encoded.slice(0, 30)}…`);
    expect(Buffer.from(out.replace('***…', ''), 'base64').toString()).not.toMatch(/Z9x8/);
    // Too short a start to tell from ordinary text is left alone, and so is a text that merely ends like one.
    expect(redact.text('tok_Z…')).toBe('tok_Z…');
    expect(redact.text('a tokenizer')).toBe('a tokenizer');
  });

  it('masks each line of a multi-line value on its own', () => {
    const pem = '-----BEGIN KEY-----\nMIIBVwIBADANBgkq\nhkiG9w0BAQEFAASC\n-----END KEY-----';
    const redact = new Redactor([pem]);
    expect(redact.text('line: hkiG9w0BAQEFAASC')).toBe('line: ***');
    expect(redact.text(`${pem}\n`)).toBe('***\n');
    expect(redact.text(pem.split('\n').reverse().join('\n'))).toBe('***\n***\n***\n***');
  });

  it('redacts strings and keys anywhere in a value', () => {
    const redact = new Redactor(['hunter22']);
    expect(redact.value({ a: ['x hunter22'], hunter22: { deep: 'hunter22' }, n: 1, b: true, z: null })).toEqual({
      a: ['x ***'],
      '***': { deep: '***' },
      n: 1,
      b: true,
      z: null,
    });
  });

  it('keeps flags, ports and short defaults: DEBUG=1 does not turn every 1 into ***', () => {
    for (const value of ['1', 'abc', ' ab ', 'true', 'FALSE', 'yes', 'on', 'off', 'null', 'none', '8080', '123456']) {
      expect(isRedactable(value), value).toBe(false);
    }
    for (const value of ['abcd', '1234567', 'info', 'secret']) expect(isRedactable(value), value).toBe(true);
    const redact = new Redactor(['1', 'true', '3000']);
    expect(redact.text('1 of 10 servers, true, port 3000')).toBe('1 of 10 servers, true, port 3000');
  });

  it('lists pieces and literal forms for a line-based masker', () => {
    expect(secretPieces(['a\nlong line', 'x'])).toEqual(['a\nlong line', 'long line']);
    expect(secretForms(['hunter22'])).toEqual(
      expect.arrayContaining(['hunter22', 'aHVudGVyMjI=', 'aHVudGVyMjI', encodeURIComponent('hunter22')]),
    );
  });
});

describe('the untrusted-text door', () => {
  it('shows control, escape and bidi characters instead of letting them act', () => {
    expect(showInvisible('\u001b]52;c;aGk=\u0007\u001b[2J')).toBe('\\x1b]52;c;aGk=\\x07\\x1b[2J');
    expect(showInvisible('a\u202eb\u2066c\u200bd\ufeffe\u0085f\u2028g')).toBe('a\\u202eb\\u2066c\\u200bd\\ufeffe\\x85f\\u2028g');
    expect(showInvisible('tag\u{e0041}')).toBe('tag\\u{e0041}');
    expect(showInvisible('lone \ud800 surrogate')).toBe('lone \\ud800 surrogate');
    expect(showInvisible('tab\tnew\nline\r')).toBe('tab\\tnew\\nline\\r');
    expect(showInvisible('plain ✔ text, ünïcödé, 日本語')).toBe('plain ✔ text, ünïcödé, 日本語');
  });

  it('never lets a workflow command marker through, however many colons', () => {
    for (const text of ['::error::x', ':::error::x', '  ::warning ::', '##[error]x', 'a ###[x]']) {
      const line = breakCommandMarkers(text);
      expect(line).not.toMatch(/::/);
      expect(line).not.toContain('##[');
      expect(line.replace(/\u200b/g, '')).toBe(text);
    }
  });

  it('keeps a folder name with a line break and a workflow command on one inert line', () => {
    const name = 'sub\n::error title=X::pwned\u001b]52;c;aGk=\u0007\u001b[2J';
    expect(forTerminal(name)).not.toMatch(/[\n\u001b\u0007]/);
    expect(forTerminal(name)).not.toMatch(/^\s*::/m);
    expect(terminalLines('one\n::two')).toEqual(['one', ':\u200b:two']);
  });
});
