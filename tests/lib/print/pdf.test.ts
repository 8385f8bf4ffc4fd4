import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { distPath } from '../../../src/lib/site/dist.ts';
import { PdfError, pdfJobs, printPageKey, renderPdfs } from '../../../src/lib/print/pdf.ts';
import { serveDir } from '../../../src/lib/site/static-server.ts';
import { pdfInfo } from '../../helpers/pdf.ts';

function miniDist(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jianbao-pdfkey-'));
  mkdirSync(path.join(dir, 'a/print'), { recursive: true });
  mkdirSync(path.join(dir, '_astro'), { recursive: true });
  writeFileSync(path.join(dir, 'a/print/index.html'), '<link rel="stylesheet" href="/_astro/p.css"><p>正文</p>');
  writeFileSync(path.join(dir, '_astro/p.css'), 'p{color:red}');
  return dir;
}

describe('printPageKey', () => {
  it('changes when the print page or a stylesheet it loads changes, and only then', async () => {
    const dir = miniDist();
    const toFile = (u: string) => distPath(dir, u);
    const k1 = await printPageKey('/a/print/', toFile);
    expect(await printPageKey('/a/print/', toFile)).toBe(k1);
    writeFileSync(path.join(dir, '_astro/p.css'), 'p{color:blue}');
    const k2 = await printPageKey('/a/print/', toFile);
    expect(k2).not.toBe(k1);
    writeFileSync(path.join(dir, 'a/print/index.html'), '<link rel="stylesheet" href="/_astro/p.css"><p>改过的正文</p>');
    expect(await printPageKey('/a/print/', toFile)).not.toBe(k2);
  });
});

describe('renderPdfs cache', () => {
  it('never re-renders an unchanged issue', async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'jianbao-pdfcache-'));
    cpSync(inject('contentDist'), dist, { recursive: true });
    const catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
    const seed = catalog.issues.find((i: { series: string; year: number; number: number }) => i.series === 'liaocheng-wenming' && i.year === 2021 && i.number === 28);
    const jobs = [{ printUrl: seed.printUrl, pdfUrl: '/again.pdf' }];
    const cacheDir = path.join(dist, '.cache');
    // A Chromium path that cannot start proves the second run never launches a browser.
    const first = await renderPdfs({ distDir: dist, jobs, cacheDir, chromiumPath: '/usr/bin/chromium' });
    const second = await renderPdfs({ distDir: dist, jobs, cacheDir, chromiumPath: '/nonexistent' });
    expect(first).toMatchObject({ rendered: 1, cached: 0 });
    expect(second).toMatchObject({ rendered: 0, cached: 1 });
    expect(readFileSync(path.join(dist, 'again.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // Page count and size for the link label, kept beside the cached PDF: the same both times, and true.
    expect(second.pdfs).toEqual(first.pdfs);
    expect(first.pdfs).toEqual([expect.objectContaining({ pdfUrl: '/again.pdf', info: { pages: pdfInfo(path.join(dist, 'again.pdf')).pages, bytes: statSync(path.join(dist, 'again.pdf')).size } })]);
  });
});

/** A dist with one print page whose body is `html`. */
function pageDist(html: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jianbao-pdffail-'));
  mkdirSync(path.join(dir, 's/2024/1/print'), { recursive: true });
  writeFileSync(path.join(dir, 's/2024/1/print/index.html'), `<!doctype html><html><head><title>t</title></head><body>${html}</body></html>`);
  return dir;
}
const job = pdfJobs([{ series: 's', year: 2024, number: 1, printUrl: '/s/2024/1/print/', pdfUrl: '/s/2024/1/s.pdf' }])[0];

describe('renderPdfs failures', () => {
  it('names the issue and gives up within its timeout when the print view never signals', async () => {
    const dist = pageDist('<p>正文</p>');
    const err = await renderPdfs({ distDir: dist, jobs: [job], cacheDir: path.join(dist, '.c'), chromiumPath: '/usr/bin/chromium', timeoutMs: 2000 }).catch((e) => e);
    expect(err).toBeInstanceOf(PdfError);
    expect(err.message).toMatch(/^s 2024 年第 1 期（\/s\/2024\/1\/print\/）：打印页 2 秒内没有排完版/);
  });

  it('passes on the reason a print view reports', async () => {
    const dist = pageDist('<script>document.documentElement.dataset.printError = "页面缺少 .bulletin"</script>');
    await expect(renderPdfs({ distDir: dist, jobs: [job], cacheDir: path.join(dist, '.c'), chromiumPath: '/usr/bin/chromium' })).rejects.toThrow(
      /s 2024 年第 1 期.*打印页排版失败：页面缺少 \.bulletin/,
    );
  });

  it('names the issue when its print page is missing', async () => {
    const dist = pageDist('');
    const missing = { ...job, printUrl: '/s/2024/2/print/' };
    await expect(renderPdfs({ distDir: dist, jobs: [missing], cacheDir: path.join(dist, '.c'), chromiumPath: '/usr/bin/chromium' })).rejects.toThrow(/s 2024 年第 1 期.*读不到打印页/);
  });
});

describe('the static server behind the PDF step', () => {
  it('answers a malformed URL (/%zz) with 400 and keeps serving', async () => {
    const dist = pageDist('<p>正文</p>');
    const server = await serveDir(dist);
    try {
      expect((await fetch(`${server.url}/%zz`)).status).toBe(400);
      expect((await fetch(`${server.url}/s/2024/1/print/`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
