/**
 * Renders the print view of issues to PDF with the system Chromium, reusing
 * earlier renders whose print page has not changed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.ts';
import { writeFileAtomic } from '../atomic-file.ts';
import { distPath } from '../site/dist.ts';
import { pdfInfo, type PdfInfo } from './pdf-links.ts';
import { serveDir } from '../site/static-server.ts';

export interface PdfJob {
  /** How messages name the issue, e.g. liaocheng-wenming 2021 第28期; defaults to the print URL. */
  name?: string;
  /** URL path of the print view, e.g. /lc/2021/28/print/ */
  printUrl: string;
  /** URL path of the PDF to write into dist, e.g. /lc/2021/28/lc-2021-028.pdf */
  pdfUrl: string;
}

export interface PdfOptions {
  distDir: string;
  jobs: PdfJob[];
  chromiumPath: string;
  cacheDir: string;
  /** Ignore the cache and render every PDF. */
  force?: boolean;
  onProgress?: (done: number, total: number, job: PdfJob, cached: boolean) => void;
  /** Called once per rendered issue whose print view substituted fonts (zh-CN text). */
  onFonts?: (job: PdfJob, substitutions: string) => void;
  /** How long one print view may take to lay itself out (default 30 s). */
  timeoutMs?: number;
  /** True when `target` already holds the PDF of cache key `key` (the build's output of last time), so it is not copied. */
  reuse?: (target: string, key: string) => boolean;
}

/** A PDF-step failure that names the issue and the cause. */
export class PdfError extends Error {
  readonly job: PdfJob;
  constructor(job: PdfJob, cause: string) {
    super(`${jobName(job)}：${cause}`);
    this.name = 'PdfError';
    this.job = job;
  }
}

/** The issue as messages name it. */
export function jobName(job: PdfJob): string {
  return job.name ?? job.printUrl;
}

/** Catalogue entries that link a PDF, as render jobs named after the issue. */
export function pdfJobs(issues: { series: string; year: number; number: number; printUrl: string; pdfUrl: string | null }[]): PdfJob[] {
  return issues.flatMap((i) => (i.pdfUrl ? [{ name: `${i.series} ${i.year} 年第 ${i.number} 期（${i.printUrl}）`, printUrl: i.printUrl, pdfUrl: i.pdfUrl }] : []));
}

export interface PdfReport {
  rendered: number;
  cached: number;
  /** Every PDF put in place: its URL, its file, its cache key, its page count and size. */
  pdfs: { pdfUrl: string; file: string; key: string; info: PdfInfo }[];
}

/**
 * Page count and size of the cached PDF `key`, kept beside it: reading every
 * PDF's page tree again took 5 ms a PDF on every build.
 */
async function cachedInfo(cacheDir: string, key: string): Promise<PdfInfo> {
  const file = path.join(cacheDir, `${key}.json`);
  try {
    const info: unknown = JSON.parse(await readFile(file, 'utf8'));
    const { pages, bytes } = info as PdfInfo;
    // Of this PDF, not one rendered before under the same key (npm run pdf -- --force).
    const size = (await stat(path.join(cacheDir, `${key}.pdf`))).size;
    if (Number.isInteger(pages) && pages > 0 && bytes === size) return { pages, bytes };
  } catch {
    // Not kept yet, or damaged: read the PDF.
  }
  const info = await pdfInfo(path.join(cacheDir, `${key}.pdf`));
  await writeFileAtomic(file, JSON.stringify(info));
  return info;
}

/** Bumped when the rendering itself changes (options, renderer), so old cache entries are not reused. */
const RENDERER_VERSION = 'jianbao-pdf-3';

const ASSET_RE = /\b(?:href|src)="([^"]+\.(?:css|js))"/g;

/**
 * Cache key of a print page: its HTML plus every local stylesheet and script it
 * loads. Asset names are content-hashed by the build, but the key reads the
 * files anyway, so it stays right whatever the naming.
 */
export async function printPageKey(printUrl: string, urlToFile: (u: string) => string): Promise<string> {
  const html = await readFile(urlToFile(printUrl), 'utf8');
  const hash = createHash('sha256').update(RENDERER_VERSION).update(html);
  for (const [, ref] of html.matchAll(ASSET_RE)) {
    if (/^[a-z]+:/i.test(ref)) continue;
    let file: string;
    try {
      file = urlToFile(new URL(ref, `http://x${printUrl}`).pathname);
    } catch {
      continue; // a malformed reference (e.g. /%zz) loads nothing, so it cannot change the page
    }
    if (existsSync(file)) hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

/**
 * The font tools, loaded only when a PDF is rendered: with the Chromium driver
 * they were a second of every build's start-up, most of which render none.
 */
const titleFace = () => import('./title-face.ts');

/** The lines of text set in the title face, as boxes (x, y, width, height in CSS px), and its characters. */
async function titleLines(page: Page): Promise<{ chars: string; boxes: number[][] }> {
  const { TITLE_FAMILY } = await titleFace();
  return page.evaluate((family) => {
    const boxes: number[][] = [];
    let chars = '';
    for (const el of document.querySelectorAll<HTMLElement>('body *')) {
      if (getComputedStyle(el).fontFamily.split(',')[0].trim().replace(/^["']|["']$/g, '') !== family) continue;
      chars += el.textContent ?? '';
      const range = document.createRange();
      range.selectNodeContents(el);
      for (const r of range.getClientRects()) boxes.push([r.x, r.y, r.width, r.height]);
    }
    return { chars, boxes };
  }, TITLE_FAMILY);
}

/**
 * Without an official 小标宋, sets the page's titles in a TrueType copy of the
 * stand-in (see title-face.ts), so the PDF embeds no Type 3 font. The title
 * lines are measured before and after: if anything moved, the copy is taken
 * out again and the reason returned, so the PDF never differs from the screen.
 */
async function useTrueTypeTitleFace(page: Page): Promise<string | undefined> {
  const { findStandIn, TITLE_FAMILY, titleFaceRule, trueTypeTitleFace } = await titleFace();
  const standIn = findStandIn();
  if (!standIn) return undefined;
  const before = await titleLines(page);
  if (!before.chars) return undefined;
  const style = await page.addStyleTag({ content: titleFaceRule(trueTypeTitleFace(before.chars, standIn)) });
  // Load the new face for these very characters before measuring (fonts.ready alone may resolve before it starts).
  await page.evaluate(([family, chars]) => document.fonts.load(`400 16px "${family}"`, chars).then(() => document.fonts.ready).then(() => undefined), [TITLE_FAMILY, before.chars] as const);
  const after = await titleLines(page);
  const moved = after.boxes.length !== before.boxes.length || after.boxes.some((b, i) => b.some((v, j) => Math.abs(v - before.boxes[i][j]) > 0.01));
  if (!moved) return undefined;
  await style.evaluate((el) => (el as Element).remove());
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  return '标题字体的 TrueType 副本改变了排版，PDF 的标题仍用系统字体（Type 3）';
}

/** Renders the PDF of every job (or copies it from the cache); throws a PdfError naming the first issue that fails. */
export async function renderPdfs(options: PdfOptions, base = '/'): Promise<PdfReport> {
  const { distDir, jobs, cacheDir } = options;
  const timeout = options.timeoutMs ?? 30_000;
  const toFile = (u: string) => distPath(distDir, u, base);
  await mkdir(cacheDir, { recursive: true });
  const pending: { job: PdfJob; key: string }[] = [];
  const placed: { job: PdfJob; key: string }[] = [];
  let done = 0;
  let cached = 0;
  for (const job of jobs) {
    let key: string;
    try {
      key = await printPageKey(job.printUrl, toFile);
    } catch (e) {
      throw new PdfError(job, `读不到打印页（${(e as Error).message}）`);
    }
    const hit = path.join(cacheDir, `${key}.pdf`);
    if (!options.force && existsSync(hit)) {
      if (!options.reuse?.(toFile(job.pdfUrl), key)) {
        await mkdir(path.dirname(toFile(job.pdfUrl)), { recursive: true });
        await copyFile(hit, toFile(job.pdfUrl));
      }
      placed.push({ job, key });
      cached++;
      options.onProgress?.(++done, jobs.length, job, true);
    } else {
      pending.push({ job, key });
    }
  }
  const report = async (): Promise<PdfReport> => ({
    rendered: pending.length,
    cached,
    pdfs: await Promise.all(placed.map(async ({ job, key }) => ({ pdfUrl: job.pdfUrl, file: toFile(job.pdfUrl), key, info: await cachedInfo(cacheDir, key) }))),
  });
  if (!pending.length) return report();

  const server = await serveDir(distDir, base);
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: options.chromiumPath, args: CHROMIUM_ARGS, headless: true, timeout: 120_000 }).catch(async (e: Error) => {
    await server.close();
    throw new Error(`无法启动 Chromium（${options.chromiumPath}）：${e.message.split('\n')[0]}`);
  });
  try {
    const page = await browser.newPage();
    // Loading and printing get a minute even on a busy machine; the layout signal gets `timeout`.
    page.setDefaultTimeout(Math.max(timeout, 60_000));
    let scriptError = '';
    page.on('pageerror', (e) => (scriptError ||= e.message));
    for (const { job, key } of pending) {
      scriptError = '';
      const response = await page.goto(`${server.url}${job.printUrl}`, { waitUntil: 'load' }).catch((e: Error) => {
        throw new PdfError(job, `打开打印页失败（${e.message.split('\n')[0]}）`);
      });
      if (!response?.ok()) throw new PdfError(job, `打印页返回 HTTP ${response?.status() ?? '无响应'}（应为 200）`);
      await page.waitForSelector('html[data-print-ready], html[data-print-error]', { timeout }).catch(() => {
        throw new PdfError(job, `打印页 ${timeout / 1000} 秒内没有排完版${scriptError ? `（脚本出错：${scriptError}）` : '（没有收到 data-print-ready 信号）'}`);
      });
      const state = await page.evaluate(() => {
        const d = document.documentElement.dataset;
        // The PDF's title metadata is the issue itself, not the name of the view.
        document.title = document.title.replace(/（打印版）$/, '');
        return { error: d.printError, fonts: d.fontSubstitutions ?? '' };
      });
      if (state.error) throw new PdfError(job, `打印页排版失败：${state.error}`);
      if (state.fonts) options.onFonts?.(job, state.fonts);
      if (state.fonts.includes('标题小标宋')) {
        // An improvement, not a requirement: should the copy fail, the PDF is printed with the installed face.
        const problem = await useTrueTypeTitleFace(page).catch((e: Error) => `标题字体无法转为 TrueType（${e.message.split('\n')[0]}），PDF 的标题仍用系统字体（Type 3）`);
        if (problem) options.onFonts?.(job, `${jobName(job)}：${problem}`);
      }
      const target = toFile(job.pdfUrl);
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside the cache entry first and rename, so a crash never leaves a truncated PDF.
      const tmp = path.join(cacheDir, `${key}.${process.pid}.tmp`);
      try {
        await page.pdf({ path: tmp, preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      } catch (e) {
        throw new PdfError(job, `Chromium 生成 PDF 失败（${(e as Error).message.split('\n')[0]}）`);
      }
      // The page count kept for an earlier render under this key no longer holds.
      await rm(path.join(cacheDir, `${key}.json`), { force: true });
      await rename(tmp, path.join(cacheDir, `${key}.pdf`));
      await copyFile(path.join(cacheDir, `${key}.pdf`), target);
      placed.push({ job, key });
      options.onProgress?.(++done, jobs.length, job, false);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return report();
}
