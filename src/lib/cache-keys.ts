/**
 * Cache keys for Astro's incremental build: a page is rendered again only
 * when its key changes. Each key hashes everything the page shows — its own
 * entries' digests and the labels and links it takes from neighbours — plus
 * what every page shows (site title, navigation).
 */
import { createHash } from 'node:crypto';
import type { Archive, Article, Issue, Series, Unit, YearGroup } from './archive.ts';

const hash = (...parts: unknown[]) => createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 24);

/** What the layout of every page shows: site title, base, the series list. */
export function siteKey(archive: Archive): string {
  return hash(archive.urls.home(), archive.series.map((s) => [s.id, s.title, s.issuer]));
}

const issueLabel = (i: Issue | undefined) => i && [i.url, i.year, i.number, i.date, i.total];
const articleLine = (a: Article) => [a.digest, a.url, a.unitUrl, a.order];

export function issueKey(site: string, issue: Issue): string {
  return hash(site, issue.digest, issue.pdfUrl, issue.articles.map(articleLine), issueLabel(issue.prev), issueLabel(issue.next));
}

export function articleKey(site: string, article: Article): string {
  const { issue } = article;
  const neighbour = (a: Article | undefined) => a && [a.url, a.title];
  return hash(site, article.digest, article.url, article.unitUrl, issue.digest, issue.url, neighbour(article.prev), neighbour(article.next));
}

const summary = (i: Issue) => [issueLabel(i), i.status, i.articles.map((a) => [a.url, a.title, a.unit])];

export function yearKey(site: string, group: YearGroup, years: number[]): string {
  return hash(site, years, group.issues.map(summary));
}

export function seriesKey(site: string, series: Series): string {
  return hash(site, series.description, series.issues.map(summary));
}

export function unitKey(site: string, unit: Unit): string {
  return hash(site, unit.name, unit.articles.map((a) => [a.url, a.title, issueLabel(a.issue)]));
}
