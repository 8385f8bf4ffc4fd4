/**
 * The only module that reads content collections. It loads every entry once
 * per build, hands plain data to src/lib/archive.ts and keeps the entries so
 * pages can render an article's body by key.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { readFile } from 'node:fs/promises';
import { archiveInputFromJson, buildArchive, type Archive } from '../lib/site/archive.ts';
import { findChromium } from '../lib/print/chromium.ts';
import { siteSettings, tree } from '../lib/content/loader.ts';
import { hasBodyText } from '../lib/content/validate.ts';
import { archiveInputFile, contentRoot, pdfWanted, renderAudience } from '../lib/settings.ts';
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
  const inputFile = archiveInputFile();
  const archive = buildArchive(
    inputFile
      ? archiveInputFromJson(await readFile(inputFile, 'utf8'))
      : {
          series: series.map((e) => ({ key: e.id, file: e.id, data: e.data })),
          issues: issues.map((e) => ({ key: e.id, file: e.id, data: e.data, hasIntro: hasBodyText(e.body ?? '') })),
          articles: articles.map((e) => ({ key: e.id, file: e.id, data: e.data })),
          unitSlugs: (await tree(contentRoot())).unitSlugs,
        },
    // In a sharded build the orchestrator has decided (JIANBAO_PDF), so every shard agrees, Chromium or not.
    { base: import.meta.env.BASE_URL, audience: renderAudience(import.meta.env.JIANBAO_PREVIEW === true), pdf: pdfWanted() && (inputFile !== undefined || findChromium() !== undefined) },
  );
  const entries = new Map<string, BodyEntry>();
  for (const e of [...issues, ...articles]) entries.set(e.id, e);
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

/** Site-wide settings from content/site.yaml (name, footer records), as the content reader read them. */
export async function getSite(): Promise<SiteData> {
  return siteSettings(contentRoot());
}
