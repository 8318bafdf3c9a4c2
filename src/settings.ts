/**
 * The numeric settings of a run and the one rule that reads them, shared by the CLI (flags) and the action (inputs),
 * so both accept, clamp and reject the same values. Each entry point only words the error with its own name.
 */

import { MAX_TIMER_MS } from './launch/deadline.js';
import type { OverLimit } from './model/run.js';

export interface NumberRule {
  default: number;
  min: number;
  max: number;
  /** Values above `max` are taken as `max` instead of being refused (timeouts: "wait as long as possible"). */
  clampAbove?: boolean;
}

export const SETTINGS = {
  startupTimeoutMs: { default: 30_000, min: 1, max: MAX_TIMER_MS, clampAbove: true },
  requestTimeoutMs: { default: 10_000, min: 1, max: MAX_TIMER_MS, clampAbove: true },
  /** How long after the handshake every server must keep running (see stays-alive). */
  stayAliveMs: { default: 1000, min: 1, max: MAX_TIMER_MS, clampAbove: true },
  concurrency: { default: 8, min: 1, max: 256 },
  /** Config files one run reads; past it the run stops with an error before any server starts. */
  maxConfigs: { default: 1000, min: 1, max: 1_000_000 },
  /** Servers one run checks; past it the run stops with an error before any server starts. */
  maxServers: { default: 1000, min: 1, max: 1_000_000 },
} as const satisfies Record<string, NumberRule>;

export type NumberSetting = keyof typeof SETTINGS;

export type SettingValue = { ok: true; value: number } | { ok: false; expected: string };

/**
 * A whole number written in decimal digits, within the rule's range; above it, clamped when the rule says so. The
 * digits are checked before any conversion, so `1e9`, `0x10`, `-1` or `12.5` are refused whatever `Number()` makes of them.
 */
export function readNumberSetting(raw: string, rule: NumberRule): SettingValue {
  const expected = rule.clampAbove
    ? `a whole number of at least ${rule.min} (values above ${rule.max} count as ${rule.max})`
    : `a whole number from ${rule.min} to ${rule.max}`;
  if (!/^\d+$/.test(raw)) return { ok: false, expected };
  const value = Number(raw);
  if (value < rule.min) return { ok: false, expected };
  if (value > rule.max) return rule.clampAbove ? { ok: true, value: rule.max } : { ok: false, expected };
  return { ok: true, value };
}

/** The one line for a run over its bound; `setting` is how the entry point names it (`--max-servers`, input "max-servers"). */
export function overLimitMessage(limit: OverLimit, setting: string): string {
  return (
    `found ${limit.found} ${limit.what}, more than one run checks (${limit.limit}); nothing was checked. ` +
    `Name the configs or servers to check, or raise ${setting}.`
  );
}
