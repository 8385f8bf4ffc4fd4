/**
 * npm run pdf [-- --force] [--dist DIR]
 * (Re)renders the PDF of every issue of an existing build from its print view.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Catalog } from '../src/lib/site/catalog.ts';
import { requireChromium } from '../src/lib/print/chromium.ts';
import { pdfJobs, renderPdfs } from '../src/lib/print/pdf.ts';
import { labelPdfLinks } from '../src/lib/print/pdf-links.ts';
import { cacheDir, pdfCacheDir } from '../src/lib/settings.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法：npm run pdf [-- 选项]

用系统自带的 Chromium，按 dist/catalog.json 列出的每一期的打印版，生成
dist/<系列>/<年>/<期号>/<系列>-<年>-<NNN>.pdf。打印页没有改动的期次直接取自缓存。

  --force       忽略缓存，全部重新生成
  --dist 目录   已构建的站点（默认 dist，或 $JIANBAO_OUT_DIR）
  -h, --help    显示本帮助
`;

const { values } = parseCli(HELP, { options: { force: { type: 'boolean', default: false }, dist: { type: 'string' } } });

const distDir = path.resolve(values.dist ?? process.env.JIANBAO_OUT_DIR ?? 'dist');
const catalogFile = path.join(distDir, 'catalog.json');
if (!existsSync(catalogFile)) fail(`找不到 ${catalogFile}（应为已构建的站点：请先运行 npm run build）`);
const catalog: Catalog = JSON.parse(await readFile(catalogFile, 'utf8'));
const jobs = pdfJobs(catalog.issues);
if (catalog.issues.length && !jobs.length) fail('这次构建没有链接 PDF（构建时没有 Chromium）：请安装 Chromium 后重新运行 npm run build');
let chromiumPath: string;
try {
  chromiumPath = requireChromium();
} catch (e) {
  fail((e as Error).message);
}
const started = performance.now();
const fontNotes = new Set<string>();
const report = await renderPdfs(
  {
    distDir,
    jobs,
    chromiumPath,
    cacheDir: pdfCacheDir(cacheDir(path.resolve(import.meta.dirname, '..'))),
    force: values.force,
    onProgress: (done, total, job, cached) => console.log(`[${done}/${total}] ${job.pdfUrl}${cached ? '（未改动）' : ''}`),
    onFonts: (_job, subs) => {
      if (!fontNotes.has(subs)) console.warn(`字体替代：${subs}`);
      fontNotes.add(subs);
    },
  },
  catalog.base,
).catch((e: Error) => fail(`PDF 生成失败：${e.message}`));
// A PDF rendered again may have other pages or another size than the links say.
await labelPdfLinks(distDir, new Map(report.pdfs.map((p) => [p.pdfUrl, p.info])));
console.log(`PDF：新生成 ${report.rendered} 份，未改动 ${report.cached} 份，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒`);
