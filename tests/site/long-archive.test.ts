/**
 * A bulletin of many years: the series page, the archive overview and a
 * unit's page show the newest years and hand the years before to their own pages,
 * so they stay short however long the archive grows; nothing becomes
 * unreachable. Built for real from a generated content tree (65 issues).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleOrderPrefix, issueDir } from '../../src/lib/content/layout.ts';
import { frontmatter } from '../../src/lib/editor/issue-files.ts';
import { RECENT_MIN } from '../../src/lib/site/listing.ts';
import { useBuiltContent } from '../helpers/built-content.ts';
import { readPage, textOf } from '../helpers/dist.ts';

// Newest year short of RECENT_MIN, so the page must reach back into the year before.
const YEARS: [year: number, issues: number][] = [[2004, 30], [2005, 30], [2006, 5]];

const links = (urlPath: string, selector: string) =>
  readPage(site.dist, urlPath).querySelectorAll(selector).map((a) => a.getAttribute('href'));
const issueUrl = (year: number, number: number) => `/changxian/${year}/${number}/`;

const site = useBuiltContent(async (content) => {
  const write = async (file: string, text: string) => {
    await mkdir(path.dirname(path.join(content, file)), { recursive: true });
    await writeFile(path.join(content, file), text);
  };
  await write('site.yaml', 'name: 长线简报档案\ndefaultSeries: changxian\n');
  await write('series/changxian.yaml', 'title: 长线工作简报\nissuer: 测试市长线办公室\n');
  for (const [year, count] of YEARS) {
    for (let number = 1; number <= count; number++) {
      const dir = issueDir({ series: 'changxian', year, number });
      const date = new Date(Date.UTC(year, 0, 7 * number)).toISOString().slice(0, 10);
      await write(`${dir}/index.mdx`, frontmatter({ number, date }));
      await write(`${dir}/${articleOrderPrefix(1)}-gong-zuo.mdx`, frontmatter({ title: `${year}年第${number}期工作动态`, unit: '东区' }, '本期报道各项工作进展。'));
    }
  }
});

describe('a series of many years', () => {
  it('shows its newest whole years up to at least RECENT_MIN issues, and links every year', () => {
    expect(RECENT_MIN).toBeGreaterThan(5);
    expect(RECENT_MIN).toBeLessThanOrEqual(35);
    const page = readPage(site.dist, '/changxian/');
    expect(page.querySelectorAll('section h2').map(textOf)).toEqual(['2006年（5 期）', '2005年（30 期）', '往年（30 期）']);
    const shown = links('/changxian/', '.issue-summary a[href$="/"]').filter((h) => /^\/changxian\/\d{4}\/\d+\/$/.test(h ?? ''));
    expect(new Set(shown)).toEqual(new Set([...Array.from({ length: 5 }, (_, i) => issueUrl(2006, i + 1)), ...Array.from({ length: 30 }, (_, i) => issueUrl(2005, i + 1))]));
    expect(links('/changxian/', 'nav[aria-label="按年份浏览"] a')).toEqual(['/changxian/2006/', '/changxian/2005/', '/changxian/2004/']);
    expect(links('/changxian/', 'nav[aria-label="往年"] a')).toEqual(['/changxian/2004/']);
  });

  it('leaves no issue unreachable: the earlier year’s page lists all of its issues', () => {
    const listed = new Set(links('/changxian/2004/', 'a').filter((h) => /^\/changxian\/2004\/\d+\/$/.test(h ?? '')));
    expect(listed).toEqual(new Set(Array.from({ length: 30 }, (_, i) => issueUrl(2004, i + 1))));
  });

  it('does the same on the archive overview', () => {
    const page = readPage(site.dist, '/archive/');
    expect(page.querySelectorAll('section h2').map(textOf)).toEqual(['2006年（5 期）', '2005年（30 期）', '往年（30 期）']);
    expect(page.querySelectorAll('.issue-chip').length).toBe(35);
    expect(links('/archive/', 'nav[aria-label="往年"] a')).toEqual(['/archive/2004/']);
    expect(new Set(links('/archive/2004/', 'a').filter((h) => /^\/changxian\/2004\/\d+\/$/.test(h ?? ''))).size).toBe(30);
  });
});

describe('a unit reporting for many years', () => {
  const articlePath = /^\/changxian\/\d{4}\/\d+\/gong-zuo\/$/;

  it('shows its newest whole years in full and links every year\'s own page', () => {
    const page = readPage(site.dist, '/units/dongqu/');
    expect(page.querySelectorAll('section h2').map(textOf)).toEqual(['2006年（5 篇）', '2005年（30 篇）', '往年（30 篇）']);
    expect(links('/units/dongqu/', '.article-list a').filter((h) => articlePath.test(h ?? ''))).toHaveLength(35);
    expect(links('/units/dongqu/', 'nav[aria-label="按年份浏览"] a')).toEqual(['/units/dongqu/2006/', '/units/dongqu/2005/', '/units/dongqu/2004/']);
    expect(links('/units/dongqu/', 'nav[aria-label="往年"] a')).toEqual(['/units/dongqu/2004/']);
  });

  it('lists every article of a year on that year\'s page', () => {
    const listed = links('/units/dongqu/2004/', '.article-list a').filter((h) => articlePath.test(h ?? ''));
    expect(new Set(listed)).toEqual(new Set(Array.from({ length: 30 }, (_, i) => `${issueUrl(2004, i + 1)}gong-zuo/`)));
    const page = readPage(site.dist, '/units/dongqu/2004/');
    expect(textOf(page.querySelector('h1')!)).toBe('2004年（30 篇）');
    expect(page.querySelector('nav[aria-label="按年份浏览"] a[aria-current="page"]')!.getAttribute('href')).toBe('/units/dongqu/2004/');
  });
});
