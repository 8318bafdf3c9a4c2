/**
 * "Did you mean": the known names closest to a mistyped one, for usage errors (a server name, an option, a check id).
 * Shared by the layers that validate what a user typed; no dependencies.
 */

/** Names longer than this are compared by their start only: distance is quadratic and names come from config files. */
const MAX_COMPARED_CHARS = 64;

/**
 * Up to `max` of `candidates` that `wanted` is probably a typo of, closest first: the same name in another case, one
 * that starts with or contains it, or one within a few edits (one per three characters, at least one).
 */
export function closestNames(wanted: string, candidates: Iterable<string>, max = 3): string[] {
  const target = wanted.slice(0, MAX_COMPARED_CHARS).toLowerCase();
  if (target === '') return [];
  const allowed = Math.max(1, Math.floor(target.length / 3));
  const scored: Array<{ name: string; key: string; score: number }> = [];
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

/** `did you mean "a" or "b"?`, or '' when there is nothing close. Names are quoted with JSON rules. */
export function didYouMean(suggestions: readonly string[], quote: (name: string) => string = (n) => JSON.stringify(n)): string {
  if (suggestions.length === 0) return '';
  const quoted = suggestions.map(quote);
  const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
  return `did you mean ${list}?`;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours cost 1. */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let before = new Array<number>(b.length + 1).fill(0);
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}
