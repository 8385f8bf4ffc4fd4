import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
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
    expect((await search.resultTitles()).length).toBe(3);
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
