/**
 * Static paths for every page route, computed from the archive model so the
 * pages themselves stay thin.
 */
import type { Archive } from './archive.ts';

export const seriesPaths = (a: Archive) => a.series.map((series) => ({ params: { series: series.id }, props: { series } }));

export const yearPaths = (a: Archive) => a.years.map((group) => ({ params: { year: String(group.year) }, props: { group } }));

export const issuePaths = (a: Archive) =>
  a.issues.map((issue) => ({
    params: { series: issue.series.id, year: String(issue.year), number: String(issue.number) },
    props: { issue },
  }));

export const articlePaths = (a: Archive) =>
  a.articles.map((article) => ({
    params: {
      series: article.issue.series.id,
      year: String(article.issue.year),
      number: String(article.issue.number),
      article: article.slug,
    },
    props: { article },
  }));

export const unitPaths = (a: Archive) => a.units.map((unit) => ({ params: { unit: unit.slug }, props: { unit } }));
