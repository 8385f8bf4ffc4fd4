/**
 * Static paths for every page route, computed from the archive model so the
 * pages themselves stay thin. In a sharded build (src/lib/settings.ts,
 * `shard`) each process returns only the paths of its shard.
 */
import type { Archive } from './archive.ts';
import { rendersIssuePages, rendersListingPages } from '../settings.ts';
import { seriesYearPaths, unitYearPaths } from './listing.ts';
import { folderSpellingPaths } from './redirects.ts';

const listing = <T>(paths: T[]): T[] => (rendersListingPages() ? paths : []);

export const seriesPaths = (a: Archive) => listing(a.series.map((series) => ({ params: { series: series.id }, props: { series } })));

export const yearPaths = (a: Archive) => listing(a.years.map((group) => ({ params: { year: String(group.year) }, props: { group } })));

export const issuePaths = (a: Archive) =>
  a.issues
    .filter((issue) => rendersIssuePages(issue.series.id, issue.year))
    .map((issue) => ({
      params: { series: issue.series.id, year: String(issue.year), number: String(issue.number) },
      props: { issue },
    }));

export const articlePaths = (a: Archive) =>
  a.articles
    .filter((article) => rendersIssuePages(article.issue.series.id, article.issue.year))
    .map((article) => ({
      params: {
        series: article.issue.series.id,
        year: String(article.issue.year),
        number: String(article.issue.number),
        article: article.slug,
      },
      props: { article },
    }));

export const unitPaths = (a: Archive) => listing(a.units.map((unit) => ({ params: { unit: unit.slug }, props: { unit } })));

/** /units/<unit>/<year>/ listing pages (the index shard's). */
export const unitYearRoutes = (a: Archive) => listing(unitYearPaths(a));

/** /<series>/<year>/ listing pages (the index shard's: they need frontmatter only). */
export const seriesYearRoutes = (a: Archive) => listing(seriesYearPaths(a));

/** Forwarding pages from the folder spelling /…/2021/028/ (rendered with their issue's pages). */
export const folderSpellingRoutes = (a: Archive) =>
  folderSpellingPaths(a).filter(({ props }) => rendersIssuePages(props.issue.series.id, props.issue.year));
