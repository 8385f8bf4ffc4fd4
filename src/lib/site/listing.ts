/** Groupings that keep long issue lists browsable: one series' year, months within a year. */
import type { Archive, Issue, Series } from './archive.ts';
import { monthOf } from './format.ts';

export interface SeriesYear {
  series: Series;
  year: number;
  url: string;
  /** Newest first. */
  issues: Issue[];
}

/** One series' issues by year, newest year first (series.issues is already newest first). */
export function seriesYears(a: Archive, series: Series): SeriesYear[] {
  const groups: SeriesYear[] = [];
  for (const issue of series.issues) {
    const last = groups.at(-1);
    if (last?.year === issue.year) last.issues.push(issue);
    else groups.push({ series, year: issue.year, url: a.urls.seriesYear(series.id, issue.year), issues: [issue] });
  }
  return groups;
}

/**
 * Issues a page that lists "everything" shows at least before it hands the
 * rest to the year pages: a bulletin of decades would otherwise make its
 * series page megabytes long on a phone (30,000 articles: 3 MB).
 */
export const RECENT_ISSUES = 20;

/**
 * Year groups (newest first) split into the newest whole years holding at
 * least `min` issues, all of them when there are fewer, and the years before.
 */
export function recentYears<T extends { issues: unknown[] }>(years: T[], min = RECENT_ISSUES): { recent: T[]; earlier: T[] } {
  let shown = 0;
  let cut = 0;
  while (cut < years.length && shown < min) shown += years[cut++].issues.length;
  return { recent: years.slice(0, cut), earlier: years.slice(cut) };
}

/** Static paths for /<series>/<year>/: one series' issues of one year. */
export function seriesYearPaths(a: Archive) {
  return a.series.flatMap((series) =>
    seriesYears(a, series).map((group) => ({ params: { series: series.id, year: String(group.year) }, props: { group } })),
  );
}

/** Issues (newest first) split by month of their date, newest month first. */
export function issuesByMonth(issues: Issue[]): { month: number; issues: Issue[] }[] {
  const groups: { month: number; issues: Issue[] }[] = [];
  for (const issue of issues) {
    const month = monthOf(issue.date);
    const last = groups.at(-1);
    if (last?.month === month) last.issues.push(issue);
    else groups.push({ month, issues: [issue] });
  }
  return groups;
}
