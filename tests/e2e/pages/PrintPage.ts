import type { Page } from 'playwright-core';

/** The print view of an issue. */
export class PrintPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  static async open(page: Page, baseUrl: string, path: string): Promise<PrintPage> {
    await page.goto(new URL(path, baseUrl).href);
    await page.waitForSelector('html[data-print-ready]');
    return new PrintPage(page);
  }

  /** Pages the view worked out for print. */
  async pageCount(): Promise<number> {
    return Number(await this.page.locator('html').getAttribute('data-print-ready'));
  }

  printButtonEnabled() {
    return this.page.locator('#print-button').isEnabled();
  }

  status() {
    return this.page.locator('#print-status').innerText();
  }
}
