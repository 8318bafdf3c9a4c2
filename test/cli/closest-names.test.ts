import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from '../../src/closest-names.js';

describe('closestNames', () => {
  const servers = ['memory', 'github', 'filesystem', 'github-enterprise', 'Memory-Bank'];

  it.each([
    ['memroy', ['memory']], // a swap
    ['memor', ['memory', 'Memory-Bank']], // a deletion, and a name that contains it
    ['githb', ['github']],
    ['GITHUB', ['github', 'github-enterprise']], // case
    ['files', ['filesystem']], // a prefix
    ['enterprise', ['github-enterprise']], // contained
  ])('offers %s → %j', (wanted, expected) => {
    expect(closestNames(wanted, servers)).toEqual(expected);
  });

  it('offers nothing for a name unlike any other', () => {
    expect(closestNames('nosuch', servers)).toEqual([]);
    expect(closestNames('', servers)).toEqual([]);
  });

  it('offers at most three, closest first', () => {
    expect(closestNames('a', ['b', 'c', 'd', 'e', 'ab'])).toEqual(['ab', 'b', 'c']);
  });

  it('matches options the way they are typed', () => {
    expect(closestNames('--sever', ['--server', '--json', '--verbose'])).toEqual(['--server']);
    expect(closestNames('--fail-one', ['--fail-on', '--fresh-home'])).toEqual(['--fail-on']);
  });

  it('stays fast on long hostile names', () => {
    const long = 'x'.repeat(100_000);
    // Flat strings, as a config parser produces them (a concatenation is flattened on first use, which is not our cost).
    const names = JSON.parse(JSON.stringify(Array.from({ length: 1000 }, (_, i) => `${i}${long}`))) as string[];
    const started = performance.now();
    closestNames(long, names);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe('didYouMean', () => {
  it('lists one, two or more names', () => {
    expect(didYouMean([])).toBe('');
    expect(didYouMean(['a'])).toBe('did you mean "a"?');
    expect(didYouMean(['a', 'b', 'c'])).toBe('did you mean "a", "b" or "c"?');
    expect(didYouMean(['--server'], (n) => n)).toBe('did you mean --server?');
  });
});
