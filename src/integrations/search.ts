/**
 * Writes the Pagefind search index into dist/pagefind/ once the pages are
 * built, through Pagefind's Node API (as Starlight does), from the articles
 * listed in catalog.json, so internal and draft content can never reach it.
 */
import { rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndex } from '../lib/search-build.ts';

export default function searchIntegration(): AstroIntegration {
  return {
    name: 'jianbao:search',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        const started = performance.now();
        try {
          const { articles } = await buildSearchIndex(distDir);
          logger.info(`search index: ${articles} articles in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } catch (e) {
          await rm(distDir, { recursive: true, force: true });
          throw new Error(`search index failed, build output removed: ${(e as Error).message}`);
        }
      },
    },
  };
}
