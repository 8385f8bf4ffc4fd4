/** The site's URL scheme: every address readers bookmark is built here and nowhere else. */
import { issueFolderName, type IssuePathInfo } from '../content/layout.ts';

/** Builds site URLs under a base path ("/" or "/bulletins/"). */
export function createUrls(base = '/') {
  const root = base.endsWith('/') ? base : `${base}/`;
  const issue = (i: IssuePathInfo) => `${root}${i.series}/${i.year}/${i.number}/`;
  return {
    home: () => root,
    asset: (file: string) => `${root}${file.replace(/^\//, '')}`,
    archive: () => `${root}archive/`,
    year: (year: number) => `${root}archive/${year}/`,
    series: (id: string) => `${root}${id}/`,
    seriesYear: (id: string, year: number) => `${root}${id}/${year}/`,
    issue,
    print: (i: IssuePathInfo) => `${issue(i)}print/`,
    /** File name carries series, year and number so a downloaded PDF still says what it is. */
    pdf: (i: IssuePathInfo) => `${issue(i)}${i.series}-${i.year}-${issueFolderName(i.number)}.pdf`,
    article: (a: IssuePathInfo & { slug: string }) => `${issue(a)}${a.slug}/`,
    units: () => `${root}units/`,
    unitStats: () => `${root}units/stats/`,
    feed: () => `${root}rss.xml`,
    articleFeed: () => `${root}articles.xml`,
    unit: (slug: string) => `${root}units/${slug}/`,
    unitYear: (slug: string, year: number) => `${root}units/${slug}/${year}/`,
    search: (q?: string) => `${root}search/${q ? `?q=${encodeURIComponent(q)}` : ''}`,
  };
}

export type Urls = ReturnType<typeof createUrls>;
