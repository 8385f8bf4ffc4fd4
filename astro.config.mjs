// @ts-check
import { readFileSync } from 'node:fs';
import path from 'node:path';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import { remarkBulletinGuard } from './src/lib/content/markdown-guard.ts';
import { basePath } from './src/lib/settings.ts';
import { isFolderSpelling } from './src/lib/site/redirects.ts';
import { shard } from './src/lib/settings.ts';

// JIANBAO_OUT_DIR / JIANBAO_CACHE_DIR let tests and the benchmark build
// other content trees side by side without touching dist/.
// JIANBAO_SHARD: one part of a sharded build (`npm run build`, src/lib/build/),
// which builds the search index, PDFs and sitemap pages itself.
const part = shard();
// The search index, PDFs and the dev preview are the whole-site build's (a shard's orchestrator
// does those itself): a shard does not load them, nor the indexer's and checker's modules behind
// them (≈ 0.25 s of every shard process's start-up).
const wholeSite = part
  ? []
  : await Promise.all([import('./src/integrations/search.ts'), import('./src/integrations/pdf.ts'), import('./src/integrations/preview.ts')]).then((mods) => mods.map((m) => m.default()));
// The index shard lists in the sitemap the issue and article pages other shards render.
const sitemapExtra = process.env.JIANBAO_SITEMAP_PAGES ? JSON.parse(readFileSync(process.env.JIANBAO_SITEMAP_PAGES, 'utf8')) : [];
const sitemapIntegration = sitemap({ filter: (page) => !/\/print\/$/.test(page) && !isFolderSpelling(page), customPages: sitemapExtra });

/**
 * Vite warns once per MDX module that Astro's "use astro:head-inject" marker
 * "may not be preserved"; Astro reads the marker itself, so the warning says
 * nothing and buried real problems (one per content file).
 * @type {(level: string, log: { code?: string; message: string }, handler: (level: any, log: any) => void) => void}
 */
const quietLogs = (level, log, handler) => {
  if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('use astro:head-inject')) return;
  handler(level, log);
};

export default defineConfig({
  // Feeds, the sitemap and canonical links need an absolute address: set SITE_URL when deploying.
  site: process.env.SITE_URL || 'http://localhost:4321',
  base: basePath(),
  outDir: process.env.JIANBAO_OUT_DIR || './dist',
  cacheDir: process.env.JIANBAO_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'always',
  // No inline styles or scripts, so the site runs under a strict Content-Security-Policy (README, 部署).
  build: { format: 'directory', inlineStylesheets: 'never' },
  // A shard keeps Vite's dependency cache in its own cache folder (JIANBAO_CACHE_DIR, per shard):
  // shards at once no longer share node_modules/.vite, and a repeat build finds it valid.
  vite: {
    build: { assetsInlineLimit: 0, rolldownOptions: { onLog: quietLogs } },
    ...(part && process.env.JIANBAO_CACHE_DIR ? { cacheDir: path.join(process.env.JIANBAO_CACHE_DIR, 'vite') } : {}),
  },
  markdown: {
    // Bulletin text keeps its punctuation exactly as written, so no SmartyPants; the guard keeps
    // article bodies to Markdown and a tiny allowlist (src/lib/content/markdown-guard.ts).
    processor: unified({ gfm: true, smartypants: false, remarkPlugins: [[remarkBulletinGuard, { base: basePath() }]] }),
  },
  integrations: part
    ? [mdx(), ...(part.index ? [sitemapIntegration] : [])]
    : [mdx(), sitemapIntegration, ...wholeSite],
});
