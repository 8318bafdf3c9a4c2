/**
 * ESLint-RuleTester-style tables for checks: each case is a context and the status (and text) it must produce.
 */
import { describe, expect, it } from 'vitest';
import type { Check, CheckContext, CheckOutcome, CheckStatus, FileCheck } from '../../src/model/check.js';
import type { ConfigFile, SourcePosition } from '../../src/model/spec.js';

export interface CheckCase<C = CheckContext> {
  name: string;
  ctx: C;
  /** The worst status among the outcomes. */
  status: CheckStatus;
  /** Must all match the outcomes' messages (joined). */
  message?: RegExp | RegExp[];
  /** Must all match the outcomes' evidence (joined). */
  evidence?: RegExp | RegExp[];
  /** The first warn/fail outcome must point here. */
  position?: Partial<SourcePosition>;
  /** Strings that must appear nowhere in the output (secrets). */
  never?: string[];
  /** Exact number of outcomes. */
  outcomes?: number;
}

const rank: Record<CheckStatus, number> = { skip: 0, pass: 1, warn: 2, fail: 3 };

function assertCase<C>(run: (ctx: C) => CheckOutcome | CheckOutcome[], c: CheckCase<C>): void {
  const result = run(c.ctx);
  const outcomes = Array.isArray(result) ? result : [result];
  expect(outcomes.length).toBeGreaterThan(0);
  if (c.outcomes !== undefined) expect(outcomes).toHaveLength(c.outcomes);
  const status = outcomes.reduce<CheckStatus>((w, o) => (rank[o.status] > rank[w] ? o.status : w), 'skip');
  const messages = outcomes.map((o) => o.message).join('\n');
  const evidence = outcomes.flatMap((o) => o.evidence ?? []).join('\n');
  expect(status, messages).toBe(c.status);
  for (const o of outcomes) expect(o.message.trim()).not.toBe('');
  for (const pattern of [c.message ?? []].flat()) expect(messages).toMatch(pattern);
  for (const pattern of [c.evidence ?? []].flat()) expect(evidence).toMatch(pattern);
  if (c.position) {
    const flagged = outcomes.find((o) => o.status === 'warn' || o.status === 'fail');
    expect(flagged?.position).toMatchObject(c.position);
  }
  for (const secret of c.never ?? []) expect(JSON.stringify(outcomes)).not.toContain(secret);
}

function table<C>(
  title: string,
  run: (ctx: C) => CheckOutcome | CheckOutcome[],
  cases: { valid: CheckCase<C>[]; invalid: CheckCase<C>[] },
) {
  describe(title, () => {
    it('has a passing and a failing or warning case', () => {
      expect(cases.valid.some((c) => c.status === 'pass')).toBe(true);
      expect(cases.invalid.some((c) => c.status === 'fail' || c.status === 'warn')).toBe(true);
    });
    describe('valid', () => {
      it.each(cases.valid.map((c) => [c.name, c] as const))('%s', (_, c) => assertCase(run, c));
    });
    describe('invalid', () => {
      it.each(cases.invalid.map((c) => [c.name, c] as const))('%s', (_, c) => assertCase(run, c));
    });
  });
}

export function testCheck(check: Check, cases: { valid: CheckCase[]; invalid: CheckCase[] }): void {
  table(check.id, (ctx) => check.run(ctx), cases);
}

export function testFileCheck(check: FileCheck, cases: { valid: CheckCase<ConfigFile>[]; invalid: CheckCase<ConfigFile>[] }): void {
  table(check.id, (file) => check.run(file), cases);
}
