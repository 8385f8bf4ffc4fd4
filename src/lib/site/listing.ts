/** Groupings that keep long lists browsable: one series' or unit's year, months within a year, the newest years. */
import { articlesByYear, type Archive, type Article, type Issue, type Series, type Unit } from './archive.ts';
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
 * Issues (or articles) a page that lists "everything" shows at least before
 * it hands the rest to the year pages: a bulletin of decades would otherwise
 * make its series page megabytes long on a phone (30,000 articles: 3 MB).
 */
export const RECENT_MIN = 20;

/**
 * Year groups (newest first) split into the newest whole years holding at
 * least `min` items, all of them when there are fewer, and the years before.
 */
export function recentYears<T>(years: T[], count: (group: T) => number, min = RECENT_MIN): { recent: T[]; earlier: T[] } {
  let shown = 0;
  let cut = 0;
  while (cut < years.length && shown < min) shown += count(years[cut++]);
  return { recent: years.slice(0, cut), earlier: years.slice(cut) };
}

export interface UnitYear {
  unit: Unit;
  year: number;
  url: string;
  /** Newest first. */
  articles: Article[];
}

/** One unit's articles by year, newest year first, each with its page (/units/<unit>/<year>/). */
export function unitYears(a: Archive, unit: Unit): UnitYear[] {
  return articlesByYear(unit.articles).map((g) => ({ unit, year: g.year, url: a.urls.unitYear(unit.slug, g.year), articles: g.articles }));
}

/** Static paths for /units/<unit>/<year>/: one unit's articles of one year. */
export function unitYearPaths(a: Archive) {
  return a.units.flatMap((unit) => unitYears(a, unit).map((group) => ({ params: { unit: unit.slug, year: String(group.year) }, props: { group } })));
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
