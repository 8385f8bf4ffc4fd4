/**
 * Writes the Pagefind search index into dist/pagefind/ once the pages are
 * built, through Pagefind's Node API (as Starlight does), from the articles
 * listed in catalog.json, so internal and draft content can never reach it.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import * as pagefind from 'pagefind';
import type { Catalog } from '../lib/catalog.ts';
import { distPath } from '../lib/pdf.ts';
import { searchRecords } from '../lib/search-index.ts';
import { marksIn } from '../lib/search-text.ts';

export default function searchIntegration(): AstroIntegration {
  return {
    name: 'jianbao:search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const started = performance.now();
        const catalog: Catalog = JSON.parse(await readFile(path.join(distDir, 'catalog.json'), 'utf8'));
        const records = await searchRecords(catalog, (url) => distPath(distDir, url, catalog.base));
        // Punctuation is indexed as words so that phrases run across it (see search-text.ts).
        const { index, errors } = await pagefind.createIndex({ includeCharacters: marksIn(records.map((r) => r.content)) });
        try {
          if (!index) throw new Error(errors.join('; '));
          for (const record of records) {
            const added = await index.addCustomRecord(record);
            if (added.errors.length) throw new Error(`${record.url}: ${added.errors.join('; ')}`);
          }
          const written = await index.writeFiles({ outputPath: path.join(distDir, 'pagefind') });
          if (written.errors.length) throw new Error(written.errors.join('; '));
        } catch (e) {
          await rm(distDir, { recursive: true, force: true });
          throw new Error(`search index failed, build output removed: ${(e as Error).message}`);
        } finally {
          await pagefind.close();
        }
        logger.info(`search index: ${records.length} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
