/**
 * The seed issue as readers and printing staff see it in Chromium, at desktop
 * and phone widths, light and dark: headings wrap between words only, the
 * print/PDF tools come before the contents, nothing scrolls sideways.
 * Screenshots go to test-results/screens/.
 */
import { describe, expect, inject, it } from 'vitest';
import seed from '../site/seed-expected.ts';
import { wordBreaks } from '../../src/lib/site/breaks.ts';
import { useSiteInBrowser } from './harness.ts';
import { ReadingPage } from './pages/ReadingPage.ts';

const site = useSiteInBrowser(inject('contentDist'));
const ISSUE = '/liaocheng-wenming/2021/28/';

/** Offsets inside `text` where a line may start: the boundaries between wordBreaks runs. */
function allowedStarts(text: string): Set<number> {
  const allowed = new Set<number>();
  let at = 0;
  for (const run of wordBreaks(text)) {
    at += run.length;
    allowed.add(at);
    // A line may also start after spaces that end a run.
    allowed.add(at - (run.length - run.trimEnd().length));
  }
  return allowed;
}

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

describe.each(VIEWPORTS.flatMap((v) => (['light', 'dark'] as const).map((scheme) => ({ ...v, scheme }))))('seed issue at $width px, $scheme', ({ name, width, height, scheme }) => {
  async function open(path: string) {
    const page = await site.browser.newPage({ viewport: { width, height } });
    await page.emulateMedia({ colorScheme: scheme });
    return ReadingPage.open(page, site.url, path);
  }

  it('breaks the masthead, article titles and contents entries only between words', async () => {
    const reader = await open(ISSUE);
    const headings = await reader.lineStarts('.masthead__title .words, .contents__list .words, .article-heading__title .words');
    expect(headings.map((h) => h.text)).toContain(seed.series);
    for (const { text, starts } of headings) {
      const allowed = allowedStarts(text);
      for (const s of starts) expect(allowed.has(s), `${text}: line starts at “${text.slice(s)}”`).toBe(true);
    }
    if (width === 390) {
      // The phone really wraps the masthead, so the check above measured a break.
      const masthead = headings.find((h) => h.text === seed.series)!;
      expect(masthead.starts.length).toBeGreaterThan(0);
    }
    await reader.screenshot(`${name}-${scheme}-issue`);
    await reader.page.close();
  });

  it('puts 打印版 and 下载 PDF under the masthead, above the contents, on the first screen', async () => {
    const reader = await open(ISSUE);
    const tools = reader.pdfTools();
    expect(await tools.locator('a').first().innerText()).toBe('打印版');
    const pdf = tools.locator('a[download]');
    expect(await pdf.innerText()).toMatch(/^下载 PDF(（\d+ 页(，[\d.]+ [KM]B)?）)?$/);
    expect(await pdf.getAttribute('download')).toBe(`${seed.series}2021年第28期.pdf`);
    const toolsTop = await reader.top('.paper > .pdf-links');
    expect(toolsTop).toBeLessThan(await reader.top('.contents'));
    expect(toolsTop).toBeLessThan(height);
    await reader.page.close();
  });

  it.each(['/', '/archive/', '/archive/2021/', '/liaocheng-wenming/', '/liaocheng-wenming/2021/', ISSUE, `${ISSUE}san-ge-qianghua/`, '/units/', '/units/stats/'])(
    '%s fits the width and keeps dates whole',
    async (path) => {
      const reader = await open(path);
      expect(await reader.horizontalOverflow()).toBeLessThanOrEqual(0);
      expect(await reader.wrappedDates()).toEqual([]);
      await reader.screenshot(`${name}-${scheme}${path.replace(/\/$/, '').replace(/\//g, '-') || '-home'}`);
      await reader.page.close();
    },
  );

  it('styles contents links as links, set apart from the unit', async () => {
    const reader = await open(ISSUE);
    const link = await reader.style('.contents__list a', ['color', 'text-decoration-line']);
    const unit = await reader.style('.contents__list .unit-label', ['color', 'text-decoration-line']);
    expect(link['text-decoration-line']).toContain('underline');
    expect(unit['text-decoration-line']).toBe('none');
    expect(link.color).not.toBe(unit.color);
    expect(link.color).not.toBe((await reader.style('.prose p', ['color'])).color);
    await reader.page.close();
  });
});

describe('keyboard', () => {
  it('moves focus into main when the skip link is followed', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${ISSUE}`);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });
});
