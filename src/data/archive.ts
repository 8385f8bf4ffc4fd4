/**
 * The only module that reads content collections. It loads every entry once
 * per build, hands plain data to src/lib/archive.ts and keeps the entries so
 * pages can render an article's body by key.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { buildArchive, type Archive } from '../lib/site/archive.ts';
import { findChromium } from '../lib/print/chromium.ts';
import { contentRoot, pdfWanted, renderAudience } from '../lib/settings.ts';
import { loadSite } from '../lib/content/site.ts';
import type { SiteData } from '../lib/content/schema.ts';

type BodyEntry = CollectionEntry<'issues'> | CollectionEntry<'articles'>;

interface Loaded {
  archive: Archive;
  entries: Map<string, BodyEntry>;
}

let loading: Promise<Loaded> | undefined;

async function load(): Promise<Loaded> {
  const [series, issues, articles] = await Promise.all([
    getCollection('series'),
    getCollection('issues'),
    getCollection('articles'),
  ]);
  const archive = buildArchive(
    {
      series: series.map((e) => ({ key: e.id, file: `series/${e.id}`, data: e.data })),
      issues: issues.map((e) => ({ key: `issues/${e.id}`, file: `issues/${e.id}`, data: e.data, hasIntro: Boolean(e.body?.trim()) })),
      articles: articles.map((e) => ({ key: `articles/${e.id}`, file: `issues/${e.id}`, data: e.data })),
    },
    { base: import.meta.env.BASE_URL, audience: renderAudience(import.meta.env.JIANBAO_PREVIEW === true), pdf: pdfWanted() && findChromium() !== undefined },
  );
  const entries = new Map<string, BodyEntry>();
  for (const e of issues) entries.set(`issues/${e.id}`, e);
  for (const e of articles) entries.set(`articles/${e.id}`, e);
  return { archive, entries };
}

export async function getArchive(): Promise<Archive> {
  loading ??= load();
  return (await loading).archive;
}

/** The compiled MDX body of an issue (its 编者按) or article. */
export async function renderBody(key: string) {
  loading ??= load();
  const entry = (await loading).entries.get(key);
  if (!entry) throw new Error(`no content entry for ${key}`);
  return (await render(entry)).Content;
}

/** Site-wide settings from content/site.yaml (name, footer records), read once per build. */
export function getSite(): SiteData {
  // Re-read in the dev preview so an edit to site.yaml shows on the next page load.
  if (import.meta.env.JIANBAO_PREVIEW === true) return loadSite(contentRoot());
  site ??= loadSite(contentRoot());
  return site;
}
let site: SiteData | undefined;
