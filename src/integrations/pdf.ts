/**
 * Renders a PDF of every published issue once the pages are built, from the
 * print view, with the system Chromium. Unchanged issues come from the cache.
 */
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { Catalog } from '../lib/site/catalog.ts';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../lib/print/chromium.ts';
import { pdfJobs, renderPdfs } from '../lib/print/pdf.ts';
import { labelPdfLinks } from '../lib/print/pdf-links.ts';
import { pdfCacheDir, pdfWanted } from '../lib/settings.ts';

export default function pdfIntegration(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'jianbao:pdf',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = pdfCacheDir(fileURLToPath(config.cacheDir));
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pdfWanted()) return;
        const chromiumPath = findChromium();
        if (!chromiumPath) {
          logger.warn(`未找到 Chromium，本次构建不生成也不链接 PDF。安装方法：${CHROMIUM_INSTALL_HINT}`);
          return;
        }
        const distDir = fileURLToPath(dir);
        const catalog: Catalog = JSON.parse(await readFile(path.join(distDir, 'catalog.json'), 'utf8'));
        const jobs = pdfJobs(catalog.issues);
        const started = performance.now();
        const fontNotes = new Set<string>();
        try {
          const report = await renderPdfs({
            distDir,
            jobs,
            chromiumPath,
            cacheDir,
            onProgress: (done, total, job, cached) => {
              if (total <= 20 || done % 10 === 0 || done === total) logger.info(`PDF ${done}/${total} ${job.pdfUrl}${cached ? '（未改动，取自缓存）' : ''}`);
            },
            onFonts: (_job, subs) => {
              if (!fontNotes.has(subs)) logger.warn(`PDF 字体替代：${subs}`);
              fontNotes.add(subs);
            },
          }, catalog.base);
          await labelPdfLinks(distDir, new Map(report.pdfs.map((p) => [p.pdfUrl, p.info])));
          logger.info(`PDF：新生成 ${report.rendered} 份，取自缓存 ${report.cached} 份，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
        } catch (e) {
          // Pages already link the PDFs: without them the site would ship broken links.
          await rm(distDir, { recursive: true, force: true });
          throw new Error(`PDF 生成失败，已删除本次构建输出：${(e as Error).message}`);
        }
      },
    },
  };
}
