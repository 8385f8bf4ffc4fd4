/**
 * npm run pdf [-- --force] [--dist DIR]
 * (Re)renders the PDF of every issue of an existing build from its print view.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../src/lib/site/catalog.ts';
import { requireChromium } from '../src/lib/print/chromium.ts';
import { renderPdfs } from '../src/lib/print/pdf.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法 / usage: npm run pdf [-- options]

Renders dist/<series>/<year>/<number>/<series>-<year>-<NNN>.pdf for every issue
listed in dist/catalog.json, from its print view, with the system Chromium.
PDFs whose print page is unchanged are copied from the cache.

  --force       render every PDF again, ignoring the cache
  --dist DIR    the built site (default: dist, or $JIANBAO_OUT_DIR)
  -h, --help    this help
`;

const { values } = parseCli(HELP, { options: { force: { type: 'boolean', default: false }, dist: { type: 'string' } } });

const distDir = path.resolve(values.dist ?? process.env.JIANBAO_OUT_DIR ?? 'dist');
const catalogFile = path.join(distDir, 'catalog.json');
if (!existsSync(catalogFile)) fail(`${catalogFile} not found (expected a built site: run npm run build first)`);
const catalog: Catalog = JSON.parse(await readFile(catalogFile, 'utf8'));
const jobs = catalog.issues.flatMap((i) => (i.pdfUrl ? [{ printUrl: i.printUrl, pdfUrl: i.pdfUrl }] : []));
if (catalog.issues.length && !jobs.length) fail('this build links no PDFs (it was built without Chromium): install Chromium and run npm run build');
let chromiumPath: string;
try {
  chromiumPath = requireChromium();
} catch (e) {
  fail((e as Error).message);
}
const started = performance.now();
const report = await renderPdfs(
  {
    distDir,
    jobs,
    chromiumPath,
    cacheDir: path.resolve(process.env.JIANBAO_CACHE_DIR ?? 'node_modules/.astro', 'jianbao-pdf'),
    force: values.force,
    onProgress: (done, total, job, cached) => console.log(`[${done}/${total}] ${job.pdfUrl}${cached ? ' (unchanged)' : ''}`),
  },
  catalog.base,
);
console.log(`PDF: ${report.rendered} rendered, ${report.cached} unchanged, ${((performance.now() - started) / 1000).toFixed(1)} s`);
