import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { PROJECT_ROOT } from '../../helpers/build.ts';

/** Where screenshots of the reading pages are kept as test artefacts (not committed). */
export const SCREENS_DIR = path.join(PROJECT_ROOT, 'test-results/screens');

/**
 * Any reading page (home, lists, issue, article, statistics) as a reader sees it:
 * how headings wrap, where the print/PDF tools sit, whether the page scrolls sideways.
 */
export class ReadingPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  static async open(page: Page, baseUrl: string, urlPath: string): Promise<ReadingPage> {
    const res = await page.goto(new URL(urlPath, baseUrl).href);
    if (!res?.ok()) throw new Error(`${urlPath}: HTTP ${res?.status()}`);
    return new ReadingPage(page);
  }

  /**
   * Text of each heading matched by `selector` and the character offsets where its
   * lines start after the first, measured from the rendered line boxes (Range.getClientRects).
   */
  lineStarts(selector: string): Promise<{ text: string; starts: number[] }[]> {
    return this.page.locator(selector).evaluateAll((els) =>
      els.map((el) => {
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        const chars: { top: number }[] = [];
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const s = node.textContent ?? '';
          for (let i = 0; i < s.length; i++) {
            const range = document.createRange();
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = [...range.getClientRects()].at(-1);
            chars.push({ top: rect ? rect.top : NaN });
          }
          text += s;
        }
        const starts: number[] = [];
        let lineTop = chars[0]?.top ?? 0;
        chars.forEach((c, i) => {
          // Spaces at a line end may report the previous line; only visible characters decide.
          if (/\s/.test(text[i]) || Number.isNaN(c.top)) return;
          if (c.top > lineTop + 4) {
            starts.push(i);
            lineTop = c.top;
          }
        });
        return { text, starts };
      }),
    );
  }

  /** How many pixels the page scrolls sideways (0 when it fits). */
  horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  }

  /** Top edge, in page pixels, of the first element matching `selector`. */
  async top(selector: string): Promise<number> {
    const box = await this.page.locator(selector).first().boundingBox();
    if (!box) throw new Error(`${selector} is not visible`);
    return box.y + (await this.page.evaluate(() => window.scrollY));
  }

  pdfTools(): Locator {
    return this.page.locator('.paper > .pdf-links').first();
  }

  /** <time> elements whose text wraps onto more than one line. */
  wrappedDates(): Promise<string[]> {
    return this.page.locator('time').evaluateAll((els) =>
      els.filter((el) => el.getClientRects().length > 1 || el.getBoundingClientRect().height > parseFloat(getComputedStyle(el).lineHeight) * 1.5).map((el) => el.textContent ?? ''),
    );
  }

  /** Computed styles of the first element matching `selector`. */
  style(selector: string, props: string[]): Promise<Record<string, string>> {
    return this.page.locator(selector).first().evaluate((el, ps) => {
      const cs = getComputedStyle(el);
      return Object.fromEntries(ps.map((p) => [p, cs.getPropertyValue(p)]));
    }, props);
  }

  /** Saves a full-page screenshot under test-results/screens/. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENS_DIR, { recursive: true });
    const file = path.join(SCREENS_DIR, `${name}.png`);
    await this.page.screenshot({ path: file, fullPage: true });
    return file;
  }
}
