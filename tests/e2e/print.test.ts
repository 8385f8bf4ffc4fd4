/**
 * The seed issue rendered to PDF by the real build, checked against the
 * print rules: A4, text not images, every paragraph in order, masthead on
 * page 1, 报尾 at the foot of the last page, "— N —" numbers odd right / even left.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { Catalog } from '../../src/lib/site/catalog.ts';
import { distPath } from '../../src/lib/site/dist.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { pdfInfo, pdfPages, pdfText, pdfToPng } from '../helpers/pdf.ts';
import seed from '../site/seed-expected.ts';
import { useSiteInBrowser } from './harness.ts';
import { PrintPage } from './pages/PrintPage.ts';

const dist = inject('contentDist');
const catalog: Catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
const entry = catalog.issues.find((i) => i.series === 'liaocheng-wenming' && i.year === 2021 && i.number === 28)!;
const pdf = distPath(dist, entry.pdfUrl ?? '/missing.pdf');
const MM = 72 / 25.4;
const squash = (s: string) => s.replace(/\s+/g, '');

describe('PDF of the seed issue', () => {
  it('is written by the build and listed in the catalogue', () => {
    expect(entry.pdfUrl).toBe('/liaocheng-wenming/2021/28/liaocheng-wenming-2021-028.pdf');
    expect(pdfInfo(pdf).pages).toBeGreaterThanOrEqual(3);
  });

  it('is A4 on every page', () => {
    const info = pdfInfo(pdf);
    expect(info.width).toBeCloseTo(210 * MM, 0);
    expect(info.height).toBeCloseTo(297 * MM, 0);
  });

  it('carries every paragraph as text, in order', () => {
    // Page numbers and line ends are not part of the text.
    const text = squash(pdfText(pdf).replace(/—\s*\d+\s*—/g, ''));
    let at = 0;
    for (const article of seed.articles) {
      for (const piece of [article.unit ?? '', article.title, ...article.paragraphs]) {
        const found = text.indexOf(squash(piece), at);
        expect(found, `"${piece.slice(0, 20)}…" missing or out of order`).toBeGreaterThanOrEqual(at);
        at = found + squash(piece).length;
      }
    }
  });

  it('has the masthead on page 1 and the 报尾 at the foot of the last page only', () => {
    const pages = pdfPages(pdf);
    const first = squash(pages[0].words.map((w) => w.text).join(''));
    expect(first).toContain(squash(seed.series));
    expect(first).toContain('第28期');
    expect(first).toContain('2021年5月12日');
    const last = pages.at(-1)!;
    const copies = last.words.find((w) => w.text.includes('份'))!;
    expect(copies, 'the print count is on the last page').toBeDefined();
    // The text block ends 35 mm above the bottom edge; the 报尾 must end there, not mid-page.
    const blockBottom = last.height - 35 * MM;
    expect(copies.yMax).toBeGreaterThan(blockBottom - 12 * MM);
    expect(copies.yMax).toBeLessThanOrEqual(blockBottom + 1);
    for (const page of pages.slice(0, -1)) expect(page.words.some((w) => w.text.includes('共印'))).toBe(false);
  });

  it('numbers pages "— N —" below the text block, odd on the right, even on the left', () => {
    const pages = pdfPages(pdf);
    pages.forEach((page, i) => {
      const n = String(i + 1);
      const num = page.words.filter((w) => w.yMin > page.height - 35 * MM && w.text.includes(n));
      expect(num.length, `page ${n} has its number`).toBeGreaterThan(0);
      const x = num[0].xMin;
      if ((i + 1) % 2 === 1) expect(x).toBeGreaterThan(page.width / 2);
      else expect(x).toBeLessThan(page.width / 2);
    });
  });

  it('saves page 1 and the last page as PNG artifacts', () => {
    const out = path.join(PROJECT_ROOT, 'test-results/print');
    mkdirSync(out, { recursive: true });
    const { pages } = pdfInfo(pdf);
    pdfToPng(pdf, path.join(out, 'seed-first'), 1, 1);
    pdfToPng(pdf, path.join(out, 'seed-last'), pages, pages);
  });
});

describe('print view in Chromium', () => {
  const site = useSiteInBrowser(dist);

  it('shows a print button and counts the same pages as the PDF', async () => {
    const print = await PrintPage.open(await site.browser.newPage(), site.url, entry.printUrl);
    expect(await print.pageCount()).toBe(pdfInfo(pdf).pages);
    expect(await print.printButtonEnabled()).toBe(true);
    expect(await print.status()).toBe(`共 ${pdfInfo(pdf).pages} 页`);
  });

  it('is linked from the issue page', async () => {
    const page = await site.browser.newPage();
    await page.goto(`${site.url}${entry.url}`);
    expect(await page.locator('.issue-tools a[download]').getAttribute('href')).toBe(entry.pdfUrl);
    await page.locator('.issue-tools a', { hasText: '打印版' }).click();
    await page.waitForURL(`**${entry.printUrl}`);
  });
});
