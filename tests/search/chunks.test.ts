/**
 * A short, common term's index words run over several Pagefind index chunks
 * once an archive is a few hundred articles long; Pagefind itself would load
 * only the first. Checked on a generated archive against the article files.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticArchive } from '../../scripts/bench/synthetic.ts';
import { buildSearchIndexAsBuilt } from '../../src/lib/build/search.ts';
import { SHARD_YEARS } from '../../src/lib/settings.ts';
import { CHUNKS_FILE } from '../../src/lib/search/chunks.ts';
import { searchArchive } from '../../src/lib/search/query.ts';
import { prefixWord, probeWords, searchUnits } from '../../src/lib/search/text.ts';
import { loadPagefind, type LoadedPagefind } from '../helpers/pagefind.ts';

let work: string;
let pf: LoadedPagefind;
const articles: string[] = [];

beforeAll(async () => {
  work = await mkdtemp(path.join(os.tmpdir(), 'jianbao-chunks-'));
  for (const f of syntheticArchive({ articles: 400 })) {
    const target = path.join(work, 'content', f.path);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, f.text);
    if (/\/\d\d-[^/]+\.mdx$/.test(f.path)) articles.push(f.text);
  }
  await buildSearchIndexAsBuilt(path.join(work, 'content'), path.join(work, 'dist/pagefind'), { shardYears: SHARD_YEARS });
  pf = await loadPagefind(path.join(work, 'dist'));
}, 600_000);
afterAll(async () => {
  await pf?.server.close();
  await rm(work, { recursive: true, force: true });
});

describe('short terms over several index chunks', () => {
  it('finds every article with a common one- or two-character term', async () => {
    const ranges: [string, string][] = JSON.parse(readFileSync(path.join(work, 'dist/pagefind', CHUNKS_FILE), 'utf8'));
    expect(ranges.length).toBeGreaterThan(1);
    const queries = ['区', '管', '度', '市', '工作', '管理', '，'];
    // The situation under test occurs: some of these terms run over more than one chunk.
    expect(queries.some((q) => probeWords(prefixWord(searchUnits(q)), ranges).length > 0)).toBe(true);
    for (const q of queries) {
      const want = articles.filter((t) => searchUnits(t).join('\u0000').includes(searchUnits(q).join('\u0000'))).length;
      expect((await searchArchive(pf.api, q, {}, 'relevance', pf.ranges)).results.length, q).toBe(want);
    }
  });
});

describe('the chunk ranges, fetched only when a query needs them', () => {
  it('loads them for a short term and never for a term of four units or more', async () => {
    let loads = 0;
    const loader = async () => (loads++, pf.ranges);
    const long = await searchArchive(pf.api, '网格化管理', {}, 'relevance', loader);
    const four = await searchArchive(pf.api, '管理工作', {}, 'relevance', loader);
    expect(loads).toBe(0);
    expect(long.results.length).toBeGreaterThan(0);
    expect(four.results.length).toBe(articles.filter((t) => searchUnits(t).join('\u0000').includes(searchUnits('管理工作').join('\u0000'))).length);
    expect(long.results.length).toBe(articles.filter((t) => searchUnits(t).join('\u0000').includes(searchUnits('网格化管理').join('\u0000'))).length);
    // A short term reads them, and finds what it finds with the list given up front.
    const lazy = await searchArchive(pf.api, '管', {}, 'relevance', loader);
    expect(loads).toBe(1);
    expect(lazy.results.map((r) => r.id).sort()).toEqual((await searchArchive(pf.api, '管', {}, 'relevance', pf.ranges)).results.map((r) => r.id).sort());
  });
});
