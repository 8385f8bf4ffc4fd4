/**
 * The search index merged from parts against the index Pagefind writes for
 * all the records at once: the same words on the same pages with the same
 * positions, the same chunks, filters, sort order and metadata fields —
 * and the same answers from the real pagefind.js.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticArchive } from '../../../scripts/bench/synthetic.ts';
import { yearWindows } from '../../../src/lib/build/plan.ts';
import { checkContent, type CheckResult } from '../../../src/lib/content/check.ts';
import { filterFile, fragmentFile, metaFile, pagefindBody, pagefindFile, pagefindFileBody, readEntry, readPagefindFileSync, type FilterIndex, type PagefindMeta } from '../../../src/lib/search/bundle.ts';
import { buildSearchIndexFrom } from '../../../src/lib/search/build.ts';
import { mergeIndexes } from '../../../src/lib/search/merge.ts';
import { searchArchive } from '../../../src/lib/search/query.ts';
import { buildArchive } from '../../../src/lib/site/archive.ts';
import { describeBundle } from '../../helpers/pagefind-bundle.ts';
import { loadPagefind, type LoadedPagefind } from '../../helpers/pagefind.ts';

/** Small chunks, so the archive's words run over many of them and chunk cutting is tested. */
const CHUNK = 400;
const OPTIONS = { audience: 'internal' as const };

let work: string;
let checked: CheckResult;
let partDirs: string[];
const whole = () => path.join(work, 'whole/pagefind');
const merged = () => path.join(work, 'merged/pagefind');

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-merge-'));
  const content = path.join(work, 'content');
  // Two series over three years each, a few articles an issue: six year windows of two years.
  for (const f of syntheticArchive({ articles: 300, perIssue: 1, series: 2 })) {
    mkdirSync(path.dirname(path.join(content, f.path)), { recursive: true });
    writeFileSync(path.join(content, f.path), f.text);
  }
  // Metadata only some parts have (an internal issue's mark, an accented title whose
  // metadata words Pagefind stores as diacritic variants), so field numbers differ between parts.
  const issue = path.join(content, 'issues/series-2/2006/010/index.mdx');
  writeFileSync(issue, readFileSync(issue, 'utf8').replace(/^---\n/, '---\nstatus: internal\n'));
  const articleDir = path.join(content, 'issues/series-1/2005/003');
  const article = path.join(articleDir, readdirSync(articleDir).find((f) => f !== 'index.mdx')!);
  writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: .*$/m, 'title: Café 与 Zürich 的网格化管理'));
  checked = await checkContent(content);
  expect(checked.errors).toBe(0);

  process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE = String(CHUNK);
  try {
    await buildSearchIndexFrom(checked, whole(), OPTIONS);
    const windows = yearWindows(buildArchive(checked.input, OPTIONS), 2);
    partDirs = [];
    for (const w of windows) {
      const dir = path.join(work, 'parts', w.name);
      const years = new Set(w.years);
      await buildSearchIndexFrom(checked, dir, OPTIONS, { select: (a) => years.has(`${a.issue.series.id}/${a.issue.year}`) });
      partDirs.push(dir);
    }
  } finally {
    delete process.env.PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
  }
  await mergeIndexes(partDirs, merged(), CHUNK);
}, 300_000);

describe('mergeIndexes', () => {
  it('writes what Pagefind writes for all the records at once, up to the page numbering', () => {
    const a = describeBundle(merged());
    const b = describeBundle(whole());
    expect(partDirs.length).toBeGreaterThanOrEqual(4);
    expect(a.chunkRanges.length).toBeGreaterThan(20);
    // Parts differ in their metadata fields, and some words have variants: both paths are exercised.
    const fieldSets = new Set(partDirs.map((d) => JSON.stringify(describeBundle(d).metaFields)));
    expect(fieldSets.size).toBeGreaterThan(1);
    expect(Object.keys(a.variants).length).toBeGreaterThan(0);
    expect(a.pageCount).toBe(300);
    for (const key of Object.keys(b) as (keyof typeof b)[]) expect(a[key], key).toEqual(b[key]);
  });

  it('keeps filter page lists in page order and sorts every page once', () => {
    const entry = readEntry(merged());
    const meta = readPagefindFileSync<PagefindMeta>(metaFile(merged(), entry.languages.unknown.hash));
    for (const [, hash] of meta[3]) {
      const [, values] = readPagefindFileSync<FilterIndex>(filterFile(merged(), hash));
      for (const [, pages] of values) expect(pages.every((n, i) => i === 0 || n > pages[i - 1])).toBe(true);
    }
    const [, order] = meta[4].find(([k]) => k === 'date')!;
    expect([...order].sort((x, y) => x - y)).toEqual(meta[1].map((_, i) => i));
  });

  describe('answers the same as the whole index through pagefind.js', () => {
    let a: LoadedPagefind;
    let b: LoadedPagefind;
    beforeAll(async () => {
      a = await loadPagefind(path.dirname(merged()));
      b = await loadPagefind(path.dirname(whole()));
    });
    afterAll(async () => {
      await a?.server.close();
      await b?.server.close();
    });
    // Pages of equal score come in page order, which the merge numbers differently: compare each page's score.
    const urls = async (p: LoadedPagefind, q: string, filters = {}) => {
      const r = await searchArchive(p.api, q, filters, 'relevance', p.ranges);
      const scored = await Promise.all(r.results.map(async (x) => `${new URL((await x.data()).url, 'http://x').pathname} ${x.score.toFixed(6)}`));
      return { scored: scored.sort(), counts: r.counts };
    };
    for (const [q, filters] of [
      ['网格化管理', {}],
      ['垃圾', {}],
      ['志愿服务 宣传', { 年份: ['2006'] }],
      ['Café', {}],
      ['市', { 简报: ['测试市第2工作简报'] }],
    ] as const) {
      it(`“${q}” ${JSON.stringify(filters)}`, async () => {
        const x = await urls(a, q, filters);
        const y = await urls(b, q, filters);
        expect(x.scored.length).toBeGreaterThan(0);
        expect(x).toEqual(y);
      });
    }
  });

  it('renames a fragment whose name another part already uses for a different page', async () => {
    const [first, second] = partDirs;
    const copy = path.join(work, 'clash', 'second');
    cpSync(second, copy, { recursive: true });
    const entry = readEntry(copy);
    const hash = entry.languages.unknown.hash;
    const meta = readPagefindFileSync<PagefindMeta>(metaFile(copy, hash));
    const taken = readPagefindFileSync<PagefindMeta>(metaFile(first, readEntry(first).languages.unknown.hash))[1][0][0];
    // The second part's first page takes the name of the first part's first page.
    renameSync(fragmentFile(copy, meta[1][0][0]), fragmentFile(copy, taken));
    meta[1][0][0] = taken;
    writeFileSync(metaFile(copy, hash), await pagefindFile(pagefindBody(meta)));
    const out = path.join(work, 'clash', 'merged');
    await mergeIndexes([first, copy], out);
    const pages = readPagefindFileSync<PagefindMeta>(metaFile(out, readEntry(out).languages.unknown.hash))[1];
    const offset = readPagefindFileSync<PagefindMeta>(metaFile(first, readEntry(first).languages.unknown.hash))[1].length;
    const url = async (dir: string, name: string) => JSON.parse((await pagefindFileBody(fragmentFile(dir, name))).toString()).url;
    expect(pages[offset][0]).not.toBe(taken);
    expect(await url(out, pages[0][0])).toBe(await url(first, taken));
    expect(await url(out, pages[offset][0])).toBe(await url(copy, taken));
    expect(new Set(pages.map((p) => p[0])).size).toBe(pages.length);
  });

  it('merges an archive without articles into an index without pages', async () => {
    const empty = path.join(work, 'empty-part');
    await buildSearchIndexFrom(checked, empty, OPTIONS, { select: () => false });
    const out = path.join(work, 'empty-merged');
    expect(await mergeIndexes([empty], out)).toEqual({ pages: 0, words: 0, chunks: 0, taken: new Map() });
    expect(readEntry(out)).toEqual(readEntry(empty));
  });

  it('refuses a folder that is not a part', async () => {
    await expect(mergeIndexes([path.join(work, 'content')], path.join(work, 'nothing'))).rejects.toThrow(/pagefind-entry\.json/);
  });
});
