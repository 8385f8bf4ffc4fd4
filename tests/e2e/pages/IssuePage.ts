import type { Page } from 'playwright-core';
import { ArticlePage } from './ArticlePage.ts';

/** The web view of one issue: masthead, contents, articles, closing block. */
export class IssuePage {
  readonly page: Page;

  constructor(page: Page) {
    this.page = page;
  }

  static async open(page: Page, baseUrl: string, path: string): Promise<IssuePage> {
    await page.goto(new URL(path, baseUrl).href);
    return new IssuePage(page);
  }

  mastheadTitle() {
    return this.page.locator('.masthead__title').innerText();
  }

  contentsEntries() {
    return this.page.locator('.contents__list li').allInnerTexts();
  }

  closingLines() {
    return this.page.locator('.closing p').allInnerTexts();
  }

  /** Follows the article's title link (the heading above its text) to the article's own page. */
  async openArticle(title: string): Promise<ArticlePage> {
    await Promise.all([
      this.page.waitForURL((u) => !u.hash),
      this.page.locator('.issue-article .article-heading__title a', { hasText: title }).click(),
    ]);
    return new ArticlePage(this.page);
  }
}
