/**
 * Where content lives and where it is published. Paths inside the content
 * tree are the contract editors work to; URLs are what readers bookmark, so
 * both are built here and nowhere else.
 */

export const SERIES_ID_RE = /^[a-z0-9][a-z0-9-]*$/;
export const ARTICLE_SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;

/** Ids that would collide with the site's own pages. */
export const RESERVED_SERIES_IDS = new Set(['archive', 'units', 'search', 'pagefind', 'catalog', 'assets', 'pdf', 'rss', 'articles']);
export const RESERVED_ARTICLE_SLUGS = new Set(['print']);

export interface IssuePathInfo {
  series: string;
  year: number;
  number: number;
}

export interface ArticlePathInfo extends IssuePathInfo {
  order: number;
  slug: string;
}

/** Zero-padded folder name of an issue number: 28 → "028". */
export function issueFolderName(number: number): string {
  return String(number).padStart(3, '0');
}

/** Zero-padded running-order prefix of an article file: 3 → "03". */
export function articleOrderPrefix(order: number): string {
  return String(order).padStart(2, '0');
}

/** Folder of an issue relative to the content root. */
export function issueDir(info: IssuePathInfo): string {
  return `issues/${info.series}/${info.year}/${issueFolderName(info.number)}`;
}

export type ParsedContentPath =
  | { kind: 'series'; series: string }
  | ({ kind: 'issue' } & IssuePathInfo)
  | ({ kind: 'article' } & ArticlePathInfo)
  | { kind: 'unknown'; expected: string };

const ISSUE_DIR_RE = /^issues\/([^/]+)\/(\d{4})\/(\d{3,})\//;

/**
 * Reads a path relative to the content root ("issues/x/2021/028/index.mdx")
 * and says what it is, or what was expected instead.
 */
export function parseContentPath(rel: string): ParsedContentPath {
  const path = rel.replaceAll('\\', '/');
  const series = /^series\/([^/]+)\.ya?ml$/.exec(path);
  if (series) {
    if (RESERVED_SERIES_IDS.has(series[1])) {
      return { kind: 'unknown', expected: `a series id other than ${[...RESERVED_SERIES_IDS].join(', ')} (those are site pages)` };
    }
    return SERIES_ID_RE.test(series[1])
      ? { kind: 'series', series: series[1] }
      : { kind: 'unknown', expected: 'a series id of lowercase ASCII letters, digits and hyphens, e.g. series/liaocheng.yaml' };
  }
  const dir = ISSUE_DIR_RE.exec(path);
  if (!dir) {
    return { kind: 'unknown', expected: 'issues/<series>/<year>/<NNN>/index.mdx or issues/<series>/<year>/<NNN>/<NN>-<slug>.mdx' };
  }
  const [prefix, seriesId, year, num] = dir;
  if (!SERIES_ID_RE.test(seriesId)) {
    return { kind: 'unknown', expected: 'a series folder of lowercase ASCII letters, digits and hyphens' };
  }
  const number = Number(num);
  if (number < 1 || num !== issueFolderName(number)) {
    return { kind: 'unknown', expected: `an issue folder that is the zero-padded issue number, e.g. 028 (got "${num}")` };
  }
  const base = { series: seriesId, year: Number(year), number };
  const file = path.slice(prefix.length);
  if (/^index\.mdx?$/.test(file)) return { kind: 'issue', ...base };
  const art = /^(\d{2,})-([^/]+)\.mdx?$/.exec(file);
  if (art && RESERVED_ARTICLE_SLUGS.has(art[2])) {
    return { kind: 'unknown', expected: `an article slug other than "${art[2]}" (it names the issue's print view)` };
  }
  if (art && ARTICLE_SLUG_RE.test(art[2]) && Number(art[1]) >= 1) {
    return { kind: 'article', ...base, order: Number(art[1]), slug: art[2] };
  }
  return {
    kind: 'unknown',
    expected: 'an article file named <NN>-<slug>.mdx (NN = running order from 01, slug of lowercase ASCII letters, digits and hyphens) directly inside the issue folder',
  };
}
