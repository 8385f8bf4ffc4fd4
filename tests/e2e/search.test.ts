import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { useSiteInBrowser } from './harness.ts';
import { SearchPage } from './pages/SearchPage.ts';

const site = useSiteInBrowser(inject('contentDist'));
let page: Page;
beforeAll(async () => void (page = await site.browser.newPage()));

describe('searching in Chromium', () => {
  it('goes from the header form to the right article first, with the phrase marked', async () => {
    await page.goto(`${site.url}/liaocheng-wenming/2021/28/`);
    const search = await SearchPage.fromHeader(page, '斗虎巷');
    expect(await search.status()).toBe('“斗虎巷”共找到 1 篇文章');
    expect(await search.resultLinks()).toEqual(['/liaocheng-wenming/2021/28/li-changping-dudao-jiancha/']);
    expect(await search.marks()).toEqual(['斗虎巷']);
  });

  it('narrows results with a facet and keeps the state in the URL', async () => {
    await page.goto(`${site.url}/`);
    const search = await SearchPage.fromHeader(page, '创城');
    const titles = await search.resultTitles();
    expect(titles.length).toBe(3);
    // Title matches first: the article that only mentions 创城 in its body comes last.
    expect(titles.map((t) => t.includes('创城'))).toEqual([true, true, false]);
    await search.chooseFilter('报送单位', '度假区');
    expect(await search.resultTitles()).toEqual(['度假区多措并举推动创城工作']);
    expect(new URL(page.url()).searchParams.get('报送单位')).toBe('度假区');
  });

  it('says so when nothing matches, rather than matching a single shared character', async () => {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('斗虎城')}`);
    const search = new SearchPage(page);
    await search.settled();
    expect(await search.status()).toBe('没有找到包含“斗虎城”的文章。');
    expect(await search.resultTitles()).toEqual([]);
  });

  it('is usable from the keyboard', async () => {
    await page.goto(`${site.url}/search/`);
    await page.focus('#search-q');
    await page.keyboard.type('网格化管理');
    await page.keyboard.press('Enter');
    const search = new SearchPage(page);
    await page.waitForSelector('.search-result');
    expect(await search.resultLinks()).toEqual(['/liaocheng-wenming/2021/28/duo-cuo-bing-ju/']);
  });
});

describe('search results read well', () => {
  it('shows the query once in the status line, quoted or not', async () => {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('“三个强化”')}`);
    const search = new SearchPage(page);
    await search.settled();
    expect(await search.status()).toMatch(/^“三个强化”共找到 \d+ 篇文章$/);
  });

  it('shows body text only in excerpts, with “…” where it is cut', async () => {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('度假区')}`);
    const search = new SearchPage(page);
    await search.settled();
    const excerpts = await search.excerpts();
    expect(excerpts.length).toBeGreaterThan(0);
    for (const e of excerpts) {
      expect(e).not.toMatch(/^度假区度假区/);
      expect(e).toMatch(/…/);
    }
  });

  it('finds text written with full-width punctuation from a half-width query', async () => {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('市场,李长萍')}`);
    const search = new SearchPage(page);
    await search.settled();
    expect(await search.resultLinks()).toEqual(['/liaocheng-wenming/2021/28/li-changping-dudao-jiancha/']);
    expect(await search.marks()).toEqual(['市场，李长萍']);
  });

  it('lists reporting units by pinyin', async () => {
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('创城')}`);
    const search = new SearchPage(page);
    await search.settled();
    const units = (await search.facetValues('报送单位')).filter((u) => u !== '全部');
    expect(units.length).toBeGreaterThan(1);
    expect(units).toEqual([...units].sort(new Intl.Collator('zh-CN').compare));
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`puts results first and folds the facets on a phone, beside them on a desktop (${scheme})`, async () => {
      const out = path.join(PROJECT_ROOT, 'test-results/search');
      mkdirSync(out, { recursive: true });
      const p = await site.browser.newPage({ colorScheme: scheme });
      const search = new SearchPage(p);
      await p.setViewportSize({ width: 390, height: 844 });
      await p.goto(`${site.url}/search/?q=${encodeURIComponent('创城')}`);
      await search.settled();
      expect(await search.facetsOpen()).toBe(false);
      const phone = await search.positions();
      expect(phone.firstResult).toBeLessThan(phone.facets);
      expect(phone.firstResult).toBeLessThan(844);
      await p.screenshot({ path: path.join(out, `search-390-${scheme}.png`), fullPage: true });
      await search.chooseFilter('报送单位', '度假区');
      expect(await search.resultTitles()).toEqual(['度假区多措并举推动创城工作']);
      await p.setViewportSize({ width: 1280, height: 900 });
      await p.goto(`${site.url}/search/?q=${encodeURIComponent('创城')}`);
      await search.settled();
      expect(await search.facetsOpen()).toBe(true);
      await p.screenshot({ path: path.join(out, `search-1280-${scheme}.png`), fullPage: true });
      await p.close();
    });
  }
});

describe('search without an index', () => {
  it('says search is unavailable instead of hanging', async () => {
    const page = await site.browser.newPage();
    await page.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('斗虎巷')}`);
    await page.waitForFunction(() => /不可用/.test(document.querySelector('#search-status')?.textContent ?? ''));
    expect(await page.locator('.search-result').count()).toBe(0);
    await page.close();
  });
});

describe('what a query fetches', () => {
  it('fetches the index chunks\' word list for a short term only', async () => {
    const page = await site.browser.newPage();
    const lists: string[] = [];
    page.on('request', (r) => void (r.url().includes('jianbao-chunks.json') && lists.push(r.url())));
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('网格化管理')}`);
    const search = new SearchPage(page);
    await search.settled();
    expect(await search.resultLinks()).toEqual(['/liaocheng-wenming/2021/28/duo-cuo-bing-ju/']);
    expect(lists).toEqual([]);
    await search.submit('斗虎巷');
    expect(await search.resultLinks()).toEqual(['/liaocheng-wenming/2021/28/li-changping-dudao-jiancha/']);
    await search.submit('创城');
    expect(lists).toHaveLength(1);
    await page.close();
  });

  it('says a search failed when an index file does not load, instead of hanging', async () => {
    const page = await site.browser.newPage();
    await page.route('**/pagefind/fragment/**', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('网格化管理')}`);
    const search = new SearchPage(page);
    await search.settled();
    expect(await search.status()).toMatch(/^搜索出错/);
    expect(await page.locator('.search-result').count()).toBe(0);
    // The next query, with the files back, works.
    await page.unroute('**/pagefind/fragment/**');
    await search.submit('斗虎巷');
    expect(await search.resultLinks()).toEqual(['/liaocheng-wenming/2021/28/li-changping-dudao-jiancha/']);
    await page.close();
  });
});

describe('search in an internal build', () => {
  const internal = useSiteInBrowser(inject('fixtureInternalDist'));

  it('marks internal articles 内部 in the results', async () => {
    const p = await internal.browser.newPage();
    await p.goto(`${internal.url}/search/?q=INTERNALMARKER`);
    const search = new SearchPage(p);
    await search.settled();
    expect(await search.internalMarks()).toEqual(['内部']);
    await p.goto(`${internal.url}/search/?q=${encodeURIComponent('东区')}`);
    await search.settled();
    expect((await search.resultTitles()).length).toBeGreaterThan(0);
    expect(await search.internalMarks()).toEqual([]);
    await p.close();
  });
});
