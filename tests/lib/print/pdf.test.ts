import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { distPath } from '../../../src/lib/site/dist.ts';
import { printPageKey, renderPdfs } from '../../../src/lib/print/pdf.ts';

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
    const jobs = [{ printUrl: catalog.issues[0].printUrl, pdfUrl: '/again.pdf' }];
    const cacheDir = path.join(dist, '.cache');
    // A Chromium path that cannot start proves the second run never launches a browser.
    const first = await renderPdfs({ distDir: dist, jobs, cacheDir, chromiumPath: '/usr/bin/chromium' });
    const second = await renderPdfs({ distDir: dist, jobs, cacheDir, chromiumPath: '/nonexistent' });
    expect(first).toEqual({ rendered: 1, cached: 0 });
    expect(second).toEqual({ rendered: 0, cached: 1 });
    expect(readFileSync(path.join(dist, 'again.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });
});
