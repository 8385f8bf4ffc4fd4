/**
 * Pages of the fixture archive in Chromium: the statistics chart on a phone,
 * the site.yaml footer, units in pinyin order, PDF tools in every list.
 */
import { describe, expect, inject, it } from 'vitest';
import { useSiteInBrowser } from './harness.ts';
import { ReadingPage } from './pages/ReadingPage.ts';

const site = useSiteInBrowser(inject('fixtureDist'));

describe.each([
  { name: 'desktop', width: 1280, scheme: 'light' },
  { name: 'phone', width: 390, scheme: 'light' },
  { name: 'phone', width: 390, scheme: 'dark' },
] as const)('fixture archive at $width px, $scheme', ({ name, width, scheme }) => {
  async function open(path: string) {
    const page = await site.browser.newPage({ viewport: { width, height: 844 } });
    await page.emulateMedia({ colorScheme: scheme });
    return ReadingPage.open(page, site.url, path);
  }

  it('shows the statistics chart with readable text, the 未署单位 row and one-line year headers', async () => {
    const reader = await open('/units/stats/');
    const labels = reader.page.locator('.unit-chart__label');
    expect(await labels.allInnerTexts()).toEqual(['东区', '北区', '西区', '未署单位']);
    const size = parseFloat((await reader.style('.unit-chart__label', ['font-size']))['font-size']);
    expect(size).toBeGreaterThanOrEqual(14);
    // Each year header's text sits on one line (the review saw “2005 / 年” on phones).
    const lines = await reader.page.locator('.stats-table thead th.nowrap').evaluateAll((ths) =>
      ths.map((th) => {
        const range = document.createRange();
        range.selectNodeContents(th);
        return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      }),
    );
    expect(lines).toEqual([1, 1]);
    expect(await reader.horizontalOverflow()).toBeLessThanOrEqual(0);
    await reader.screenshot(`fixture-${name}-${scheme}-stats`);
    await reader.page.close();
  });

  it('shows the footer records from site.yaml and lists every issue with its print link', async () => {
    const reader = await open('/');
    expect(await reader.page.locator('.site-footer__records li').allInnerTexts()).toHaveLength(5);
    await expect(reader.page.locator('.site-footer a[href="https://beian.miit.gov.cn/"]').isVisible()).resolves.toBe(true);
    expect(await reader.page.locator('main .issue-summary .pdf-links__print').count()).toBe(await reader.page.locator('main .issue-summary').count());
    await reader.screenshot(`fixture-${name}-${scheme}-home`);
    await reader.page.close();
  });

  it('shows each issue’s date in the archive overview and fits the width', async () => {
    const reader = await open('/archive/');
    expect(await reader.page.locator('.issue-chip__meta').first().isVisible()).toBe(true);
    expect(await reader.horizontalOverflow()).toBeLessThanOrEqual(0);
    await reader.screenshot(`fixture-${name}-${scheme}-archive`);
    await reader.page.close();
  });
});
