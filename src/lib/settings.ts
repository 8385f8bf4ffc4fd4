/**
 * Build settings read from the environment, in one place so the site build,
 * the scripts and the tests agree on them.
 */
import path from 'node:path';
import type { Audience } from './site/archive.ts';

/** Content tree to build from: JIANBAO_CONTENT, default ./content (relative to the project). */
export function contentRoot(cwd = process.cwd()): string {
  return path.resolve(cwd, process.env.JIANBAO_CONTENT || 'content');
}

/** Base path as Astro hands it to pages (import.meta.env.BASE_URL with trailingSlash: 'always'): "/" or "/jb/". */
export function normalizeBase(base: string): string {
  const trimmed = base.replace(/^\/+|\/+$/g, '');
  return trimmed ? `/${trimmed}/` : '/';
}

/** The site's base path, BASE_PATH: "/" (the default) or e.g. "/bulletins/" for a site under a folder of its host. */
export function basePath(env: NodeJS.ProcessEnv = process.env): string {
  return normalizeBase(env.BASE_PATH || '/');
}

/** The build's cache folder: JIANBAO_CACHE_DIR, default node_modules/.astro (relative to the project). */
export function cacheDir(projectRoot: string): string {
  return path.resolve(projectRoot, process.env.JIANBAO_CACHE_DIR || 'node_modules/.astro');
}

/** In the cache folder `cache`: what npm run build keeps (shards, search parts, check results, lock, last output). */
export function buildWorkDir(cache: string): string {
  return path.join(cache, 'jianbao-build');
}

/** In the cache folder `cache`: the PDFs rendered from print pages, by print page key. */
export function pdfCacheDir(cache: string): string {
  return path.join(cache, 'jianbao-pdf');
}

/**
 * BULLETIN_INCLUDE=internal builds the intranet copy (published + internal issues);
 * anything else is the public build. Drafts are never built.
 */
export function audience(): Audience {
  const v = process.env.BULLETIN_INCLUDE;
  if (v === undefined || v === '' || v === 'public') return 'public';
  if (v === 'internal') return 'internal';
  throw new Error(`BULLETIN_INCLUDE：无法识别“${v}”（应为 internal，或不设置）`);
}

/**
 * Years per window of a series' past years when JIANBAO_SHARD_YEARS is not
 * set. One: correcting an old article rebuilds one year's pages and search
 * part (at 6,000 articles 14.9 s against 17.0 s with windows of four years),
 * while a cold build, which renders many shards per Astro process, took the
 * same time (67.5 s against 66.9 s).
 */
export const SHARD_YEARS = 1;

/**
 * Years per shard of a series' past years: JIANBAO_SHARD_YEARS, default SHARD_YEARS.
 * The search index is built in the same parts, so the one-process build
 * reads it too.
 */
export function shardYears(): number {
  const v = process.env.JIANBAO_SHARD_YEARS;
  if (v === undefined || v === '') return SHARD_YEARS;
  if (!/^\d+$/.test(v) || Number(v) < 1) throw new Error(`JIANBAO_SHARD_YEARS：“${v}”无效（应为正整数）`);
  return Number(v);
}

/**
 * Whether the build renders PDFs: JIANBAO_PDF=0 turns them off; otherwise
 * they are made when a Chromium is found (without one the build says so once
 * and links no PDF).
 */
export function pdfWanted(): boolean {
  return process.env.JIANBAO_PDF !== '0';
}

/**
 * Audience of the pages being rendered: `npm run dev` previews everything,
 * drafts and internal issues included (each page marked 草稿/内部), so editors
 * see an issue before publishing it; builds follow BULLETIN_INCLUDE.
 */
export function renderAudience(preview: boolean): Audience {
  return preview ? 'all' : audience();
}

/**
 * The part of the site one build process renders, set by the build
 * orchestrator (src/lib/build/): `index` renders the pages that list
 * everything, `years:<series>/<year>+…` the issue, article and print pages of
 * those series-years, `index;years:…` both. Unset (plain `astro build`,
 * `astro dev`): everything.
 */
export interface Shard {
  index: boolean;
  /** `<series>/<year>` keys whose issue and article pages this process renders. */
  years: Set<string>;
}

/** JIANBAO_SHARD's value for a process rendering the listing pages (`index`) and/or the pages of `years`. */
export function shardSpec(index: boolean, years: string[]): string {
  return [...(index ? ['index'] : []), ...(years.length ? [`years:${years.join('+')}`] : [])].join(';');
}

/** The shard this process renders (JIANBAO_SHARD), or undefined for the whole site. */
export function shard(): Shard | undefined {
  const v = process.env.JIANBAO_SHARD;
  if (!v) return undefined;
  const out: Shard = { index: false, years: new Set() };
  for (const piece of v.split(';')) {
    if (piece === 'index' && !out.index) out.index = true;
    else if (piece.startsWith('years:') && !out.years.size) out.years = new Set(piece.slice('years:'.length).split('+').filter(Boolean));
    else throw new Error(`JIANBAO_SHARD：无法识别“${v}”（应为 index、years:<系列>/<年>+… 或 index;years:…）`);
  }
  return out;
}

/** Whether this process renders the pages of one issue (always, without shards). */
export function rendersIssuePages(seriesId: string, year: number): boolean {
  const s = shard();
  return !s || s.years.has(`${seriesId}/${year}`);
}

/** Whether this process renders the listing pages: series, years, units (always, without shards). */
export function rendersListingPages(): boolean {
  const s = shard();
  return !s || s.index;
}

/**
 * JIANBAO_ARCHIVE_INPUT: a JSON file with every entry's frontmatter, written
 * by the orchestrator, so a shard knows the whole archive while compiling
 * only its own MDX bodies.
 */
export function archiveInputFile(): string | undefined {
  return process.env.JIANBAO_ARCHIVE_INPUT || undefined;
}
