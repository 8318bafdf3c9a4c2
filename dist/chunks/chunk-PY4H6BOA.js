import { createRequire as __mcpPreflightRequire } from 'node:module';
const require = __mcpPreflightRequire(import.meta.url);

// src/closest-names.ts
var MAX_COMPARED_CHARS = 64;
function closestNames(wanted, candidates, max = 3) {
  const target = wanted.slice(0, MAX_COMPARED_CHARS).toLowerCase();
  if (target === "") return [];
  const allowed = Math.max(1, Math.floor(target.length / 3));
  const scored = [];
  for (const name of candidates) {
    const candidate = name.slice(0, MAX_COMPARED_CHARS).toLowerCase();
    if (name === wanted) continue;
    const contains = target.length >= 3 && (candidate.includes(target) || target.includes(candidate));
    const distance = editDistance(target, candidate);
    if (distance <= allowed || contains) scored.push({ name, key: candidate, score: contains ? Math.min(distance, allowed) : distance });
  }
  const sorted = scored.sort((a, b) => a.score - b.score || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((s) => s.name);
  return [...new Set(sorted)].slice(0, max);
}
function didYouMean(suggestions, quote = (n) => JSON.stringify(n)) {
  if (suggestions.length === 0) return "";
  const quoted = suggestions.map(quote);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(", ")} or ${quoted.at(-1)}`;
  return `did you mean ${list}?`;
}
function editDistance(a, b) {
  if (a === b) return 0;
  let before = new Array(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length];
}

// src/launch/deadline.ts
var MAX_TIMER_MS = 2147483647;
function timerDelay(ms) {
  return Math.min(MAX_TIMER_MS, Math.max(0, ms));
}
function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, timerDelay(ms)));
}
function withDeadline(promise, ms, fallback) {
  let timer;
  const expiry = new Promise((resolve) => {
    timer = setTimeout(() => resolve(fallback), timerDelay(ms));
  });
  return Promise.race([promise, expiry]).finally(() => clearTimeout(timer));
}

// src/settings.ts
var SETTINGS = {
  startupTimeoutMs: { default: 3e4, min: 1, max: MAX_TIMER_MS, clampAbove: true },
  requestTimeoutMs: { default: 1e4, min: 1, max: MAX_TIMER_MS, clampAbove: true },
  /** How long after the handshake every server must keep running (see stays-alive). */
  stayAliveMs: { default: 1e3, min: 1, max: MAX_TIMER_MS, clampAbove: true },
  concurrency: { default: 8, min: 1, max: 256 },
  /** Config files one run reads; past it the run stops with an error before any server starts. */
  maxConfigs: { default: 1e3, min: 1, max: 1e6 },
  /** Servers one run checks; past it the run stops with an error before any server starts. */
  maxServers: { default: 1e3, min: 1, max: 1e6 }
};
function readNumberSetting(raw, rule) {
  const expected = rule.clampAbove ? `a whole number of at least ${rule.min} (values above ${rule.max} count as ${rule.max})` : `a whole number from ${rule.min} to ${rule.max}`;
  if (!/^\d+$/.test(raw)) return { ok: false, expected };
  const value = Number(raw);
  if (value < rule.min) return { ok: false, expected };
  if (value > rule.max) return rule.clampAbove ? { ok: true, value: rule.max } : { ok: false, expected };
  return { ok: true, value };
}
function overLimitMessage(limit, setting) {
  return `found ${limit.found} ${limit.what}, more than one run checks (${limit.limit}); nothing was checked. Name the configs or servers to check, or raise ${setting}.`;
}

// src/shard.ts
import { createHash } from "node:crypto";
var MAX_SHARDS = 256;
function parseShard(text) {
  const expected = `K/N with 1 <= K <= N <= ${MAX_SHARDS}, e.g. 1/3`;
  const match = /^\s*(\d{1,3})\s*\/\s*(\d{1,3})\s*$/.exec(text);
  if (!match) return { ok: false, expected };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > MAX_SHARDS || index < 1 || index > count) return { ok: false, expected };
  return { ok: true, shard: { index, count } };
}
function shardOf(config, name, count) {
  const digest = createHash("sha256").update(`${config.replaceAll("\\", "/")}\0${name}`).digest();
  return digest.readUInt32BE(0) % count + 1;
}
function inShard(config, name, shard) {
  return shardOf(config, name, shard.count) === shard.index;
}
var LEG_LABEL_RULE = "1 to 64 letters, digits, dots, dashes, underscores or spaces";
function isLegLabel(text) {
  return /^[A-Za-z0-9._ -]{1,64}$/.test(text) && text.trim() !== "";
}

export {
  closestNames,
  didYouMean,
  MAX_TIMER_MS,
  sleep,
  withDeadline,
  SETTINGS,
  readNumberSetting,
  overLimitMessage,
  parseShard,
  inShard,
  LEG_LABEL_RULE,
  isLegLabel
};
