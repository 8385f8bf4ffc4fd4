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
import { renderPdfs } from '../lib/print/pdf.ts';
import { pdfWanted } from '../lib/settings.ts';

export default function pdfIntegration(): AstroIntegration {
  let cacheDir = '';
  return {
    name: 'jianbao:pdf',
    hooks: {
      'astro:config:done': ({ config }) => {
        cacheDir = path.join(fileURLToPath(config.cacheDir), 'jianbao-pdf');
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!pdfWanted()) return;
        const chromiumPath = findChromium();
        if (!chromiumPath) {
          logger.warn(`No Chromium found, so no PDFs were rendered or linked. To add them: ${CHROMIUM_INSTALL_HINT}`);
          return;
        }
        const distDir = fileURLToPath(dir);
        const catalog: Catalog = JSON.parse(await readFile(path.join(distDir, 'catalog.json'), 'utf8'));
        const jobs = catalog.issues.flatMap((i) => (i.pdfUrl ? [{ printUrl: i.printUrl, pdfUrl: i.pdfUrl }] : []));
        const started = performance.now();
        try {
          const report = await renderPdfs({
            distDir,
            jobs,
            chromiumPath,
            cacheDir,
            onProgress: (done, total, job, cached) => {
              if (total <= 20 || done % 10 === 0 || done === total) logger.info(`PDF ${done}/${total} ${job.pdfUrl}${cached ? ' (unchanged, from cache)' : ''}`);
            },
          }, catalog.base);
          logger.info(`PDF: ${report.rendered} rendered, ${report.cached} from cache in ${((performance.now() - started) / 1000).toFixed(1)} s`);
        } catch (e) {
          // Pages already link the PDFs: without them the site would ship broken links.
          await rm(distDir, { recursive: true, force: true });
          throw new Error(`PDF rendering failed, build output removed: ${(e as Error).message}`);
        }
      },
    },
  };
}
