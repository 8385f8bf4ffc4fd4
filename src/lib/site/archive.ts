/**
 * Turns validated content entries into the linked archive model that every
 * page, feed and catalogue renders from. Plain data in, plain data out: the
 * Astro side (src/data/archive.ts) and the scripts feed it the same way.
 */
import { ContentError, type ContentProblem } from '../content/errors.ts';
import { yearOf } from './format.ts';
import { parseContentPath } from '../content/layout.ts';
import { createUrls, type Urls } from './urls.ts';
import type { ArticleData, IssueData, SeriesData, Status } from '../content/schema.ts';
import { uniqueSlugs } from './slug.ts';

export interface EntryInput<T> {
  /** Stable key the caller uses to find the entry again (e.g. to render it). */
  key: string;
  /** Path relative to the content root, e.g. issues/lc/2021/028/index.mdx. */
  file: string;
  data: T;
}

export interface IssueEntryInput extends EntryInput<IssueData> {
  /** Whether the issue's MDX body (编者按) has any text. */
  hasIntro: boolean;
}

export interface ArchiveInput {
  series: EntryInput<SeriesData>[];
  issues: IssueEntryInput[];
  articles: EntryInput<ArticleData>[];
}

/** Which statuses a build publishes. Drafts are never published; `all` is for checking content. */
export type Audience = 'public' | 'internal' | 'all';

export interface ArchiveOptions {
  base?: string;
  audience?: Audience;
  /** Whether this build renders a PDF of every issue (needs Chromium). */
  pdf?: boolean;
}

export interface Series {
  id: string;
  title: string;
  issuer: string;
  description?: string;
  /** Print options of the series (page-1 number, duplex). */
  print: { firstPageNumber: boolean; duplex: boolean };
  url: string;
  issues: Issue[];
}

export interface Issue {
  key: string;
  file: string;
  series: Series;
  year: number;
  number: number;
  total?: number;
  date: string;
  issuer: string;
  classification?: string;
  reportTo: string[];
  copyTo: string[];
  sendTo: string[];
  copies?: number;
  status: Status;
  hasIntro: boolean;
  url: string;
  printUrl: string;
  /** The rendered PDF, when this build makes PDFs. */
  pdfUrl?: string;
  articles: Article[];
  /** Neighbours in the same series, in publication order. */
  prev?: Issue;
  next?: Issue;
}

export interface Article {
  key: string;
  file: string;
  issue: Issue;
  order: number;
  slug: string;
  title: string;
  unit?: string;
  /** Page listing the unit's articles (set when `unit` is). */
  unitUrl?: string;
  summary?: string;
  tags: string[];
  url: string;
  prev?: Article;
  next?: Article;
}

export interface Unit {
  name: string;
  slug: string;
  url: string;
  /** Newest first. */
  articles: Article[];
}

export interface YearGroup {
  year: number;
  url: string;
  /** Newest first. */
  issues: Issue[];
}

export interface Archive {
  urls: Urls;
  series: Series[];
  /** Every published issue, newest first. */
  issues: Issue[];
  /** Newest year first. */
  years: YearGroup[];
  /** Sorted by name (Unicode order, stable). */
  units: Unit[];
  articles: Article[];
}

/** Newest first: by date, then by number for issues of the same day. */
export function compareIssuesNewestFirst(a: Issue, b: Issue): number {
  return b.date.localeCompare(a.date) || b.year - a.year || b.number - a.number || a.series.id.localeCompare(b.series.id);
}

function isPublished(status: Status, audience: Audience): boolean {
  return audience === 'all' || status === 'published' || (audience === 'internal' && status === 'internal');
}

export function buildArchive(input: ArchiveInput, options: ArchiveOptions = {}): Archive {
  const urls = createUrls(options.base);
  const audience = options.audience ?? 'public';
  const problems: ContentProblem[] = [];
  const error = (file: string, field: string | undefined, message: string) =>
    problems.push({ file, field, message, severity: 'error' });

  const seriesById = new Map<string, Series>();
  const seriesDefaults = new Map<string, SeriesData['defaults']>();
  for (const s of input.series) {
    const parsed = parseContentPath(s.file);
    if (parsed.kind !== 'series') {
      error(s.file, undefined, `unexpected file (expected ${parsed.kind === 'unknown' ? parsed.expected : 'series/<id>.yaml'})`);
      continue;
    }
    seriesById.set(parsed.series, {
      id: parsed.series,
      title: s.data.title,
      issuer: s.data.issuer,
      description: s.data.description,
      print: { firstPageNumber: s.data.print?.firstPageNumber ?? true, duplex: s.data.print?.duplex ?? false },
      url: urls.series(parsed.series),
      issues: [],
    });
    seriesDefaults.set(parsed.series, s.data.defaults);
  }

  const issueByDir = new Map<string, Issue>();
  const hiddenDirs = new Set<string>();
  for (const entry of input.issues) {
    const parsed = parseContentPath(entry.file);
    if (parsed.kind !== 'issue') {
      error(entry.file, undefined, `not an issue file (expected ${parsed.kind === 'unknown' ? parsed.expected : 'issues/<series>/<year>/<NNN>/index.mdx'})`);
      continue;
    }
    const d = entry.data;
    const series = seriesById.get(parsed.series);
    if (!series) {
      error(entry.file, undefined, `unknown series "${parsed.series}" (expected a file series/${parsed.series}.yaml)`);
      continue;
    }
    if (d.number !== parsed.number) {
      error(entry.file, 'number', `is ${d.number} but the folder says ${parsed.number} (expected them to agree)`);
    }
    if (yearOf(d.date) !== parsed.year) {
      error(entry.file, 'date', `is in ${yearOf(d.date)} but the folder is ${parsed.year} (expected a date in ${parsed.year})`);
    }
    const dir = entry.file.slice(0, entry.file.lastIndexOf('/'));
    if (!isPublished(d.status, audience)) {
      hiddenDirs.add(dir);
      continue;
    }
    const defaults = seriesDefaults.get(parsed.series) ?? {};
    const info = { series: parsed.series, year: parsed.year, number: parsed.number };
    const issue: Issue = {
      key: entry.key,
      file: entry.file,
      ...info,
      series,
      total: d.total,
      date: d.date,
      issuer: d.issuer ?? series.issuer,
      classification: d.classification ?? defaults.classification,
      reportTo: d.reportTo ?? defaults.reportTo ?? [],
      copyTo: d.copyTo ?? defaults.copyTo ?? [],
      sendTo: d.sendTo ?? defaults.sendTo ?? [],
      copies: d.copies ?? defaults.copies,
      status: d.status,
      hasIntro: entry.hasIntro,
      url: urls.issue(info),
      printUrl: urls.print(info),
      pdfUrl: options.pdf ? urls.pdf(info) : undefined,
      articles: [],
    };
    issueByDir.set(dir, issue);
    series.issues.push(issue);
  }

  const articles: Article[] = [];
  for (const entry of input.articles) {
    const parsed = parseContentPath(entry.file);
    if (parsed.kind !== 'article') {
      error(entry.file, undefined, `not an article file (expected ${parsed.kind === 'unknown' ? parsed.expected : 'an article inside an issue folder'})`);
      continue;
    }
    const dir = entry.file.slice(0, entry.file.lastIndexOf('/'));
    if (hiddenDirs.has(dir)) continue;
    const issue = issueByDir.get(dir);
    if (!issue) {
      error(entry.file, undefined, `article outside an issue (expected ${dir}/index.mdx beside it)`);
      continue;
    }
    const article: Article = {
      key: entry.key,
      file: entry.file,
      issue,
      order: parsed.order,
      slug: parsed.slug,
      title: entry.data.title,
      unit: entry.data.unit,
      summary: entry.data.summary,
      tags: entry.data.tags ?? [],
      url: urls.article({ ...parsed }),
    };
    issue.articles.push(article);
    articles.push(article);
  }

  for (const issue of issueByDir.values()) {
    issue.articles.sort((a, b) => a.order - b.order);
    for (let i = 1; i < issue.articles.length; i++) {
      const [a, b] = [issue.articles[i - 1], issue.articles[i]];
      if (a.order === b.order) error(b.file, undefined, `running order ${b.order} is also used by ${a.file} (expected a distinct NN- prefix)`);
      if (a.slug === b.slug) error(b.file, undefined, `slug "${b.slug}" is also used by ${a.file} (expected distinct slugs within an issue)`);
      a.next = b;
      b.prev = a;
    }
  }

  for (const series of seriesById.values()) {
    series.issues.sort((a, b) => a.year - b.year || a.number - b.number);
    for (let i = 1; i < series.issues.length; i++) {
      const [a, b] = [series.issues[i - 1], series.issues[i]];
      if (a.year === b.year && a.number === b.number) {
        error(b.file, 'number', `issue ${b.number} of ${b.year} also exists as ${a.file} (expected each number once a year)`);
      }
      a.next = b;
      b.prev = a;
    }
    series.issues.reverse();
  }

  if (problems.length) throw new ContentError(problems);

  const issues = [...issueByDir.values()].sort(compareIssuesNewestFirst);
  const byYear = new Map<number, Issue[]>();
  for (const issue of issues) {
    const list = byYear.get(issue.year) ?? [];
    list.push(issue);
    byYear.set(issue.year, list);
  }
  const years = [...byYear].sort(([a], [b]) => b - a).map(([year, list]) => ({ year, url: urls.year(year), issues: list }));

  const orderedArticles = issues.flatMap((i) => i.articles);
  const unitSlugs = uniqueSlugs(orderedArticles.flatMap((a) => (a.unit ? [a.unit] : [])));
  const unitByName = new Map<string, Unit>();
  for (const [name, slug] of unitSlugs) unitByName.set(name, { name, slug, url: urls.unit(slug), articles: [] });
  for (const article of orderedArticles) {
    if (!article.unit) continue;
    const unit = unitByName.get(article.unit)!;
    unit.articles.push(article);
    article.unitUrl = unit.url;
  }
  const units = [...unitByName.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  return {
    urls,
    series: [...seriesById.values()].sort((a, b) => a.id.localeCompare(b.id)),
    issues,
    years,
    units,
    articles: orderedArticles,
  };
}

/** Articles (newest first) split by the year of their issue, newest year first. */
export function articlesByYear(articles: Article[]): { year: number; articles: Article[] }[] {
  const groups: { year: number; articles: Article[] }[] = [];
  for (const a of articles) {
    const last = groups.at(-1);
    if (last?.year === a.issue.year) last.articles.push(a);
    else groups.push({ year: a.issue.year, articles: [a] });
  }
  return groups;
}
