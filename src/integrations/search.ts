/**
 * Builds the Pagefind search index through Pagefind's Node API (as Starlight
 * does) from the content files, in the parts `npm run build` uses, starting when the build starts so Pagefind's
 * own process works while Astro renders pages, and moves it into
 * dist/pagefind/ when the build is done. Uses the build's audience, so
 * internal and draft content never reach a public index.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSearchIndexAsBuilt } from '../lib/build/search.ts';
import { audience, contentRoot, shardYears } from '../lib/settings.ts';

export default function searchIntegration(): AstroIntegration {
  let base = '/';
  let job: Promise<{ articles: number; staging: string; ms: number }> | undefined;
  return {
    name: 'jianbao:search',
    hooks: {
      'astro:config:done': ({ config }) => {
        base = config.base;
      },
      'astro:build:start': () => {
        const started = performance.now();
        job = (async () => {
          const staging = await mkdtemp(path.join(os.tmpdir(), 'jianbao-search-'));
          const { articles } = await buildSearchIndexAsBuilt(contentRoot(), staging, { base, audience: audience(), shardYears: shardYears() });
          return { articles, staging, ms: performance.now() - started };
        })();
        // Failures are reported when the build is done; keep Node from calling them unhandled meanwhile.
        job.catch(() => undefined);
      },
      'astro:build:done': async ({ dir, logger }) => {
        const distDir = fileURLToPath(dir);
        let staging: string | undefined;
        try {
          if (!job) throw new Error('the index was never started');
          const done = await job;
          staging = done.staging;
          await cp(staging, path.join(distDir, 'pagefind'), { recursive: true });
          logger.info(`search index: ${done.articles} articles in ${(done.ms / 1000).toFixed(1)} s (built alongside the pages)`);
        } catch (e) {
          await rm(distDir, { recursive: true, force: true });
          throw new Error(`search index failed, build output removed: ${(e as Error).message}`);
        } finally {
          if (staging) await rm(staging, { recursive: true, force: true });
        }
      },
    },
  };
}
