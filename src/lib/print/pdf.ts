/**
 * Renders the print view of issues to PDF with the system Chromium, reusing
 * earlier renders whose print page has not changed.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from './chromium.ts';
import { distPath } from '../site/dist.ts';
import { serveDir } from '../site/static-server.ts';

export interface PdfJob {
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
}

export interface PdfReport {
  rendered: number;
  cached: number;
}

/** Bumped when the rendering itself changes (options, renderer), so old cache entries are not reused. */
const RENDERER_VERSION = 'jianbao-pdf-1';

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
    const file = urlToFile(new URL(ref, `http://x${printUrl}`).pathname);
    if (existsSync(file)) hash.update(await readFile(file));
  }
  return hash.digest('hex');
}

export async function renderPdfs(options: PdfOptions, base = '/'): Promise<PdfReport> {
  const { distDir, jobs, cacheDir } = options;
  const toFile = (u: string) => distPath(distDir, u, base);
  await mkdir(cacheDir, { recursive: true });
  const pending: { job: PdfJob; key: string }[] = [];
  let done = 0;
  let cached = 0;
  for (const job of jobs) {
    const key = await printPageKey(job.printUrl, toFile);
    const hit = path.join(cacheDir, `${key}.pdf`);
    if (!options.force && existsSync(hit)) {
      await mkdir(path.dirname(toFile(job.pdfUrl)), { recursive: true });
      await copyFile(hit, toFile(job.pdfUrl));
      cached++;
      options.onProgress?.(++done, jobs.length, job, true);
    } else {
      pending.push({ job, key });
    }
  }
  if (!pending.length) return { rendered: 0, cached };

  const server = await serveDir(distDir, base);
  const browser = await chromium.launch({ executablePath: options.chromiumPath, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await browser.newPage();
    for (const { job, key } of pending) {
      await page.goto(`${server.url}${job.printUrl}`, { waitUntil: 'load' });
      await page.waitForSelector('html[data-print-ready]', { timeout: 120_000 });
      const target = toFile(job.pdfUrl);
      await mkdir(path.dirname(target), { recursive: true });
      // Write beside the cache entry first and rename, so a crash never leaves a truncated PDF.
      const tmp = path.join(cacheDir, `${key}.${process.pid}.tmp`);
      await page.pdf({ path: tmp, preferCSSPageSize: true, printBackground: true, tagged: true, outline: true });
      await rename(tmp, path.join(cacheDir, `${key}.pdf`));
      await copyFile(path.join(cacheDir, `${key}.pdf`), target);
      options.onProgress?.(++done, jobs.length, job, false);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { rendered: pending.length, cached };
}
