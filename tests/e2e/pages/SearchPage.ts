import type { Page } from 'playwright-core';

/** The /search/ page. */
export class SearchPage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  /** Types into the site header's search form and submits, as a reader would. */
  static async fromHeader(page: Page, query: string): Promise<SearchPage> {
    await page.fill('#site-search', query);
    await Promise.all([page.waitForURL(/\/search\/\?/), page.press('#site-search', 'Enter')]);
    const search = new SearchPage(page);
    await search.settled();
    return search;
  }

  async settled(): Promise<void> {
    await this.page.waitForFunction(() => document.documentElement.dataset.searchDone !== undefined && !/正在/.test(document.querySelector('#search-status')?.textContent ?? ''));
  }

  status() {
    return this.page.locator('#search-status').innerText();
  }

  resultTitles() {
    return this.page.locator('.search-result__title').allInnerTexts();
  }

  resultLinks() {
    return this.page.locator('.search-result__link').evaluateAll((as) => as.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  }

  marks() {
    return this.page.locator('.search-result mark').allInnerTexts();
  }

  async chooseFilter(group: string, value: string): Promise<void> {
    const before = await this.page.evaluate(() => document.documentElement.dataset.searchDone);
    await this.page.locator('fieldset.facet', { hasText: group }).getByLabel(value).check();
    await this.page.waitForFunction((b) => document.documentElement.dataset.searchDone !== b, before);
  }
}
