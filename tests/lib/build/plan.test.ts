/**
 * How the build groups its shards: year shards into Astro processes of
 * bounded size, shards into CI parts of balanced cost.
 */
import { describe, expect, it } from 'vitest';
import { assignParts, batchShards, buildJobs, searchParts, type Shard } from '../../../src/lib/build/plan.ts';

const years = (name: string, articles: number): Shard => ({ name, kind: 'years', years: [name], articles, key: name });

describe('batchShards', () => {
  it('puts every shard in exactly one process and keeps each process within the cap', () => {
    const shards = [years('a', 900), years('b', 700), years('c', 500), years('d', 400), years('e', 300), years('f', 200), years('g', 100)];
    const groups = batchShards(shards, 1000);
    expect(groups.flat().map((s) => s.name).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    for (const g of groups) expect(g.reduce((n, s) => n + s.articles, 0)).toBeLessThanOrEqual(1000);
    // 3,100 articles need at least four processes of 1,000; first-fit decreasing finds four.
    expect(groups).toHaveLength(4);
  });

  it('gives a shard larger than the cap a process of its own', () => {
    const groups = batchShards([years('big', 5000), years('small', 10)], 1000);
    expect(groups.map((g) => g.map((s) => s.name))).toEqual([['big'], ['small']]);
  });

  it('builds a small archive in one process', () => {
    expect(batchShards([years('a', 10), years('b', 20), years('c', 30)], 3000)).toHaveLength(1);
  });

  it('groups the same way whatever order the shards come in', () => {
    const shards = [years('a', 300), years('b', 300), years('c', 600), years('d', 100)];
    const names = (gs: Shard[][]) => gs.map((g) => g.map((s) => s.name));
    expect(names(batchShards([...shards].reverse(), 700))).toEqual(names(batchShards(shards, 700)));
  });
});

describe('buildJobs', () => {
  const index: Shard = { ...years('index', 0), kind: 'index', years: [] };
  const search: Shard = { ...years('search', 6000), kind: 'search', years: [] };
  const names = (gs: Shard[][]) => gs.map((g) => g.map((s) => s.name));

  it('renders the listing pages in the process of the year shards when those fit one (a publish)', () => {
    expect(names(buildJobs([index, years('s-2026', 300), search], 3000))).toEqual([['search'], ['s-2026', 'index']]);
  });

  it('gives the listing pages a process of their own beside several batches (a cold build)', () => {
    const jobs = buildJobs([index, years('a', 2000), years('b', 2000), search], 3000);
    expect(names(jobs)).toEqual([['search'], ['index'], ['a'], ['b']]);
  });

  it('builds the index alone, and year shards alone, when only they changed', () => {
    expect(names(buildJobs([index], 3000))).toEqual([['index']]);
    expect(names(buildJobs([years('a', 10), search], 3000))).toEqual([['search'], ['a']]);
  });
});

describe('assignParts', () => {
  it('spreads shards over the parts and every part gets work', () => {
    const shards = [years('a', 900), years('b', 700), years('c', 500), years('d', 400), { ...years('index', 0), kind: 'index' as const }];
    const parts = assignParts(shards, 2);
    expect(parts.flat()).toHaveLength(shards.length);
    expect(parts.every((p) => p.length > 0)).toBe(true);
  });
});

describe('searchParts', () => {
  const windows = [
    { id: 'a-2020-2021', name: 'years-a-2020-2021', years: ['a/2020', 'a/2021'], newest: 2021 },
    { id: 'a-2024-2024', name: 'years-a-2024-2024', years: ['a/2024'], newest: 2024 },
    { id: 'b-2023-2023', name: 'years-b-2023-2023', years: ['b/2023'], newest: 2023 },
  ];
  const hashes = (h: Record<string, string>) => ({ searchHash: 's', siteContentHash: 'c', yearHashes: new Map(Object.entries(h)) });

  it('makes a part per year window, newest years first, whose key changes only with its own years', () => {
    const before = searchParts(windows, hashes({ 'a/2020': '1', 'a/2021': '2', 'a/2024': '3', 'b/2023': '5' }));
    const after = searchParts(windows, hashes({ 'a/2020': '1', 'a/2021': '2', 'a/2024': '4', 'b/2023': '5' }));
    expect(before.map((p) => p.name)).toEqual(['search-a-2024-2024', 'search-b-2023-2023', 'search-a-2020-2021']);
    expect(after[0].key).not.toBe(before[0].key);
    expect(after.slice(1).map((p) => p.key)).toEqual(before.slice(1).map((p) => p.key));
    // The indexer's sources and the series settings are in every key.
    expect(searchParts(windows, { ...hashes({ 'a/2020': '1', 'a/2021': '2', 'a/2024': '3', 'b/2023': '5' }), searchHash: 't' })[0].key).not.toBe(before[0].key);
  });

  it('gives an archive without years one empty part', () => {
    expect(searchParts([], hashes({})).map((p) => [p.name, p.years])).toEqual([['search-empty', []]]);
  });
});
