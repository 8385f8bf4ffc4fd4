// @ts-check
import mdx from '@astrojs/mdx';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import pdf from './src/integrations/pdf.ts';
import search from './src/integrations/search.ts';

// JIANBAO_OUT_DIR / JIANBAO_CACHE_DIR let tests and the benchmark build
// other content trees side by side without touching dist/.
export default defineConfig({
  site: process.env.SITE_URL || undefined,
  base: process.env.BASE_PATH || '/',
  outDir: process.env.JIANBAO_OUT_DIR || './dist',
  cacheDir: process.env.JIANBAO_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    // Bulletin text keeps its punctuation exactly as written, so no SmartyPants.
    processor: unified({ gfm: true, smartypants: false }),
  },
  integrations: [mdx(), search(), pdf()],
  // Pages carry cache keys (src/lib/cache-keys.ts): a rebuild renders only what changed.
  experimental: { incrementalBuild: true },
});
