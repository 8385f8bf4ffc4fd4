/**
 * Writes the Pagefind index of the archive with Jianbao's Chinese handling,
 * straight from the content files (the same reading and validation as
 * `npm run check`), so it can run while Astro renders the pages.
 */
import * as pagefind from 'pagefind';
import { buildArchive, type ArchiveOptions } from '../site/archive.ts';
import { checkContent, type CheckResult } from '../content/check.ts';
import { ContentError } from '../content/errors.ts';
import { markdownText } from '../content/markdown-text.ts';
import { writeChunkRanges } from './chunks.ts';
import { searchRecord } from './records.ts';

/** Checks the content folder and writes its search index to `outputPath`. */
export async function buildSearchIndex(contentDir: string, outputPath: string, options: ArchiveOptions = {}): Promise<{ articles: number }> {
  const checked = await checkContent(contentDir);
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length) throw new ContentError(errors);
  return buildSearchIndexFrom(checked, outputPath, options);
}

/** Writes the search index of content already read and checked (the build's own check, not a second one). */
export async function buildSearchIndexFrom(checked: Pick<CheckResult, 'input' | 'bodies'>, outputPath: string, options: ArchiveOptions = {}): Promise<{ articles: number }> {
  const archive = buildArchive(checked.input, options);
  // Index words are spelt in plain letters (see text.ts), so Pagefind's defaults suit them.
  const { index, errors: startErrors } = await pagefind.createIndex({});
  try {
    if (!index) throw new Error(startErrors.join('; '));
    // Records go to the Pagefind service in batches: one at a time spends the time waiting on round trips.
    // Each batch's index text is made just before it is sent: the whole archive's (17 KB an article)
    // would otherwise sit in memory at once.
    for (let i = 0; i < archive.articles.length; i += 64) {
      const batch = archive.articles.slice(i, i + 64).map((a) => searchRecord(a, markdownText(checked.bodies.get(a.file) ?? '')));
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
      added.forEach((a, j) => {
        if (a.errors.length) throw new Error(`${batch[j].url}: ${a.errors.join('; ')}`);
      });
    }
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length) throw new Error(written.errors.join('; '));
    writeChunkRanges(outputPath);
  } finally {
    await pagefind.close();
  }
  return { articles: archive.articles.length };
}
