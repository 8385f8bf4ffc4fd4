import type { Page } from 'playwright-core';

/** An article's own page. */
export class ArticlePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  title() {
    return this.page.locator('h1').innerText();
  }

  unit() {
    return this.page.locator('.article-heading__unit').innerText();
  }

  paragraphs() {
    return this.page.locator('.prose p').allTextContents();
  }

  async backToIssue() {
    await this.page.locator('.back-link a').click();
  }
}
