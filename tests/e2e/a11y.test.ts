/** Accessibility in Chromium with axe-core: no serious or critical violations, right language. */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { describe, expect, inject, it } from 'vitest';
import { useSiteInBrowser } from './harness.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const site = useSiteInBrowser(inject('contentDist'));

describe('accessibility', () => {
  it.each([
    ['home', '/'],
    ['archive', '/archive/'],
    ['issue', '/liaocheng-wenming/2021/28/'],
    ['article', '/liaocheng-wenming/2021/28/san-ge-qianghua/'],
    ['unit', '/units/dongchangfuqu/'],
    ['unit, one year', '/units/dongchangfuqu/2021/'],
    ['unit statistics', '/units/stats/'],
    ['search', '/search/?q=%E5%88%9B%E5%9F%8E'],
    ['home, dark mode', '/', 'dark'],
    ['search, dark mode', '/search/?q=%E5%88%9B%E5%9F%8E', 'dark'],
  ] as [string, string, ('light' | 'dark')?][])('%s page has no serious or critical violations', async (_, url, colorScheme = 'light') => {
    const page = await site.browser.newPage({ colorScheme });
    await page.goto(`${site.url}${url}`);
    if (url.startsWith('/search/')) await page.waitForSelector('.search-result');
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    await page.addScriptTag({ content: axeSource });
    const violations = await page.evaluate(async () => {
      // @ts-expect-error axe is injected above
      const result = await window.axe.run(document, { resultTypes: ['violations'] });
      return result.violations
        .filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
        .map((v: { id: string; nodes: { target: string[] }[] }) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
    await page.close();
  });

  it('reaches the search box and the first article link from the keyboard', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}/liaocheng-wenming/2021/28/`);
    const focused: string[] = [];
    for (let i = 0; i < 12; i++) {
      await page.keyboard.press('Tab');
      focused.push(await page.evaluate(() => document.activeElement?.id || document.activeElement?.textContent?.trim() || ''));
    }
    expect(focused[0]).toBe('跳到正文');
    expect(focused).toContain('site-search');
    expect(focused).toContain('李长萍督导检查全国文明城市创建工作');
    await page.close();
  });
});
