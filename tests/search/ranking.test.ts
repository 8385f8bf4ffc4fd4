/**
 * Ranking on a small fixture whose body-only articles say 巡查 many times and
 * whose title and unit matches say it once: the heading matches come first.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSearchIndexAsBuilt } from '../../src/lib/build/search.ts';
import { SHARD_YEARS } from '../../src/lib/settings.ts';
import { searchArchive } from '../../src/lib/search/query.ts';
import { prefixWord, searchUnits } from '../../src/lib/search/text.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { loadPagefind, type LoadedPagefind } from '../helpers/pagefind.ts';

const FIXTURE = path.join(PROJECT_ROOT, 'tests/fixtures/search-ranking');
let work: string;
let pf: LoadedPagefind;

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'jianbao-ranking-'));
  await buildSearchIndexAsBuilt(FIXTURE, path.join(work, 'pagefind'), { shardYears: SHARD_YEARS });
  pf = await loadPagefind(work);
});
afterAll(async () => {
  await pf?.server.close();
  await rm(work, { recursive: true, force: true });
});

const paths = async (results: { data: () => Promise<{ url: string }> }[]) => (await Promise.all(results.map((r) => r.data()))).map((d) => new URL(d.url, 'http://x').pathname);

describe('search ranking', () => {
  it('puts articles whose title or unit contains the query above those that only mention it', async () => {
    const found = await searchArchive(pf.api, '巡查');
    const urls = await paths(found.results);
    expect(urls).toHaveLength(7);
    expect(urls.slice(0, 2).sort()).toEqual(['/gamma/2022/1/biao-ti/', '/gamma/2022/1/dan-wei/']);
    // Pagefind's own score puts the many mentions first: the test can fail.
    const plain = await paths((await pf.api.search(prefixWord(searchUnits('巡查'))))!.results);
    expect(plain.indexOf('/gamma/2022/1/biao-ti/')).toBeGreaterThan(1);
  });

  it('counts facets with a bounded number of searches, whatever the number of facet values', async () => {
    const one = await searchArchive(pf.api, '巡查');
    expect(one.searches).toBe(1);
    const two = await searchArchive(pf.api, '巡查 整改');
    expect(Object.entries(two.counts['报送单位']).filter(([, n]) => n > 0)).toEqual([['东区', 5]]);
    expect(two.searches).toBe(3);
  });
});
