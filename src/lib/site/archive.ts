/**
 * Turns validated content entries into the linked archive model that every
 * page, feed and catalogue renders from. Plain data in, plain data out: the
 * Astro side (src/data/archive.ts) and the scripts feed it the same way.
 */
import { compareZh } from './format.ts';
import { parseContentPath } from '../content/layout.ts';
import { createUrls, type Urls } from './urls.ts';
import type { ArticleData, IssueData, SeriesData, Status } from '../content/schema.ts';
import { unitSlugs } from '../content/slug.ts';

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
  /** URL slugs set in content/units.yaml. */
  unitSlugs?: ReadonlyMap<string, string>;
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
  /** Page count of the rendered PDF, when the build measured it. */
  pdfPages?: number;
  /** Size of the rendered PDF in bytes, when the build measured it. */
  pdfBytes?: number;
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
  /** Sorted by name in pinyin order (compareZh). */
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

/**
 * Links validated content (from `readContent`, whose rules guarantee folders,
 * numbers and slugs agree) into the archive the site renders, keeping what
 * `audience` may see.
 */
export function buildArchive(input: ArchiveInput, options: ArchiveOptions = {}): Archive {
  const urls = createUrls(options.base);
  const audience = options.audience ?? 'public';

  const seriesById = new Map<string, Series>();
  const seriesDefaults = new Map<string, SeriesData['defaults']>();
  for (const s of input.series) {
    const parsed = parseContentPath(s.file);
    if (parsed.kind !== 'series') continue;
    seriesById.set(parsed.series, {
      id: parsed.series,
      title: s.data.title,
      issuer: s.data.issuer,
      description: s.data.description,
      url: urls.series(parsed.series),
      issues: [],
    });
    seriesDefaults.set(parsed.series, s.data.defaults);
  }

  const issueByDir = new Map<string, Issue>();
  for (const entry of input.issues) {
    const parsed = parseContentPath(entry.file);
    const series = parsed.kind === 'issue' ? seriesById.get(parsed.series) : undefined;
    if (parsed.kind !== 'issue' || !series) continue;
    const d = entry.data;
    const dir = entry.file.slice(0, entry.file.lastIndexOf('/'));
    if (!isPublished(d.status, audience)) continue;
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
    const dir = entry.file.slice(0, entry.file.lastIndexOf('/'));
    const issue = issueByDir.get(dir);
    if (parsed.kind !== 'article' || !issue) continue;
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
      a.next = b;
      b.prev = a;
    }
  }

  for (const series of seriesById.values()) {
    series.issues.sort((a, b) => a.year - b.year || a.number - b.number);
    for (let i = 1; i < series.issues.length; i++) {
      const [a, b] = [series.issues[i - 1], series.issues[i]];
      a.next = b;
      b.prev = a;
    }
    series.issues.reverse();
  }

  const issues = [...issueByDir.values()].sort(compareIssuesNewestFirst);
  const byYear = new Map<number, Issue[]>();
  for (const issue of issues) {
    const list = byYear.get(issue.year) ?? [];
    list.push(issue);
    byYear.set(issue.year, list);
  }
  const years = [...byYear].sort(([a], [b]) => b - a).map(([year, list]) => ({ year, url: urls.year(year), issues: list }));

  const orderedArticles = issues.flatMap((i) => i.articles);
  // Slugs come from every unit in the input, published or not, so publishing an issue never moves a unit's URL.
  const { slugs } = unitSlugs(input.articles.flatMap((a) => (a.data.unit ? [a.data.unit] : [])), input.unitSlugs);
  const unitByName = new Map<string, Unit>();
  for (const article of orderedArticles) {
    const name = article.unit;
    if (name && !unitByName.has(name)) unitByName.set(name, { name, slug: slugs.get(name)!, url: urls.unit(slugs.get(name)!), articles: [] });
  }
  for (const article of orderedArticles) {
    if (!article.unit) continue;
    const unit = unitByName.get(article.unit)!;
    unit.articles.push(article);
    article.unitUrl = unit.url;
  }
  const units = [...unitByName.values()].sort((a, b) => compareZh(a.name, b.name));

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
