/**
 * Writes a Pagefind index with Jianbao's Chinese handling — of the archive or
 * of a part of it — from content already read and checked, so it can run
 * while Astro renders the pages. The archive's index is made of such parts,
 * merged (see src/lib/build/search.ts).
 */
import * as pagefind from 'pagefind';
import { buildArchive, type Archive, type ArchiveOptions, type Article } from '../site/archive.ts';
import type { CheckResult } from '../content/check.ts';
import { markdownText } from '../content/markdown-text.ts';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapLimited } from '../concurrency.ts';
import { fragmentFile, metaFile, pagefindFileBody, readEntry, readPagefindFile, type PagefindMeta } from './bundle.ts';
import { writeChunkRanges } from './chunks.ts';
import { PART_FILE, type PartSorts } from './merge.ts';
import { searchRecord } from './records.ts';

/**
 * Writes PART_FILE beside a bundle: each page's sort values by page number,
 * which a merge needs and Pagefind's files do not keep (pages are matched to
 * records through the URL in their fragments).
 */
async function writePartSorts(bundleDir: string, sortsByUrl: Map<string, Record<string, string>>): Promise<void> {
  const entry = readEntry(bundleDir);
  const part: PartSorts = { sorts: {} };
  for (const { hash } of Object.values(entry.languages)) {
    const [, pages] = await readPagefindFile<PagefindMeta>(metaFile(bundleDir, hash));
    const urls = await mapLimited(pages, async ([page]) => (JSON.parse((await pagefindFileBody(fragmentFile(bundleDir, page))).toString('utf8')) as { url: string }).url);
    const keys = [...new Set(urls.flatMap((u) => Object.keys(sortsByUrl.get(u) ?? {})))];
    for (const key of keys) part.sorts[key] = urls.map((u) => sortsByUrl.get(u)?.[key] ?? null);
  }
  await writeFile(path.join(bundleDir, PART_FILE), JSON.stringify(part));
}

/** Writes the search index of content already read and checked (the build's own check, not a second one). */
export async function buildSearchIndexFrom(
  checked: Pick<CheckResult, 'input' | 'bodies'>,
  outputPath: string,
  options: ArchiveOptions = {},
  part: {
    /** Only these articles (a part of the archive); all by default. */
    select?: (article: Article) => boolean;
    /** The archive of `checked.input` with `options`, when the caller has it already (one per part is slow). */
    archive?: Archive;
  } = {},
): Promise<{ articles: number }> {
  const archive = part.archive ?? buildArchive(checked.input, options);
  const articles = part.select ? archive.articles.filter(part.select) : archive.articles;
  // Index words are spelt in plain letters (see text.ts), so Pagefind's defaults suit them.
  const { index, errors: startErrors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(startErrors.join('; '));
    // Records go to the Pagefind service in batches: one at a time spends the time waiting on round trips.
    // Each batch's index text is made just before it is sent: the whole archive's (17 KB an article)
    // would otherwise sit in memory at once.
    const sortsByUrl = new Map<string, Record<string, string>>();
    for (let i = 0; i < articles.length; i += 64) {
      const batch = articles.slice(i, i + 64).map((a) => searchRecord(a, markdownText(checked.bodies.get(a.file) ?? '')));
      for (const r of batch) sortsByUrl.set(r.url, r.sort);
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
      added.forEach((a, j) => {
        if (a.errors.length) throw new Error(`${batch[j].url}: ${a.errors.join('; ')}`);
      });
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(written.errors.join('; '));
    writeChunkRanges(outputPath);
    await writePartSorts(outputPath, sortsByUrl);
  } finally {
    await pagefind.close();
  }
  return { articles: articles.length };
}
