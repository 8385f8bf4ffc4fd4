/**
 * Splits the site into shards and computes what each depends on, so an
 * unchanged shard is copied from the cache instead of rebuilt.
 *
 * - `index`: every page that lists things (home, archive, series, units,
 *   statistics, catalogue, feeds, search page, 404). Reads frontmatter only.
 * - `years-<series>-<from>-<to>`: the issue, article and print pages of the
 *   years of one series within a fixed window (by default each year alone;
 *   2024–2027, 2028–2031 … with JIANBAO_SHARD_YEARS=4), so a shard's years do
 *   not depend on what else is in the archive; the newest year of a series is
 *   a shard of its own, because that is the one that changes.
 * - `search`: the Pagefind index, built from the content files in parts, one
 *   per year shard (see searchParts), each cached on its own, and merged.
 */
import { archiveInputJson, type Archive, type ArchiveInput, type Issue } from '../site/archive.ts';
import { hashStrings } from './files.ts';

export interface Shard {
  name: string;
  kind: 'index' | 'years' | 'search';
  /** For `years`: `<series>/<year>` keys, as JIANBAO_SHARD expects them. */
  years: string[];
  /** Articles its pages render (a measure of its cost). */
  articles: number;
  /** Cache key: changes whenever anything its output depends on changes. */
  key: string;
  /** For `search`: the parts it is built in, in the order they are merged. */
  parts?: SearchPart[];
}

export interface PlanInput {
  input: ArchiveInput;
  archive: Archive;
  /** Hash of everything that shapes every page: templates, config, lockfile, settings. */
  templatesHash: string;
  /** Hash of the content files outside issues/ (series, site settings). */
  siteContentHash: string;
  /** Hash of the files of each `<series>/<year>` folder under issues/. */
  yearHashes: Map<string, string>;
  /** Hash of the search indexer's own sources. */
  searchHash: string;
  /** Years per window of past years (one shard per series and window). */
  shardYears: number;
}

const PRIMITIVE = new Set(['string', 'number', 'boolean']);

/** The plain fields of a model object: primitives, lists of primitives, flat records of primitives. */
function plainFields(o: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null || PRIMITIVE.has(typeof v)) out[k] = v;
    else if (Array.isArray(v) && v.every((x) => PRIMITIVE.has(typeof x))) out[k] = v;
    else if (!Array.isArray(v) && typeof v === 'object' && Object.values(v).every((x) => x === undefined || PRIMITIVE.has(typeof x))) out[k] = v;
  }
  return out;
}

/**
 * What the pages of one issue show of the archive beyond its own files: its
 * fields, its series, its articles and both issues and articles next to it.
 * Anything here changing (a new issue after the newest one) rebuilds the shard.
 */
export function issueContext(issue: Issue): unknown {
  const ref = (x?: { url: string }) => (x ? plainFields(x) : null);
  return {
    ...plainFields(issue),
    series: plainFields(issue.series),
    prev: ref(issue.prev),
    next: ref(issue.next),
    articles: issue.articles.map((a) => ({ ...plainFields(a), prev: ref(a.prev), next: ref(a.next) })),
  };
}

/** Some years of one series: a shard of pages and a part of the search index. */
export interface YearWindow {
  /** `<series>-<first>-<last>` */
  id: string;
  /** The shard's name, `years-<id>`. */
  name: string;
  /** `<series>/<year>` keys. */
  years: string[];
  /** Its last year. */
  newest: number;
}

/**
 * The year windows of an archive, in order: per series, its past years in
 * fixed windows of `shardYears`, and its newest year alone. Named
 * `years-<series>-<first>-<last>`.
 */
export function yearWindows(archive: Archive, shardYears: number): YearWindow[] {
  const out: YearWindow[] = [];
  for (const series of archive.series) {
    const years = [...new Set(series.issues.map((i) => i.year))].sort((a, b) => a - b);
    const newest = years.at(-1);
    const windows = new Map<string, number[]>();
    for (const year of years) {
      const w = year === newest ? `newest` : String(Math.floor(year / shardYears));
      windows.set(w, [...(windows.get(w) ?? []), year]);
    }
    for (const group of windows.values()) {
      const id = `${series.id}-${group[0]}-${group.at(-1)}`;
      out.push({ id, name: `years-${id}`, years: group.map((y) => `${series.id}/${y}`), newest: group.at(-1)! });
    }
  }
  return out;
}

/** The shards of a site, with their cache keys. */
export function planShards(p: PlanInput): Shard[] {
  const issuesByYear = new Map<string, Issue[]>();
  for (const issue of p.archive.issues) {
    const k = `${issue.series.id}/${issue.year}`;
    issuesByYear.set(k, [...(issuesByYear.get(k) ?? []), issue]);
  }
  // Global facts every page shows (the site title comes from the series list).
  const global = JSON.stringify({ series: p.archive.series.map(plainFields) });
  const shards: Shard[] = [];
  shards.push({
    name: 'index',
    kind: 'index',
    years: [],
    articles: 0,
    key: hashStrings('index', p.templatesHash, p.siteContentHash, archiveInputJson(p.input)),
  });
  const windows = yearWindows(p.archive, p.shardYears);
  for (const window of windows) {
    const keys = window.years;
    const parts = keys.flatMap((k) => [k, p.yearHashes.get(k) ?? '', JSON.stringify((issuesByYear.get(k) ?? []).map(issueContext))]);
    shards.push({
      name: window.name,
      kind: 'years',
      years: keys,
      articles: keys.reduce((n, k) => n + (issuesByYear.get(k) ?? []).reduce((m, i) => m + i.articles.length, 0), 0),
      key: hashStrings('years', p.templatesHash, p.siteContentHash, global, ...parts),
    });
  }
  const parts = searchParts(windows, p);
  shards.push({
    name: 'search',
    kind: 'search',
    years: [],
    articles: p.archive.articles.length,
    key: hashStrings('search', ...parts.flatMap((part) => [part.name, part.key])),
    parts,
  });
  return shards;
}

/** A part of the search index: the articles of one year shard's years. */
export interface SearchPart {
  name: string;
  /** `<series>/<year>` keys of its articles. */
  years: string[];
  /** Cache key: the years' files, the series, the indexer's sources and settings. */
  key: string;
}

/**
 * The parts the search index is built in, one per year window: a part's
 * records depend on its own years' files, so a new issue indexes one part
 * again. Merged newest years first, so pages of equal score list newer
 * articles first, as a single index over the archive did. An archive with no
 * year gets one empty part.
 */
export function searchParts(windows: YearWindow[], p: Pick<PlanInput, 'searchHash' | 'siteContentHash' | 'yearHashes'>): SearchPart[] {
  const parts = [...windows].sort((a, b) => b.newest - a.newest).map((s) => ({
    name: `search-${s.id}`,
    years: s.years,
    key: hashStrings('search-part', p.searchHash, p.siteContentHash, ...s.years.flatMap((k) => [k, p.yearHashes.get(k) ?? ''])),
  }));
  return parts.length ? parts : [{ name: 'search-empty', years: [], key: hashStrings('search-part', p.searchHash, p.siteContentHash) }];
}

/** Assigns shards to `count` CI jobs, balancing articles; deterministic, so every job agrees. */
export function assignParts(shards: Shard[], count: number): Shard[][] {
  const parts: { shards: Shard[]; load: number }[] = Array.from({ length: count }, () => ({ shards: [], load: 0 }));
  // The index and search shards cost about as much as a shard of this many articles.
  const cost = (s: Shard) => (s.kind === 'years' ? s.articles : 500);
  for (const s of [...shards].sort((a, b) => cost(b) - cost(a) || a.name.localeCompare(b.name))) {
    const lightest = parts.reduce((m, x) => (x.load < m.load ? x : m));
    lightest.shards.push(s);
    lightest.load += cost(s);
  }
  return parts.map((x) => x.shards);
}

/**
 * Groups the year shards to build into Astro processes of at most
 * `maxArticles` articles each (a shard larger than that gets one of its own):
 * each process pays a start-up and a template bundle, so a cold build wants
 * few of them, while the cap keeps each process's memory bounded. Largest
 * first, each into the fullest group it fits; deterministic.
 */
export function batchShards(shards: Shard[], maxArticles: number): Shard[][] {
  const groups: { shards: Shard[]; articles: number }[] = [];
  for (const s of [...shards].sort((a, b) => b.articles - a.articles || a.name.localeCompare(b.name))) {
    const fits = groups.filter((g) => g.articles + s.articles <= maxArticles).sort((a, b) => b.articles - a.articles)[0];
    if (fits) {
      fits.shards.push(s);
      fits.articles += s.articles;
    } else groups.push({ shards: [s], articles: s.articles });
  }
  return groups.map((g) => g.shards.sort((a, b) => a.name.localeCompare(b.name)));
}

/**
 * The jobs of a build: the search index alone (it runs in the build's own
 * process), the year shards batched (batchShards), and the index shard — in
 * the process of the year shards when they all fit one, as after publishing
 * an issue: a second Astro process costs a start-up, a content sync and a
 * template bundle (≈ 3 s of CPU at 6,000 articles) and on two cores would
 * only compete with the others. In a larger build it runs beside the batches.
 */
export function buildJobs(shards: Shard[], maxArticles: number): Shard[][] {
  const batches = batchShards(shards.filter((s) => s.kind === 'years'), maxArticles);
  const index = shards.filter((s) => s.kind === 'index');
  const search = shards.filter((s) => s.kind === 'search').map((s) => [s]);
  if (index.length && batches.length === 1) return [...search, [...batches[0], ...index]];
  return [...search, ...index.map((s) => [s]), ...batches];
}
