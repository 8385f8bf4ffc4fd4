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

  /** Types a query into the page's own form and submits; waits for that query's answer. */
  async submit(query: string): Promise<void> {
    const before = await this.page.evaluate(() => document.documentElement.dataset.searchDone);
    await this.page.fill('#search-q', query);
    await this.page.press('#search-q', 'Enter');
    await this.page.waitForFunction((b) => document.documentElement.dataset.searchDone !== b && !/正在/.test(document.querySelector('#search-status')?.textContent ?? ''), before);
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

  excerpts() {
    return this.page.locator('.search-result__excerpt').allInnerTexts();
  }

  internalMarks() {
    return this.page.locator('.search-result__internal').allInnerTexts();
  }

  /** Values of a facet group in the order shown, without their counts. */
  facetValues(group: string) {
    return this.page.locator('fieldset.facet', { hasText: group }).locator('.facet__option').evaluateAll((ls) => ls.map((l) => (l.firstChild?.nextSibling?.textContent ?? '').trim()));
  }

  /** Whether the facets are unfolded. */
  facetsOpen() {
    return this.page.locator('#search-facets-box').evaluate((d) => (d as HTMLDetailsElement).open);
  }

  /** Vertical positions of the first result and of the facets, in page pixels. */
  async positions(): Promise<{ firstResult: number; facets: number }> {
    const top = (sel: string) => this.page.locator(sel).first().evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
    return { firstResult: await top('.search-result'), facets: await top('#search-facets-box') };
  }

  async chooseFilter(group: string, value: string): Promise<void> {
    const before = await this.page.evaluate(() => document.documentElement.dataset.searchDone);
    if (!(await this.facetsOpen())) await this.page.locator('#search-facets-box > summary').click();
    await this.page.locator('fieldset.facet', { hasText: group }).getByLabel(value).check();
    await this.page.waitForFunction((b) => document.documentElement.dataset.searchDone !== b, before);
  }
}
