import { describe, expect, it } from 'vitest';
import type { Report, Totals } from '../../src/model/report.js';
import { verdict } from '../../src/report/verdict.js';

const report = (totals: Partial<Totals>): Report => ({
  schemaVersion: 1,
  tool: { name: 'mcp-preflight', version: '0' },
  runner: { os: 'linux', arch: 'x64', node: 'v24' },
  startedAt: '',
  durationMs: 0,
  settings: { startupTimeoutMs: 1, requestTimeoutMs: 1, concurrency: 1, freshHome: false, failOn: 'error' },
  configs: [],
  servers: [],
  totals: { configs: 1, configErrors: 0, servers: 1, passed: 0, warned: 0, failed: 0, skipped: 0, ...totals },
});

describe('verdict', () => {
  it.each([
    ['error', { failed: 1 }, true],
    ['error', { configErrors: 1 }, true],
    ['error', { warned: 2 }, false],
    ['warning', { warned: 1 }, true],
    ['warning', { passed: 1 }, false],
    ['never', { failed: 3, configErrors: 1 }, false],
  ] as const)('fail-on %s with %j → failed=%s', (failOn, totals, failed) => {
    const result = verdict(report(totals), failOn);
    expect(result.failed).toBe(failed);
    expect(result.reason).toMatch(/server/);
  });
});
