/**
 * The Pagefind records of an archive: one per article, with our
 * Chinese-aware index text (see text.ts), metadata for result lists,
 * filters and a date sort.
 */
import type { Archive, Article } from '../site/archive.ts';
import { formatDateZh, issueLabel } from '../site/format.ts';
import { indexText, writtenForms } from './text.ts';

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

/** The record of one published article; `body` is its body as plain text. */
export function searchRecord(article: Article, body: string): SearchRecord {
  const { issue } = article;
  const written = writtenForms(body);
  return {
    url: article.url,
    content: indexText({ body, heading: [article.unit ?? '', article.title] }),
    // Not 'zh': the index words are already cut and spelt in letters, and Pagefind would run jieba
    // over every one of them for nothing (the same index chunks either way; adding 6,000 articles'
    // records took 15.1 s as zh, 6.3 s as unknown).
    language: 'unknown',
    meta: {
      title: article.title,
      ...(article.unit ? { unit: article.unit } : {}),
      issue: `${issue.series.title} ${issue.year}年${issueLabel(issue.number)}`,
      issueUrl: issue.url,
      date: formatDateZh(issue.date),
      ...(written ? { written } : {}),
      // Only an internal build has internal issues to mark.
      ...(issue.status === 'internal' ? { internal: '1' } : {}),
    },
    filters: {
      [FILTERS.year]: [String(issue.year)],
      [FILTERS.series]: [issue.series.title],
      ...(article.unit ? { [FILTERS.unit]: [article.unit] } : {}),
    },
    sort: { date: issue.date },
  };
}

/** Records for every published article; `bodyText` gives an article's body as plain text. */
export function searchRecords(archive: Archive, bodyText: (article: Article) => string): SearchRecord[] {
  return archive.articles.map((article) => searchRecord(article, bodyText(article)));
}
