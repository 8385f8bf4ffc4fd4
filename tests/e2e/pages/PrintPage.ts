import type { Page } from 'playwright-core';

/** The print view of an issue. */
export class PrintPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  static async open(page: Page, baseUrl: string, path: string): Promise<PrintPage> {
    await page.goto(new URL(path, baseUrl).href);
    await page.waitForSelector('html[data-print-ready], html[data-print-error]');
    return new PrintPage(page);
  }

  /** Pages the view worked out for print. */
  async pageCount(): Promise<number> {
    return Number(await this.page.locator('html').getAttribute('data-print-ready'));
  }

  /** Sheets shown on screen. */
  sheetCount() {
    return this.page.locator('.sheet').count();
  }

  printButtonEnabled() {
    return this.page.locator('#print-button').isEnabled();
  }

  printButtonVisible() {
    return this.page.locator('#print-button').isVisible();
  }

  status() {
    return this.page.locator('#print-status').innerText();
  }

  /** The font note in the toolbar ('' when every official face is installed). */
  fontNote() {
    return this.page.locator('#print-fonts').innerText();
  }

  /** Page numbers shown under the sheets, in order ('' for an unnumbered sheet). */
  sheetNumbers() {
    return this.page.locator('.sheet').evaluateAll((sheets) => sheets.map((s) => s.querySelector('.sheet__number')?.textContent ?? ''));
  }

  /** The text shown on each sheet, whitespace removed: which characters landed on which page. */
  pageTexts(): Promise<string[]> {
    return this.page.evaluate(() => {
      const flow = document.querySelector('.bulletin')!;
      const origin = flow.getBoundingClientRect();
      const pitch = (210 * 96) / 25.4;
      const pages: string[] = [];
      const walker = document.createTreeWalker(flow, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const text = n.textContent ?? '';
        for (let i = 0; i < text.length; i++) {
          if (/\s/.test(text[i])) continue;
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getBoundingClientRect();
          if (!r.width && !r.height) continue;
          const k = Math.floor((r.left - origin.left + 1) / pitch);
          pages[k] = (pages[k] ?? '') + text[i];
        }
      }
      return Array.from(pages, (p) => p ?? '');
    });
  }

  /** Widest content the page lays out, against the viewport width (no sideways scrolling when equal). */
  overflow() {
    return this.page.evaluate(() => ({ content: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  }
}
