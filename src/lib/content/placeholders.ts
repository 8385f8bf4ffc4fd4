/**
 * Placeholders `npm run new` writes into a new issue's article stubs, which
 * the checks report until an editor replaces them: warnings while the issue
 * is a draft, errors once it is to be published.
 */

/** Body of a new article. */
export const ARTICLE_PLACEHOLDER = '（在此处填写正文。）';
/** Title of a new article until an editor names it. */
export const TITLE_PLACEHOLDER = '（标题待填写）';
/** Slug of a stub file (`01-article-1.mdx`), to be renamed after the title before publishing. */
export const PLACEHOLDER_SLUG_RE = /^article-\d+$/;

/** File slug of the n-th stub of a new issue. */
export function placeholderSlug(n: number): string {
  return `article-${n}`;
}
