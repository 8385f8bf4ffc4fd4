/**
 * What readers and printing staff see on the built fixture archive: PDF links,
 * word breaks in headings, pinyin order, statistics, footer records, titles
 * and the forwarding addresses.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { allFiles, hasPage, readPage, textOf } from '../helpers/dist.ts';
import { compareZh } from '../../src/lib/site/format.ts';
import { wordBreaks } from '../../src/lib/site/breaks.ts';

const dist = inject('fixtureDist');
const internalDist = inject('fixtureInternalDist');

describe('print and PDF links', () => {
  it('sit under the masthead, before the contents, on the issue page', () => {
    const page = readPage(dist, '/alpha/2023/1/');
    const paper = page.querySelector('.paper')!;
    const order = paper.childNodes.filter((n) => 'classList' in n).map((n) => (n as typeof paper).classList.value[0]);
    expect(order.slice(0, 3)).toEqual(['masthead', 'pdf-links', 'contents']);
    expect(paper.querySelector('.pdf-links a')!.getAttribute('href')).toBe('/alpha/2023/1/print/');
  });

  it('accompany every issue in every list: home, archive, year, series, series-year and unit pages', () => {
    for (const [url, issues] of [['/', 4], ['/archive/', 4], ['/archive/2023/', 2], ['/alpha/', 3], ['/alpha/2023/', 2], ['/units/dongqu/', 3]] as const) {
      const links = readPage(dist, url).querySelectorAll('main .pdf-links__print').map((a) => a.getAttribute('href'));
      expect(new Set(links).size, url).toBe(issues);
      for (const href of links) expect(href, url).toMatch(/\/print\/$/);
    }
  });
});

describe('headings break only between words', () => {
  it('marks the word breaks of mastheads, titles, contents and list entries with <wbr>', () => {
    const page = readPage(dist, '/alpha/2023/1/');
    const words = (sel: string) => page.querySelector(sel)!.querySelector('.words')!.innerHTML.split('<wbr>');
    expect(words('.masthead__title')).toEqual(wordBreaks('测试市工作简报'));
    expect(words('.issue-article .article-heading__title')).toEqual(wordBreaks('元旦假期值守工作平稳有序'));
    expect(words('.contents__list li')).toEqual(wordBreaks('元旦假期值守工作平稳有序'));
    const list = readPage(dist, '/archive/2023/').querySelector('.issue-summary__articles li .words')!;
    expect(list.querySelectorAll('wbr').length).toBeGreaterThan(0);
  });

  it('leaves body text alone', () => {
    const page = readPage(dist, '/alpha/2023/1/zhi-shou/');
    expect(page.querySelector('.prose')!.querySelectorAll('wbr')).toHaveLength(0);
  });
});

describe('units in pinyin order', () => {
  it('lists units on /units/ and in the statistics ties by pinyin, not by code point', () => {
    const names = readPage(dist, '/units/').querySelectorAll('.unit-index li a').map(textOf);
    expect(names).toEqual([...names].sort(compareZh));
    expect(names).toEqual(['北区', '东区', '西区']);
    expect([...names].sort()).not.toEqual(names);
  });

  it('sets the unit apart from the title in contents and lists, outside the link', () => {
    const li = readPage(dist, '/alpha/2023/1/').querySelector('.contents__list li')!;
    expect(textOf(li.querySelector('.unit-label')!)).toBe('东区');
    expect(textOf(li.querySelector('a')!)).toBe('元旦假期值守工作平稳有序');
  });
});

describe('unit statistics', () => {
  it('counts articles without a unit as 未署单位, so 合计 covers every article', () => {
    const page = readPage(dist, '/units/stats/');
    const rows = page.querySelectorAll('.stats-table tbody tr').map((tr) => tr.querySelectorAll('th, td').map(textOf));
    expect(rows.at(-1)).toEqual(['未署单位', '', '1', '1']);
    const articles = allFiles(dist).filter((f) => /^(alpha|beta)\/\d{4}\/\d+\/[a-z-]+\/index\.html$/.test(f) && !f.includes('/print/'));
    expect(textOf(page.querySelector('.stats-table tfoot tr td:last-child')!)).toBe(String(articles.length));
  });

  it('draws the chart as HTML rows with real text and keeps year headers on one line', () => {
    const page = readPage(dist, '/units/stats/');
    expect(page.querySelectorAll('.unit-chart__row .unit-chart__label').map(textOf)).toContain('未署单位');
    expect(page.querySelectorAll('.stats-table thead th.nowrap').map(textOf)).toEqual(['2023年', '2024年']);
  });
});

describe('site.yaml', () => {
  it('puts the site name in the header and the footer records, linked where they must be', () => {
    const page = readPage(dist, '/');
    expect(textOf(page.querySelector('.site-header__title')!)).toBe('测试市简报档案');
    const records = page.querySelectorAll('.site-footer__records li').map(textOf);
    expect(records).toEqual([
      '主办单位：测试市人民政府办公室', '联系方式：电话 0000-1234567 · 邮箱 jianbao@example.gov.cn', 'ICP备案号：测ICP备12345678号-1',
      '公安备案号：测公网安备 37150202000123号', '网站标识码：3715000001',
    ]);
    expect(page.querySelector('[data-record="ICP备案号"] a')!.getAttribute('href')).toBe('https://beian.miit.gov.cn/');
  });

  it('leads the home page with the default series and describes the site', () => {
    const page = readPage(dist, '/');
    // beta's issue is newer, but site.yaml names alpha.
    expect(textOf(page.querySelector('.latest .masthead__title')!)).toBe('测试市工作简报');
    expect(page.querySelector('meta[name="description"]')!.getAttribute('content')).toBe('测试市各类工作简报的公开档案。');
  });
});

describe('titles and headings', () => {
  it('gives the home page an h1 and never doubles the site name in <title>', () => {
    const home = readPage(dist, '/');
    expect(home.querySelectorAll('h1')).toHaveLength(1);
    expect(textOf(home.querySelector('title')!)).toBe('测试市简报档案');
    expect(textOf(readPage(dist, '/archive/').querySelector('title')!)).toBe('往期简报 - 测试市简报档案');
    for (const f of allFiles(dist).filter((f) => f.endsWith('.html'))) {
      const title = textOf(readPage(dist, `/${f.replace(/index\.html$/, '')}`).querySelector('title')!);
      expect(title.split('测试市简报档案').length, f).toBeLessThanOrEqual(2);
    }
  });

  it('lets the skip link move focus into main', () => {
    expect(readPage(dist, '/alpha/2023/1/').querySelector('main#main')!.getAttribute('tabindex')).toBe('-1');
  });

  it('shows dates in the archive overview, not only in tooltips', () => {
    const chips = readPage(dist, '/archive/').querySelectorAll('.issue-chip');
    expect(chips.map((c) => textOf(c.querySelector('.issue-chip__meta')!))).toContain('1月9日 · 2 篇');
  });
});

describe('addresses readers guess', () => {
  it('has a page per series and year', () => {
    const page = readPage(dist, '/alpha/2023/');
    expect(page.querySelectorAll('.issue-summary__title a').map((a) => a.getAttribute('href'))).toEqual(['/alpha/2023/2/', '/alpha/2023/1/']);
    expect(readPage(dist, '/alpha/').querySelector('h2 a[href="/alpha/2023/"]')).not.toBeNull();
  });

  it('forwards the folder spelling /alpha/2023/001/ to /alpha/2023/1/ without script', () => {
    const page = readPage(dist, '/alpha/2023/001/');
    expect(page.querySelector('meta[http-equiv="refresh"]')!.getAttribute('content')).toBe('0; url=/alpha/2023/1/');
    expect(page.querySelector('link[rel="canonical"]')!.getAttribute('href')).toMatch(/\/alpha\/2023\/1\/$/);
    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8')).not.toContain('/alpha/2023/001/');
  });
});

describe('status banners', () => {
  it('mark internal issues in the internal build, and nothing in the public build', () => {
    expect(textOf(readPage(internalDist, '/alpha/2024/2/').querySelector('.status-banner')!)).toMatch(/^内部/);
    expect(textOf(readPage(internalDist, '/alpha/2024/2/nei-bu/').querySelector('.status-banner')!)).toMatch(/^内部/);
    expect(readPage(internalDist, '/alpha/2023/1/').querySelector('.status-banner')).toBeNull();
    const banners = allFiles(dist).filter((f) => f.endsWith('.html') && readFileSync(path.join(dist, f), 'utf8').includes('status-banner'));
    expect(banners).toEqual([]);
    expect(hasPage(dist, '/alpha/2024/3/')).toBe(false);
  });
});
