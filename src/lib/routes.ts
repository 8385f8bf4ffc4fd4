/**
 * Static paths for every page route, computed from the archive model so the
 * pages themselves stay thin. Each path carries a cache key so Astro's
 * incremental build renders only pages whose content changed.
 */
import type { Archive } from './archive.ts';
import { articleKey, issueKey, seriesKey, siteKey, unitKey, yearKey } from './cache-keys.ts';

export const seriesPaths = (a: Archive) => {
  const site = siteKey(a);
  return a.series.map((series) => ({ params: { series: series.id }, props: { series }, cacheKey: seriesKey(site, series) }));
};

export const yearPaths = (a: Archive) => {
  const site = siteKey(a);
  const years = a.years.map((y) => y.year);
  return a.years.map((group) => ({ params: { year: String(group.year) }, props: { group }, cacheKey: yearKey(site, group, years) }));
};

export const issuePaths = (a: Archive) => {
  const site = siteKey(a);
  return a.issues.map((issue) => ({
    params: { series: issue.series.id, year: String(issue.year), number: String(issue.number) },
    props: { issue },
    cacheKey: issueKey(site, issue),
  }));
};

export const articlePaths = (a: Archive) => {
  const site = siteKey(a);
  return a.articles.map((article) => ({
    params: {
      series: article.issue.series.id,
      year: String(article.issue.year),
      number: String(article.issue.number),
      article: article.slug,
    },
    props: { article },
    cacheKey: articleKey(site, article),
  }));
};

export const unitPaths = (a: Archive) => {
  const site = siteKey(a);
  return a.units.map((unit) => ({ params: { unit: unit.slug }, props: { unit }, cacheKey: unitKey(site, unit) }));
};
