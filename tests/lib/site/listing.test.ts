import { describe, expect, it } from 'vitest';
import { recentYears } from '../../../src/lib/site/listing.ts';

const years = (...counts: number[]) => counts.map((n, i) => ({ year: 2030 - i, issues: new Array<number>(n).fill(0) }));
const split = (counts: number[], min: number) => {
  const { recent, earlier } = recentYears(years(...counts), (y) => y.issues.length, min);
  return [recent.map((y) => y.year), earlier.map((y) => y.year)];
};

describe('recentYears', () => {
  it('takes whole years, newest first, until at least the minimum is shown', () => {
    expect(split([5, 30, 30], 20)).toEqual([[2030, 2029], [2028]]);
    expect(split([20, 30], 20)).toEqual([[2030], [2029]]);
    expect(split([50, 50, 50], 20)).toEqual([[2030], [2029, 2028]]);
  });

  it('shows everything when there is less than the minimum, and nothing of nothing', () => {
    expect(split([3, 4, 5], 20)).toEqual([[2030, 2029, 2028], []]);
    expect(split([], 20)).toEqual([[], []]);
  });
});
