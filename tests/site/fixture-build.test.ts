import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Catalog } from '../../src/lib/site/catalog.ts';
import { allFiles, hasPage, readPage, textOf } from '../helpers/dist.ts';

const dist = inject('fixtureDist');
const internalDist = inject('fixtureInternalDist');

describe('public build of the fixture archive', () => {
  it('has every reading page', () => {
    for (const url of [
      '/', '/archive/', '/archive/2023/', '/archive/2024/', '/alpha/', '/beta/',
      '/alpha/2023/1/', '/alpha/2023/1/zhi-shou/', '/alpha/2023/1/wang-ge/', '/alpha/2023/2/', '/alpha/2024/1/', '/beta/2024/1/',
      '/units/', '/units/dongqu/', '/units/xiqu/', '/search/', '/404.html', '/catalog.json',
    ]) expect(hasPage(dist, url), url).toBe(true);
  });

  it('shows the masthead, contents, articles and closing block on the issue page', () => {
    const page = readPage(dist, '/alpha/2023/1/');
    expect(textOf(page.querySelector('.masthead__title')!)).toBe('测试市工作简报');
    expect(textOf(page.querySelector('.masthead__number')!)).toBe('第 1 期（总第 41 期）');
    expect(textOf(page.querySelector('.masthead__issuer')!)).toBe('测试市人民政府办公室');
    expect(textOf(page.querySelector('.masthead__date')!)).toBe('2023年1月9日');
    expect(page.querySelectorAll('.contents__list li').map(textOf)).toEqual(['东区元旦假期值守工作平稳有序', '西区网格化管理提升基层治理水平']);
    expect(textOf(page.querySelector('.intro')!)).toContain('编者按：本期刊发元旦假期值守情况');
    expect(page.querySelectorAll('.issue-article .article-heading__unit').map(textOf)).toEqual(['东区', '西区']);
    expect(page.querySelector('.issue-article table')).not.toBeNull();
    const closing = page.querySelectorAll('.closing p').map(textOf);
    expect(closing).toEqual(['报：市委常委', '发：各区县人民政府，市直各部门', '共印 120 份']);
    expect(page.querySelector('a[rel="next"]')!.getAttribute('href')).toBe('/alpha/2023/2/');
  });

  it('shows the classification mark and 送 line when an issue has them', () => {
    const page = readPage(dist, '/alpha/2023/2/');
    expect(textOf(page.querySelector('.masthead__classification')!)).toBe('内部资料 注意保存');
    expect(page.querySelectorAll('.closing p').map(textOf)).toContain('送：市人大常委会办公室');
  });

  it('links an article to its issue, its neighbours and its unit', () => {
    const page = readPage(dist, '/alpha/2023/1/zhi-shou/');
    expect(textOf(page.querySelector('h1')!)).toBe('元旦假期值守工作平稳有序');
    expect(page.querySelector('.article-heading__unit a')!.getAttribute('href')).toBe('/units/dongqu/');
    expect(page.querySelector('a[rel="next"]')!.getAttribute('href')).toBe('/alpha/2023/1/wang-ge/');
    expect(page.querySelector('.back-link a')!.getAttribute('href')).toBe('/alpha/2023/1/');
  });

  it('lists a unit’s articles newest first across series', () => {
    const titles = readPage(dist, '/units/dongqu/').querySelectorAll('.article-list > li > a').map(textOf);
    expect(titles).toEqual(['安全生产大检查取得阶段性成效', '春耕备耕工作全面展开', '元旦假期值守工作平稳有序']);
  });

  it('groups the archive by year, newest first, and by series when there are several', () => {
    const page = readPage(dist, '/archive/');
    expect(page.querySelectorAll('.year-group h2').map(textOf)).toEqual(['2024年（2 期）', '2023年（2 期）']);
    const y2023 = page.querySelectorAll('.year-group')[1];
    expect(y2023.querySelectorAll('.issue-index__series').map(textOf)).toEqual(['测试市工作简报']);
    expect(y2023.querySelectorAll('.issue-index__list .issue-chip__link').map((a) => a.getAttribute('href'))).toEqual(['/alpha/2023/1/', '/alpha/2023/2/']);
    const year = readPage(dist, '/archive/2023/');
    expect(year.querySelectorAll('.issue-summary__articles li').map(textOf)).toEqual(['东区春耕备耕工作全面展开', '东区元旦假期值守工作平稳有序', '西区网格化管理提升基层治理水平']);
  });

  it('puts no script on reading pages (only search and the print view have any)', () => {
    const offenders = allFiles(dist)
      .filter((f) => f.endsWith('.html') && !f.startsWith('search/') && !f.includes('/print/'))
      .filter((f) => /<script\b/i.test(readFileSync(path.join(dist, f), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('writes a catalogue of published issues only', () => {
    const catalog: Catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
    expect(catalog.series.map((s) => s.id)).toEqual(['alpha', 'beta']);
    expect(catalog.issues.map((i) => `${i.series}/${i.year}/${i.number}`)).toEqual(['beta/2024/1', 'alpha/2024/1', 'alpha/2023/2', 'alpha/2023/1']);
    expect(catalog.issues[3]).toEqual({
      series: 'alpha', year: 2023, number: 1, total: 41, date: '2023-01-09', issuer: '测试市人民政府办公室', classification: null,
      reportTo: ['市委常委'], copyTo: [], sendTo: ['各区县人民政府', '市直各部门'], copies: 120, status: 'published',
      url: '/alpha/2023/1/', printUrl: '/alpha/2023/1/print/', pdfUrl: null,
      articles: [
        { title: '元旦假期值守工作平稳有序', unit: '东区', url: '/alpha/2023/1/zhi-shou/' },
        { title: '网格化管理提升基层治理水平', unit: '西区', url: '/alpha/2023/1/wang-ge/' },
      ],
    });
  });

  it('leaves no trace of internal or draft issues anywhere in dist', () => {
    const leaks = allFiles(dist).filter((f) => {
      const text = readFileSync(path.join(dist, f), 'utf8');
      return /INTERNALMARKER|DRAFTMARKER|内部通报甲乙丙|草稿文章丁戊己|保密单位|草稿单位/.test(text);
    });
    expect(leaks).toEqual([]);
    expect(hasPage(dist, '/alpha/2024/2/')).toBe(false);
    expect(hasPage(dist, '/alpha/2024/3/')).toBe(false);
  });
});

describe('a build without Chromium', () => {
  it('succeeds, says so once, and links no PDF', () => {
    const log = inject('fixtureBuildLog');
    expect(log.match(/No Chromium found/g)).toHaveLength(1);
    expect(log).toMatch(/apt-get install -y chromium/);
    const catalog: Catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
    expect(catalog.issues.every((i) => i.pdfUrl === null)).toBe(true);
    expect(allFiles(dist).filter((f) => f.endsWith('.pdf'))).toEqual([]);
    expect(readPage(dist, '/alpha/2023/1/').querySelector('a[download]')).toBeNull();
  });

  it('still has a print view of every issue', () => {
    for (const url of ['/alpha/2023/1/print/', '/alpha/2023/2/print/', '/alpha/2024/1/print/', '/beta/2024/1/print/']) expect(hasPage(dist, url), url).toBe(true);
    const print = readPage(dist, '/alpha/2023/1/print/');
    expect(textOf(print.querySelector('.masthead__title')!)).toBe('测试市工作简报');
    expect(print.querySelectorAll('.closing p').map(textOf)).toEqual(['报：市委常委', '发：各区县人民政府，市直各部门', '共印 120 份']);
  });
});

describe('internal build (BULLETIN_INCLUDE=internal)', () => {
  it('includes internal issues, marked as such, but never drafts', () => {
    expect(hasPage(internalDist, '/alpha/2024/2/')).toBe(true);
    expect(textOf(readPage(internalDist, '/alpha/2024/2/').querySelector('.masthead__internal')!)).toBe('内部版本');
    expect(hasPage(internalDist, '/alpha/2024/3/')).toBe(false);
    const drafts = allFiles(internalDist).filter((f) => /DRAFTMARKER|草稿单位/.test(readFileSync(path.join(internalDist, f), 'utf8')));
    expect(drafts).toEqual([]);
  });

  it('marks internal material wherever it appears: article page, catalogue, feeds', () => {
    const article = readPage(internalDist, '/alpha/2024/2/nei-bu/');
    expect(textOf(article.querySelector('.article__source .badge')!)).toBe('内部');
    const catalog: Catalog = JSON.parse(readFileSync(path.join(internalDist, 'catalog.json'), 'utf8'));
    expect(catalog.issues.find((i) => i.url === '/alpha/2024/2/')!.status).toBe('internal');
    expect(catalog.issues.filter((i) => i.status !== 'internal').every((i) => i.status === 'published')).toBe(true);
    expect(readFileSync(path.join(internalDist, 'rss.xml'), 'utf8')).toMatch(/<title>【内部】测试市工作简报 2024年第 2 期<\/title>/);
    expect(readFileSync(path.join(internalDist, 'articles.xml'), 'utf8')).toMatch(/<title>【内部】[^<]*<\/title>/);
  });
});
