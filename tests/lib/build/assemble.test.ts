/**
 * Staging a site in the output the previous build replaced: what is still
 * right stays, everything else is removed or copied, and a file anything
 * touched since the build wrote it is never trusted.
 */
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { assemble, claimParked, dropParked, readManifest, recordWritten, scanSpare, shardFileList, writeManifest, type Manifest, type Needed } from '../../../src/lib/build/assemble.ts';
import { swapInto } from '../../../src/lib/build/files.ts';
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

/** Whether the tests below hand assemble a scan of the spare taken ahead, as a build does while its last shard renders. */
let scanAhead = false;

/** assemble, with the spare scanned ahead when the tests are run that way (after whatever the test did to it). */
async function assembleIn(staging: string, needed: Map<string, Needed>, spare?: { dir: string; manifest: Manifest }, park?: (hash: string) => boolean) {
  const scan = spare && scanAhead && existsSync(spare.dir) ? await scanSpare(spare.dir) : undefined;
  return assemble(staging, needed, spare && { ...spare, scan }, park);
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

describe.each([
  ['assembled with its own scan of the spare', false],
  ['with the spare scanned ahead', true],
])('%s', (_, ahead) => {
  beforeEach(() => {
    scanAhead = ahead;
  });

  describe('assemble', () => {
    it('without a spare, copies every needed file', async () => {
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(SITE));
      expect(contents(staging)).toEqual(SITE);
      expect(report).toMatchObject({ kept: 0, copied: 5, removed: 0 });
      expect([...report.manifest.keys()].sort()).toEqual(Object.keys(SITE).sort());
    });

    it('in the spare, keeps what is still right and changes only the rest', async () => {
      const spare = await buildAndRetire(SITE);
      const next = { ...SITE, 'index.html': '<h1>首页（新）</h1>', 'a/2024/003/index.html': '<p>第 3 期</p>' } as Record<string, string>;
      delete next['a/2024/002/index.html'];
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(next), spare);
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
      const report = await assembleIn(staging, sources(SITE), spare);
      expect(contents(staging)).toEqual(SITE);
      expect(report).toMatchObject({ kept: 3, copied: 2, removed: 2 });
    });

    it('removes whatever else is in the spare, and copies everything when its manifest is lost', async () => {
      const spare = await buildAndRetire(SITE);
      writeFileSync(path.join(spare.dir, 'stray.txt'), '部署脚本留下的文件');
      mkdirSync(path.join(spare.dir, 'a/2024/001/index.html.d'), { recursive: true });
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(SITE), { dir: spare.dir, manifest: new Map() });
      expect(contents(staging)).toEqual(SITE);
      expect(report).toMatchObject({ kept: 0, copied: 5, removed: 6 });
    });

    it('puts a file where the spare has a folder, and a folder where it has a file', async () => {
      const spare = await buildAndRetire(SITE);
      const next: Record<string, string> = { ...SITE, 'a/2024/001/01-x/index.html/extra': '?', 'a/2024/002': '第 2 期改为文件' };
      delete next['a/2024/001/01-x/index.html'];
      delete next['a/2024/002/index.html'];
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(next), spare);
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
      const report = await assembleIn(staging, sources(SITE));
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
      const report = await assembleIn(staging, sources(next), spare, isPdf);
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
      const report = await assembleIn(staging, sources(SITE), spare, isPdf);
      writeFileSync(path.join(staging, 'a/2024/002/a-002.pdf'), 'PDF 2, rendered again');
      await recordWritten(staging, report, 'a/2024/002/a-002.pdf', pdfHash('k2-new'));
      await dropParked(staging, report);
      expect(readFileSync(path.join(staging, 'a/2024/002/a-002.pdf'), 'utf8')).toBe('PDF 2, rendered again');
      expect(existsSync(path.join(staging, 'a/2024/001/a-001.pdf'))).toBe(false);
    });

    it('a PDF changed in place since is not parked', async () => {
      const spare = await withPdfs();
      writeFileSync(path.join(spare.dir, 'a/2024/001/a-001.pdf'), 'PDF ?');
      const report = await assembleIn(path.join(work, 'staging'), sources(SITE), spare, isPdf);
      expect([...report.parked.keys()]).toEqual(['a/2024/002/a-002.pdf']);
    });
  });

  describe('manifests', () => {
    it('follow their folder through renames; old ones are dropped, the newest few kept', async () => {
      const folders = Array.from({ length: 9 }, (_, i) => path.join(work, `t${i}`));
      for (const [i, d] of folders.entries()) {
        mkdirSync(d);
        await writeManifest(trees, d, new Map([[`f${i}`, { hash: 'h', sig: 's' }]]), []);
      }
      renameSync(folders[8], path.join(work, 'moved'));
      expect([...(await readManifest(trees, path.join(work, 'moved')))]).toEqual([['f8', { hash: 'h', sig: 's' }]]);
      // The one just written and the six newest others.
      expect(readdirSync(trees)).toHaveLength(7);
      expect((await readManifest(trees, folders[0])).size).toBe(0);
      // A folder asked for is kept however old.
      await writeManifest(trees, path.join(work, 'moved'), new Map(), [folders[2]]);
      expect((await readManifest(trees, folders[2])).size).toBe(1);
    });

    it('a damaged manifest, or one from before the machine started, trusts nothing', async () => {
      const a = path.join(work, 'a');
      mkdirSync(a);
      await writeManifest(trees, a, new Map([['x', { hash: 'h1', sig: 's1' }]]), []);
      const [file] = readdirSync(trees);
      const kept = JSON.parse(readFileSync(path.join(trees, file), 'utf8'));
      expect((await readManifest(trees, a)).size).toBe(1);
      writeFileSync(path.join(trees, file), JSON.stringify({ ...kept, boot: 'another-boot' }));
      expect((await readManifest(trees, a)).size).toBe(0);
      writeFileSync(path.join(trees, file), '{"boot": "x", "files": [["x", "h1"');
      expect((await readManifest(trees, a)).size).toBe(0);
    });
  });

  describe('what is never trusted', () => {
    it('a link where the build wrote a file, even to that very file', async () => {
      const spare = await buildAndRetire(SITE);
      // The folder moved away (no file's times change) and links put where its files were.
      const away = path.join(work, 'away');
      renameSync(path.join(spare.dir, 'a/2024/001/01-x'), away);
      mkdirSync(path.join(spare.dir, 'a/2024/001/01-x'));
      symlinkSync(path.join(away, 'index.html'), path.join(spare.dir, 'a/2024/001/01-x/index.html'));
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(SITE), spare);
      expect(lstatSync(path.join(staging, 'a/2024/001/01-x/index.html')).isFile()).toBe(true);
      expect(contents(staging)).toEqual(SITE);
      expect(report.kept).toBe(4);
      expect(readFileSync(path.join(away, 'index.html'), 'utf8')).toBe(SITE['a/2024/001/01-x/index.html']);
    });

    it('a spare that is a link to a folder: the folder is left alone, nothing is staged in it', async () => {
      const web = path.join(work, 'www');
      mkdirSync(path.join(web, 'uploads'), { recursive: true });
      writeFileSync(path.join(web, 'uploads/keep-me.jpg'), 'photo');
      const link = path.join(work, 'spare-link');
      symlinkSync(web, link);
      const staging = path.join(work, 'staging');
      await assembleIn(staging, sources(SITE), { dir: link, manifest: new Map() });
      expect(contents(staging)).toEqual(SITE);
      expect(lstatSync(staging).isDirectory()).toBe(true);
      expect(readFileSync(path.join(web, 'uploads/keep-me.jpg'), 'utf8')).toBe('photo');
    });

    it('files in a folder whose mode was changed since, and the folder keeps no odd mode', async () => {
      const spare = await buildAndRetire(SITE);
      const normal = lstatSync(path.join(spare.dir, 'a/2024')).mode;
      chmodSync(path.join(spare.dir, 'a/2024/001'), 0o2750);
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(SITE), spare);
      expect(contents(staging)).toEqual(SITE);
      expect(lstatSync(path.join(staging, 'a/2024/001')).mode).toBe(normal);
      expect(report.kept).toBe(3);
    });

    it('on a filesystem with coarse times, a file whose bytes changed although its signature did not', async () => {
      const staging0 = path.join(work, 'staging');
      const report0 = await assembleIn(staging0, sources(SITE));
      const spareDir = path.join(work, 'spare');
      renameSync(staging0, spareDir);
      // What a one-second filesystem allows: the same size, the same times, other bytes.
      const edited = path.join(spareDir, 'a/2024/001/index.html');
      writeFileSync(edited, '<p>第 9 期</p>');
      utimesSync(edited, new Date('2026-01-01T00:00:00Z'), new Date('2026-01-01T00:00:00Z'));
      const s = lstatSync(edited, { bigint: true });
      report0.manifest.set('a/2024/001/index.html', { hash: report0.manifest.get('a/2024/001/index.html')!.hash, sig: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` });
      await writeManifest(trees, spareDir, report0.manifest, []);
      const staging = path.join(work, 'staging');
      const report = await assembleIn(staging, sources(SITE), { dir: spareDir, manifest: await readManifest(trees, spareDir) });
      expect(contents(staging)).toEqual(SITE);
      expect(report.kept).toBe(4);
    });
  });
});

describe('a spare scanned ahead', () => {
  /** The spare, scanned; then `change` is done to it, as a script still working in the old dist/ might. */
  async function scannedThenChanged(change: (dir: string) => void) {
    const spare = await buildAndRetire(SITE);
    const scan = await scanSpare(spare.dir);
    change(spare.dir);
    const staging = path.join(work, 'staging');
    const report = await assemble(staging, sources(SITE), { ...spare, scan });
    return { staging, report };
  }

  it('does not keep a file added after the scan, in a folder it had or in a new one', async () => {
    const { staging } = await scannedThenChanged((dir) => {
      writeFileSync(path.join(dir, 'a/2024/001/index.html.gz'), 'stale');
      writeFileSync(path.join(dir, 'stray.txt'), 'stale');
      mkdirSync(path.join(dir, 'a/2024/009'));
      writeFileSync(path.join(dir, 'a/2024/009/index.html'), 'stale');
    });
    expect(contents(staging)).toEqual(SITE);
  });

  it('does not keep a file changed in place after the scan, and copies one removed since', async () => {
    const { staging, report } = await scannedThenChanged((dir) => {
      writeFileSync(path.join(dir, 'index.html'), '<h1>改过</h1>');
      rmSync(path.join(dir, '_astro/site.css'));
    });
    expect(contents(staging)).toEqual(SITE);
    expect(report).toMatchObject({ kept: 3, copied: 2 });
  });
});

describe('swapInto', () => {
  it('keeps the replaced output as the spare, but never a link', async () => {
    const target = path.join(work, 'dist');
    const spare = path.join(work, 'cache', 'spare');
    const web = path.join(work, 'www');
    mkdirSync(web);
    writeFileSync(path.join(web, 'keep-me.txt'), '?');
    symlinkSync(web, target);
    mkdirSync(path.join(work, 'staging'));
    await swapInto(path.join(work, 'staging'), target, spare);
    expect(existsSync(spare)).toBe(false);
    expect(readFileSync(path.join(web, 'keep-me.txt'), 'utf8')).toBe('?');
    mkdirSync(path.join(work, 'staging'));
    await swapInto(path.join(work, 'staging'), target, spare);
    expect(lstatSync(spare).isDirectory()).toBe(true);
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
