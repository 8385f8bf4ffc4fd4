import { describe, expect, it } from 'vitest';
import { articlesByYear, buildArchive, type ArchiveInput } from '../../../src/lib/site/archive.ts';
import { buildCatalog } from '../../../src/lib/site/catalog.ts';
import type { IssueData } from '../../../src/lib/content/schema.ts';

const issue = (file: string, data: Partial<IssueData>) => ({
  key: file,
  file,
  hasIntro: false,
  data: { number: 1, date: '2021-01-05', status: 'published' as const, ...data },
});
const article = (file: string, title: string, unit?: string) => ({ key: file, file, data: { title, unit } });

function input(): ArchiveInput {
  return {
    series: [{ key: 'a', file: 'series/a.yaml', data: { title: 'A简报', issuer: 'A办', defaults: { copies: 10, sendTo: ['各区'] } } }],
    issues: [
      issue('issues/a/2021/002/index.mdx', { number: 2, date: '2021-02-01', copies: 99 }),
      issue('issues/a/2021/001/index.mdx', { number: 1, date: '2021-01-05' }),
      issue('issues/a/2022/001/index.mdx', { number: 1, date: '2022-01-03' }),
      issue('issues/a/2022/002/index.mdx', { number: 2, date: '2022-02-03', status: 'internal' }),
      issue('issues/a/2022/003/index.mdx', { number: 3, date: '2022-03-03', status: 'draft' }),
    ],
    articles: [
      article('issues/a/2021/001/02-second.mdx', '第二篇', '东区'),
      article('issues/a/2021/001/01-first.mdx', '第一篇', '西区'),
      article('issues/a/2021/002/01-only.mdx', '唯一', '东区'),
      article('issues/a/2022/002/01-secret.mdx', '内部', '内部单位'),
      article('issues/a/2022/003/01-draft.mdx', '草稿', '草稿单位'),
    ],
  };
}

describe('buildArchive', () => {
  it('orders issues newest first and articles by running order', () => {
    const a = buildArchive(input());
    expect(a.issues.map((i) => `${i.year}-${i.number}`)).toEqual(['2022-1', '2021-2', '2021-1']);
    expect(a.issues[2].articles.map((x) => x.title)).toEqual(['第一篇', '第二篇']);
    expect(a.years.map((y) => y.year)).toEqual([2022, 2021]);
  });

  it('links neighbours within a series and within an issue', () => {
    const a = buildArchive(input());
    const [i2022, i2, i1] = a.issues;
    expect(i1.next).toBe(i2);
    expect(i2.next).toBe(i2022);
    expect(i2022.prev).toBe(i2);
    expect(i1.prev).toBeUndefined();
    expect(i1.articles[0].next).toBe(i1.articles[1]);
  });

  it('fills distribution from series defaults unless the issue sets it', () => {
    const a = buildArchive(input());
    const [, i2, i1] = a.issues;
    expect(i1.copies).toBe(10);
    expect(i2.copies).toBe(99);
    expect(i1.sendTo).toEqual(['各区']);
    expect(i1.issuer).toBe('A办');
  });

  it('leaves internal and draft issues out of a public build, and drafts out of an internal one', () => {
    const pub = buildArchive(input());
    expect(pub.articles.map((x) => x.title)).not.toContain('内部');
    expect(pub.units.map((u) => u.name)).toEqual(['东区', '西区']);
    const internal = buildArchive(input(), { audience: 'internal' });
    expect(internal.articles.map((x) => x.title)).toContain('内部');
    expect(internal.articles.map((x) => x.title)).not.toContain('草稿');
  });

  it('groups articles by reporting unit, newest first', () => {
    const east = buildArchive(input()).units.find((u) => u.name === '东区')!;
    expect(east.articles.map((x) => x.title)).toEqual(['唯一', '第二篇']);
    expect(east.url).toBe('/units/dongqu/');
  });
});

describe('buildCatalog', () => {
  it('describes each published issue with its articles in running order', () => {
    const catalog = buildCatalog(buildArchive(input(), { base: '/b/' }));
    expect(catalog.issues).toHaveLength(3);
    expect(catalog.issues[2]).toMatchObject({
      series: 'a', year: 2021, number: 1, total: null, copies: 10, url: '/b/a/2021/1/', printUrl: '/b/a/2021/1/print/', pdfUrl: null,
      articles: [{ title: '第一篇', unit: '西区', url: '/b/a/2021/1/first/' }, { title: '第二篇', unit: '东区', url: '/b/a/2021/1/second/' }],
    });
    expect(catalog.generated).toBe('2022-01-03');
    expect(catalog.base).toBe('/b/');
  });
});

describe('articlesByYear', () => {
  it('splits a unit’s articles by year, keeping their order', () => {
    const east = buildArchive(input()).units.find((u) => u.name === '东区')!;
    expect(articlesByYear(east.articles).map((g) => [g.year, g.articles.map((a) => a.title)])).toEqual([[2021, ['唯一', '第二篇']]]);
    const all = buildArchive(input(), { audience: 'internal' }).articles;
    expect(articlesByYear(all).map((g) => g.year)).toEqual([2022, 2021]);
  });
});
