/**
 * Which of Astro's `_astro/` files a shard's pages use: what a shard built
 * in one process with others keeps of that process's assets.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { assetsUsedBy, hashFiles } from '../../../src/lib/build/files.ts';
import { bytesDigest } from '../../../src/lib/digest.ts';

function site(pages: Record<string, string>, assets: Record<string, string>) {
  const root = mkdtempSync(path.join(tmpdir(), 'jianbao-assets-'));
  for (const [rel, text] of Object.entries(pages)) {
    mkdirSync(path.dirname(path.join(root, 'pages', rel)), { recursive: true });
    writeFileSync(path.join(root, 'pages', rel), text);
  }
  mkdirSync(path.join(root, '_astro'), { recursive: true });
  for (const [name, text] of Object.entries(assets)) writeFileSync(path.join(root, '_astro', name), text);
  return { pages: path.join(root, 'pages'), assets: path.join(root, '_astro') };
}

describe('assetsUsedBy', () => {
  it('finds pictures whose names the pages write percent-encoded (Chinese, spaces, brackets)', async () => {
    const names = ['示意图.CpB8CB89_ZsRYHF.webp', 'tu 1.Ab12_Cd.webp', '图(2).Ef34_Gh.webp', 'other.Zz99.webp'];
    const { pages, assets } = site(
      {
        'a/index.html': `<img src="/base/_astro/${encodeURI(names[0])}" srcset="/_astro/${encodeURI(names[1])} 1x, /_astro/${encodeURI(names[2])} 2x">`,
      },
      Object.fromEntries(names.map((n) => [n, 'x'])),
    );
    expect(await assetsUsedBy(pages, assets)).toEqual([names[0], names[1], names[2]].sort());
  });

  it('follows stylesheets and scripts to what they use, quoted or not', async () => {
    const { pages, assets } = site(
      { 'index.html': '<link rel="stylesheet" href="/_astro/site.A1.css"><script type="module" src="/_astro/page.B2.js"></script>' },
      {
        'site.A1.css': "@font-face{src:url('/_astro/字体.C3.woff2')} .x{background:url(/_astro/bg.D4.png)}",
        'page.B2.js': 'import"./chunk.E5.js";',
        'chunk.E5.js': 'export const x=1;',
        '字体.C3.woff2': 'f',
        'bg.D4.png': 'p',
        'unused.F6.js': '',
      },
    );
    expect(await assetsUsedBy(pages, assets)).toEqual(['bg.D4.png', 'chunk.E5.js', 'page.B2.js', 'site.A1.css', '字体.C3.woff2'].sort());
  });

  it('counts no file for an address that names none', async () => {
    const { pages, assets } = site({ 'index.html': '<p>/_astro/nothing-here.png and /_astro/</p>' }, { 'real.G7.png': 'x' });
    expect(await assetsUsedBy(pages, assets)).toEqual([]);
  });
});

describe('hashFiles', () => {
  it('is the same with the digests a reader took as when it reads the files itself, and follows every byte', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'jianbao-hash-'));
    const files = ['a/1.mdx', 'a/2.mdx', 'a/tu.png'];
    for (const [i, f] of files.entries()) {
      mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
      writeFileSync(path.join(root, f), `内容 ${i}`);
    }
    // The reader knows the text files, not the picture.
    const known = new Map(files.slice(0, 2).map((f) => [f, bytesDigest(readFileSync(path.join(root, f)))]));
    const read = await hashFiles(root, files);
    expect(await hashFiles(root, files, known)).toBe(read);
    writeFileSync(path.join(root, 'a/tu.png'), '内容 9');
    expect(await hashFiles(root, files, known)).not.toBe(read);
    // Names count too: the same bytes under another name are another tree.
    expect(await hashFiles(root, files.slice(0, 2))).not.toBe(await hashFiles(root, files.slice(1, 3)));
  });
});
