/**
 * Writes the Pagefind index of a built site (dist/pagefind/) with Jianbao's
 * Chinese handling. Shared by the build integration and the benchmark.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as pagefind from 'pagefind';
import type { Catalog } from './catalog.ts';
import { distPath } from './pdf.ts';
import { searchRecords } from './search-index.ts';
import { marksIn } from './search-text.ts';

export async function buildSearchIndex(distDir: string): Promise<{ articles: number }> {
  const catalog: Catalog = JSON.parse(await readFile(path.join(distDir, 'catalog.json'), 'utf8'));
  const records = await searchRecords(catalog, (url) => distPath(distDir, url, catalog.base));
  // Punctuation is indexed as words so that phrases run across it (see search-text.ts).
  const { index, errors } = await pagefind.createIndex({ includeCharacters: marksIn(records.map((r) => r.content)) });
  try {
    if (!index) throw new Error(errors.join('; '));
    // Records go to the Pagefind service in batches: one at a time spends the time waiting on round trips.
    for (let i = 0; i < records.length; i += 64) {
      const batch = records.slice(i, i + 64);
      const added = await Promise.all(batch.map((r) => index.addCustomRecord(r)));
      added.forEach((a, j) => {
        if (a.errors.length) throw new Error(`${batch[j].url}: ${a.errors.join('; ')}`);
      });
    }
    const written = await index.writeFiles({ outputPath: path.join(distDir, 'pagefind') });
    if (written.errors.length) throw new Error(written.errors.join('; '));
  } finally {
    await pagefind.close();
  }
  return { articles: records.length };
}
