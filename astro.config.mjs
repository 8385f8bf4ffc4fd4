// @ts-check
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { unified } from '@astrojs/markdown-remark';
import { defineConfig } from 'astro/config';
import pdf from './src/integrations/pdf.ts';
import search from './src/integrations/search.ts';
import { remarkBulletinGuard } from './src/lib/content/markdown-guard.ts';
import preview from './src/integrations/preview.ts';
import { isFolderSpelling } from './src/lib/site/redirects.ts';

// JIANBAO_OUT_DIR / JIANBAO_CACHE_DIR let tests and the benchmark build
// other content trees side by side without touching dist/.
export default defineConfig({
  // Feeds, the sitemap and canonical links need an absolute address: set SITE_URL when deploying.
  site: process.env.SITE_URL || 'http://localhost:4321',
  base: process.env.BASE_PATH || '/',
  outDir: process.env.JIANBAO_OUT_DIR || './dist',
  cacheDir: process.env.JIANBAO_CACHE_DIR || './node_modules/.astro',
  trailingSlash: 'always',
  // No inline styles or scripts, so the site runs under a strict Content-Security-Policy (README, 部署).
  build: { format: 'directory', inlineStylesheets: 'never' },
  vite: { build: { assetsInlineLimit: 0 } },
  markdown: {
    // Bulletin text keeps its punctuation exactly as written, so no SmartyPants; the guard keeps
    // article bodies to Markdown and a tiny allowlist (src/lib/content/markdown-guard.ts).
    processor: unified({ gfm: true, smartypants: false, remarkPlugins: [remarkBulletinGuard] }),
  },
  integrations: [mdx(), sitemap({ filter: (page) => !/\/print\/$/.test(page) && !isFolderSpelling(page) }), search(), pdf(), preview()],
});
