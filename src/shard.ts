import { createHash } from 'node:crypto';

/** One of N disjoint parts of a run's servers (`--shard K/N`, 1-based K). */
export interface Shard {
  index: number;
  count: number;
}

/** The largest N: more legs than this is no matrix GitHub runs (256 jobs per matrix). */
export const MAX_SHARDS = 256;

/** `K/N` as written, or why it is not one (the caller names the option or input). */
export function parseShard(text: string): { ok: true; shard: Shard } | { ok: false; expected: string } {
  const expected = `K/N with 1 <= K <= N <= ${MAX_SHARDS}, e.g. 1/3`;
  const match = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!match) return { ok: false, expected };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return { ok: false, expected };
  return { ok: true, shard: { index, count } };
}

/**
 * The shard (1-based) a server falls in: a hash of its config path and name, so the partition is the same on every
 * OS and in every order of discovery, and adding a server moves no other. The path is taken with `/` separators.
 */
export function shardOf(config: string, name: string, count: number): number {
  const digest = createHash('sha256')
    .update(`${config.replaceAll('\\', '/')}\0${name}`)
    .digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

export function inShard(config: string, name: string, shard: Shard): boolean {
  return shardOf(config, name, shard.count) === shard.index;
}

/** What a leg label may be: it names a column, a SARIF category and a JUnit suite, so a short plain word. */
export const LEG_LABEL_RULE = '1 to 64 letters, digits, dots, dashes, underscores or spaces';

export function isLegLabel(text: string): boolean {
  return /^[A-Za-z0-9._ -]{1,64}$/.test(text) && text.trim() !== '';
}
