import { describe, expect, it } from 'vitest';
import { buildArchive, type ArchiveInput } from '../../../src/lib/site/archive.ts';
import { NO_UNIT, unitStats } from '../../../src/lib/site/stats.ts';

const issue = (file: string, number: number, date: string) => ({ key: file, file, hasIntro: false, data: { number, date, status: 'published' as const } });
const article = (file: string, title: string, unit?: string) => ({ key: file, file, data: { title, unit } });

function input(): ArchiveInput {
  return {
    series: [{ key: 'a', file: 'series/a.yaml', data: { title: 'A简报', issuer: 'A办' } }],
    issues: [issue('issues/a/2021/001/index.mdx', 1, '2021-01-05'), issue('issues/a/2022/001/index.mdx', 1, '2022-01-05')],
    articles: [
      article('issues/a/2021/001/01-a.mdx', '甲', '市市场监管局'),
      article('issues/a/2021/001/02-b.mdx', '乙', '度假区'),
      article('issues/a/2021/001/03-c.mdx', '丙'),
      article('issues/a/2022/001/01-d.mdx', '丁', '开发区'),
      article('issues/a/2022/001/02-e.mdx', '戊', '度假区'),
    ],
  };
}

describe('unitStats', () => {
  it('counts every article: those without a unit in a 未署单位 row, so 合计 equals the article count', () => {
    const stats = unitStats(buildArchive(input()));
    expect(stats.years).toEqual([2021, 2022]);
    expect(stats.rows.at(-1)).toEqual({ name: NO_UNIT, counts: [1, 0], total: 1 });
    expect(stats.totals.reduce((a, b) => a + b, 0)).toBe(5);
  });

  it('puts the most used units first and breaks ties in pinyin order', () => {
    const stats = unitStats(buildArchive(input()));
    expect(stats.rows.map((r) => r.name)).toEqual(['度假区', '开发区', '市市场监管局', NO_UNIT]);
    expect(stats.rows[0]).toMatchObject({ counts: [1, 1], total: 2, url: '/units/dujiaqu/' });
  });

  it('has no 未署单位 row when every article names its unit', () => {
    const all = input();
    all.articles = all.articles.filter((a) => a.data.unit);
    expect(unitStats(buildArchive(all)).rows.map((r) => r.name)).not.toContain(NO_UNIT);
  });
});
