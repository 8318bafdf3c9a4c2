import { describe, expect, it } from 'vitest';
import { jsonReportChunks, renderJson } from '../../src/report/json.js';
import { check, config, report, server } from '../action/fixtures/report.js';

describe('the JSON report', () => {
  const hostileName = 'a\u202eb\u2066c\u200bd\u{e0041}e\u0085f\u007fg\u2028h ##[error]x ::error::y \u001b[2J\n';
  const r = report(
    [server(hostileName, [check('spawn', 'fail', { message: hostileName, evidence: [hostileName] })], { stderrTail: [hostileName] })],
    [config('.mcp.json')],
  );

  it('is the document JSON.stringify writes, value for value', () => {
    expect(JSON.parse(renderJson(r))).toEqual(JSON.parse(JSON.stringify(r)));
    const plain = report([server('s', [check('spawn', 'pass')])]);
    expect(renderJson(plain)).toBe(`${JSON.stringify(plain, null, 2)}\n`);
  });

  it('is written in pieces, one per server, never as one string', () => {
    const many = report(Array.from({ length: 50 }, (_, i) => server(`s${i}`, [check('spawn', 'pass')])));
    const chunks = [...jsonReportChunks(many)];
    expect(chunks.length).toBeGreaterThan(50);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(renderJson(many).length / 20);
  });

  it('holds no character that acts on a terminal, hides text or starts a runner command', () => {
    const text = renderJson(r);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\p{Cf}\p{Zl}\p{Zp}]/u);
    expect(text).not.toContain('##[');
    expect(text).not.toMatch(/^\s*::/m);
  });
});
