/**
 * Staging a site in the output the previous build replaced: what is still
 * right stays, everything else is removed or copied, and a file anything
 * touched since the build wrote it is never trusted.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { assemble, claimParked, dropParked, readManifest, recordWritten, shardFileList, writeManifest, type Needed } from '../../../src/lib/build/assemble.ts';
import { allFiles } from '../../helpers/dist.ts';

let work: string;
let cache: string;
let trees: string;

/** Writes source files into the cache folder and returns what a site made of them needs. */
function sources(files: Record<string, string>): Map<string, Needed> {
  const needed = new Map<string, Needed>();
  for (const [rel, text] of Object.entries(files)) {
    const from = path.join(cache, `${createHash('sha256').update(rel + text).digest('hex')}.src`);
    writeFileSync(from, text);
    needed.set(rel, { from, hash: createHash('sha256').update(text).digest('base64url') });
  }
  return needed;
}

/** Every file of a folder with its text. */
function contents(dir: string): Record<string, string> {
  return Object.fromEntries(allFiles(dir).map((f) => [f, readFileSync(path.join(dir, f), 'utf8')]));
}

/** A build's staging, swapped in and later replaced: it becomes the spare, with its manifest kept. */
async function buildAndRetire(files: Record<string, string>): Promise<{ dir: string; manifest: Awaited<ReturnType<typeof readManifest>> }> {
  const staging = path.join(work, 'staging');
  const { manifest } = await assemble(staging, sources(files));
  const spare = path.join(work, 'spare');
  renameSync(staging, spare);
  await writeManifest(trees, spare, manifest, []);
  return { dir: spare, manifest: await readManifest(trees, spare) };
}

const SITE = {
  'index.html': '<h1>首页</h1>',
  'a/2024/001/index.html': '<p>第 1 期</p>',
  'a/2024/001/01-x/index.html': '<p>文章一</p>',
  'a/2024/002/index.html': '<p>第 2 期</p>',
  '_astro/site.css': 'body{}',
};

beforeEach(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-assemble-'));
  cache = path.join(work, 'cache');
  trees = path.join(work, 'trees');
  mkdirSync(cache);
});

describe('assemble', () => {
  it('without a spare, copies every needed file', async () => {
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(SITE));
    expect(contents(staging)).toEqual(SITE);
    expect(report).toMatchObject({ kept: 0, copied: 5, removed: 0 });
    expect([...report.manifest.keys()].sort()).toEqual(Object.keys(SITE).sort());
  });

  it('in the spare, keeps what is still right and changes only the rest', async () => {
    const spare = await buildAndRetire(SITE);
    const next = { ...SITE, 'index.html': '<h1>首页（新）</h1>', 'a/2024/003/index.html': '<p>第 3 期</p>' } as Record<string, string>;
    delete next['a/2024/002/index.html'];
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(next), spare);
    expect(contents(staging)).toEqual(next);
    expect(report).toMatchObject({ kept: 3, copied: 2, removed: 2 });
    // The withdrawn issue's folder is gone, not left empty.
    expect(existsSync(path.join(staging, 'a/2024/002'))).toBe(false);
    expect(existsSync(spare.dir)).toBe(false);
  });

  it('does not trust a file changed in place since the build wrote it, even at the same size', async () => {
    const spare = await buildAndRetire(SITE);
    // As a deploy script editing dist/ would: same length, other bytes.
    writeFileSync(path.join(spare.dir, 'a/2024/001/index.html'), '<p>第 9 期</p>');
    // And a file replaced by another one with the same bytes: a new file, not the build's.
    rmSync(path.join(spare.dir, '_astro/site.css'));
    writeFileSync(path.join(spare.dir, '_astro/site.css'), 'body{}');
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(SITE), spare);
    expect(contents(staging)).toEqual(SITE);
    expect(report).toMatchObject({ kept: 3, copied: 2, removed: 2 });
  });

  it('removes whatever else is in the spare, and copies everything when its manifest is lost', async () => {
    const spare = await buildAndRetire(SITE);
    writeFileSync(path.join(spare.dir, 'stray.txt'), '部署脚本留下的文件');
    mkdirSync(path.join(spare.dir, 'a/2024/001/index.html.d'), { recursive: true });
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(SITE), { dir: spare.dir, manifest: new Map() });
    expect(contents(staging)).toEqual(SITE);
    expect(report).toMatchObject({ kept: 0, copied: 5, removed: 6 });
  });

  it('puts a file where the spare has a folder, and a folder where it has a file', async () => {
    const spare = await buildAndRetire(SITE);
    const next: Record<string, string> = { ...SITE, 'a/2024/001/01-x/index.html/extra': '?', 'a/2024/002': '第 2 期改为文件' };
    delete next['a/2024/001/01-x/index.html'];
    delete next['a/2024/002/index.html'];
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(next), spare);
    expect(contents(staging)).toEqual(next);
    expect(report).toMatchObject({ kept: 3, copied: 2, removed: 2 });
  });
});

describe('parked files (the PDFs)', () => {
  const pdfHash = (key: string) => `pdf:${key}`;
  const isPdf = (hash: string) => hash.startsWith('pdf:');

  /** A site whose build also wrote two PDFs after assembling, then retired as the spare. */
  async function withPdfs() {
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(SITE));
    writeFileSync(path.join(staging, 'a/2024/001/a-001.pdf'), 'PDF 1');
    writeFileSync(path.join(staging, 'a/2024/002/a-002.pdf'), 'PDF 2');
    await recordWritten(staging, report, 'a/2024/001/a-001.pdf', pdfHash('k1'));
    await recordWritten(staging, report, 'a/2024/002/a-002.pdf', pdfHash('k2'));
    const spare = path.join(work, 'spare');
    renameSync(staging, spare);
    await writeManifest(trees, spare, report.manifest, []);
    return { dir: spare, manifest: await readManifest(trees, spare) };
  }

  it('keeps a claimed one in place, and removes the others with the folders they leave empty', async () => {
    const spare = await withPdfs();
    const next: Record<string, string> = { ...SITE };
    delete next['a/2024/002/index.html'];
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(next), spare, isPdf);
    expect([...report.parked.keys()].sort()).toEqual(['a/2024/001/a-001.pdf', 'a/2024/002/a-002.pdf']);
    // Its print page changed: another key, so not this file.
    expect(claimParked(report, 'a/2024/001/a-001.pdf', pdfHash('k1-new'))).toBe(false);
    expect(claimParked(report, 'a/2024/001/a-001.pdf', pdfHash('k1'))).toBe(true);
    await dropParked(staging, report);
    expect(contents(staging)).toEqual({ ...next, 'a/2024/001/a-001.pdf': 'PDF 1' });
    expect(existsSync(path.join(staging, 'a/2024/002'))).toBe(false);
    expect(report.manifest.get('a/2024/001/a-001.pdf')?.hash).toBe(pdfHash('k1'));
  });

  it('a PDF written over a parked one stays', async () => {
    const spare = await withPdfs();
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(SITE), spare, isPdf);
    writeFileSync(path.join(staging, 'a/2024/002/a-002.pdf'), 'PDF 2, rendered again');
    await recordWritten(staging, report, 'a/2024/002/a-002.pdf', pdfHash('k2-new'));
    await dropParked(staging, report);
    expect(readFileSync(path.join(staging, 'a/2024/002/a-002.pdf'), 'utf8')).toBe('PDF 2, rendered again');
    expect(existsSync(path.join(staging, 'a/2024/001/a-001.pdf'))).toBe(false);
  });

  it('a PDF changed in place since is not parked', async () => {
    const spare = await withPdfs();
    writeFileSync(path.join(spare.dir, 'a/2024/001/a-001.pdf'), 'PDF ?');
    const report = await assemble(path.join(work, 'staging'), sources(SITE), spare, isPdf);
    expect([...report.parked.keys()]).toEqual(['a/2024/002/a-002.pdf']);
  });
});

describe('manifests', () => {
  it('follow their folder through renames and are dropped with it', async () => {
    const a = path.join(work, 'a');
    const b = path.join(work, 'b');
    mkdirSync(a);
    mkdirSync(b);
    await writeManifest(trees, a, new Map([['x', { hash: 'h1', sig: 's1' }]]), []);
    await writeManifest(trees, b, new Map([['y', { hash: 'h2', sig: 's2' }]]), [a]);
    renameSync(a, path.join(work, 'a2'));
    expect([...(await readManifest(trees, path.join(work, 'a2')))]).toEqual([['x', { hash: 'h1', sig: 's1' }]]);
    expect(readdirSync(trees)).toHaveLength(2);
    // Writing b's again, keeping nothing else: a's is dropped.
    await writeManifest(trees, b, new Map(), []);
    expect(readdirSync(trees)).toHaveLength(1);
    expect((await readManifest(trees, path.join(work, 'a2'))).size).toBe(0);
  });

  it('a damaged manifest trusts nothing', async () => {
    const a = path.join(work, 'a');
    mkdirSync(a);
    await writeManifest(trees, a, new Map([['x', { hash: 'h1', sig: 's1' }]]), []);
    for (const f of readdirSync(trees)) writeFileSync(path.join(trees, f), '[["x", "h1"');
    expect((await readManifest(trees, a)).size).toBe(0);
  });
});

describe('shardFileList', () => {
  it('hashes a cached output once, and again when its list is damaged', async () => {
    const out = path.join(work, 'shard', 'out');
    mkdirSync(path.join(out, 'a'), { recursive: true });
    writeFileSync(path.join(out, 'a/index.html'), '甲');
    writeFileSync(path.join(out, 'b.css'), 'b{}');
    const hash = (t: string) => createHash('sha256').update(t).digest('base64url');
    const expected = [
      ['a/index.html', hash('甲')],
      ['b.css', hash('b{}')],
    ];
    expect(await shardFileList(out)).toEqual(expected);
    // The list is what is read next time, not the files.
    writeFileSync(path.join(out, 'b.css'), 'changed');
    expect(await shardFileList(out)).toEqual(expected);
    writeFileSync(path.join(work, 'shard', 'files.json'), '{"broken');
    expect(await shardFileList(out)).toEqual([expected[0], ['b.css', hash('changed')]]);
  });
});
