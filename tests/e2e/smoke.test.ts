import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import seed from '../site/seed-expected.ts';
import { useSiteInBrowser } from './harness.ts';
import { IssuePage } from './pages/IssuePage.ts';

const site = useSiteInBrowser(inject('contentDist'));
let page: Page;
beforeAll(async () => void (page = await site.browser.newPage()));

describe('reading the seed issue in Chromium', () => {
  it('opens the issue page and follows an article link', async () => {
    const issue = await IssuePage.open(page, site.url, '/liaocheng-wenming/2021/28/');
    expect(await issue.mastheadTitle()).toBe(seed.series);
    expect(await issue.contentsEntries()).toHaveLength(seed.articles.length);
    expect(await issue.closingLines()).toContain(`共印 ${seed.copies} 份`);

    const article = await issue.openArticle(seed.articles[2].title);
    expect(page.url()).toBe(`${site.url}/liaocheng-wenming/2021/28/ba-xiang-zhuanxiang-zhengzhi/`);
    expect(await article.title()).toBe(seed.articles[2].title);
    expect(await article.unit()).toBe(seed.articles[2].unit);
    expect(await article.paragraphs()).toEqual(seed.articles[2].paragraphs);

    await article.backToIssue();
    expect(page.url()).toBe(`${site.url}/liaocheng-wenming/2021/28/`);
  });

  it('fits a 360 px phone without sideways scrolling', async () => {
    const phone = await site.browser.newPage({ viewport: { width: 360, height: 740 } });
    await phone.goto(`${site.url}/liaocheng-wenming/2021/28/`);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.close();
  });

  it('submits the header search form to /search/?q=', async () => {
    await page.goto(`${site.url}/`);
    await page.fill('#site-search', '斗虎巷');
    await Promise.all([page.waitForURL(/\/search\//), page.press('#site-search', 'Enter')]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('斗虎巷');
  });
});
