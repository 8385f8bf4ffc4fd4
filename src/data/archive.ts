/**
 * The only module that reads content collections. It loads every entry once
 * per build, hands plain data to src/lib/archive.ts and keeps the entries so
 * pages can render an article's body by key.
 */
import { getCollection, render, type CollectionEntry } from 'astro:content';
import { readFile } from 'node:fs/promises';
import { buildArchive, type Archive, type ArchiveInput } from '../lib/site/archive.ts';
import { findChromium } from '../lib/print/chromium.ts';
import { archiveInputFile, audience, pdfWanted } from '../lib/settings.ts';

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
      ? await shardInput(inputFile)
      : {
          series: series.map((e) => ({ key: e.id, file: `series/${e.id}`, data: e.data })),
          issues: issues.map((e) => ({ key: `issues/${e.id}`, file: `issues/${e.id}`, data: e.data, hasIntro: Boolean(e.body?.trim()) })),
          articles: articles.map((e) => ({ key: `articles/${e.id}`, file: `issues/${e.id}`, data: e.data })),
        },
    // In a sharded build the orchestrator has decided (JIANBAO_PDF), so every shard agrees, Chromium or not.
    { base: import.meta.env.BASE_URL, audience: audience(), pdf: pdfWanted() && (inputFile !== undefined || findChromium() !== undefined) },
  );
  const entries = new Map<string, BodyEntry>();
  for (const e of issues) entries.set(`issues/${e.id}`, e);
  for (const e of articles) entries.set(`articles/${e.id}`, e);
  return { archive, entries };
}

/**
 * A sharded build's whole-archive frontmatter (written by src/lib/build/),
 * keyed the way entries are keyed above, so renderBody finds the shard's own bodies.
 */
async function shardInput(file: string): Promise<ArchiveInput> {
  const input: ArchiveInput = JSON.parse(await readFile(file, 'utf8'));
  return {
    series: input.series.map((e) => ({ ...e, key: e.file.replace(/^series\//, '') })),
    issues: input.issues.map((e) => ({ ...e, key: e.file })),
    articles: input.articles.map((e) => ({ ...e, key: `articles/${e.file.replace(/^issues\//, '')}` })),
  };
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
