/**
 * The Pagefind records of an archive: one per article, with our
 * Chinese-aware text (see search-text.ts), metadata for result lists,
 * filters and a date sort.
 */
import { parse } from 'node-html-parser';
import type { Archive, Article } from './archive.ts';
import { formatDateZh, issueLabel } from './format.ts';
import { indexText } from './search-text.ts';

export interface SearchRecord {
  url: string;
  content: string;
  language: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
  sort: Record<string, string>;
}

/** Filter names as readers see them in the facets. */
export const FILTERS = { year: '年份', series: '简报', unit: '报送单位' } as const;

/** The article's body text from its built page: paragraphs and table cells, in order. */
export function articleBodyText(html: string): string {
  // Parse only the <article> element: the rest of the page is chrome.
  const start = html.indexOf('<article');
  const end = html.lastIndexOf('</article>');
  const prose = parse(start >= 0 && end > start ? html.slice(start, end + 10) : html).querySelector('.prose');
  if (!prose) return '';
  return prose
    .querySelectorAll('p, li, th, td, h2, h3, h4')
    // A paragraph inside a list item or cell is already in that element's text.
    .filter((el) => !(el.tagName === 'P' && el.parentNode?.closest?.('li, td, th')))
    .map((el) => el.textContent.trim())
    .filter(Boolean)
    .join('\n');
}

/** Records for every published article; `bodyText` gives an article's body as plain text. */
export function searchRecords(archive: Archive, bodyText: (article: Article) => string): SearchRecord[] {
  return archive.articles.map((article) => {
    const { issue } = article;
    const heading = [article.unit, article.title].filter(Boolean).join('\n');
    return {
      url: article.url,
      content: indexText(`${heading}\n${bodyText(article)}`),
      language: 'zh',
      meta: {
        title: article.title,
        ...(article.unit ? { unit: article.unit } : {}),
        issue: `${issue.series.title} ${issue.year}年${issueLabel(issue.number)}`,
        issueUrl: issue.url,
        date: formatDateZh(issue.date),
      },
      filters: {
        [FILTERS.year]: [String(issue.year)],
        [FILTERS.series]: [issue.series.title],
        ...(article.unit ? { [FILTERS.unit]: [article.unit] } : {}),
      },
      sort: { date: issue.date },
    };
  });
}
