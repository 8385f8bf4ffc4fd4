/**
 * The sharded build against a plain one-process `astro build` of the same
 * content: cold, after publishing an issue (which changes a page of another
 * shard: the previous issue's "next" link), after correcting an article of an
 * old year, and built in parts by separate processes and joined.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSiteOneProcess, PROJECT_ROOT } from '../../helpers/build.ts';
import { allFiles } from '../../helpers/dist.ts';

const run = promisify(execFile);
const NODE = path.join(PROJECT_ROOT, 'node_modules/.bin/node');
const NO_CHROMIUM = { CHROMIUM_PATH: '/nonexistent/chromium' };

/** Paths that differ between two folders (missing on one side, or other bytes). */
function treeDiff(a: string, b: string): string[] {
  const fa = new Set(allFiles(a));
  const fb = new Set(allFiles(b));
  const diff = [...fa].filter((f) => !fb.has(f)).map((f) => `only in first: ${f}`);
  diff.push(...[...fb].filter((f) => !fa.has(f)).map((f) => `only in second: ${f}`));
  for (const f of fa) if (fb.has(f) && !readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f)))) diff.push(`differs: ${f}`);
  return diff.sort();
}

/** `npm run build` with a given output and cache folder, so later builds reuse the cache. */
async function build(content: string, outDir: string, cacheDir: string, args: string[] = [], env: Record<string, string> = {}) {
  return run(NODE, [path.join(PROJECT_ROOT, 'scripts/build.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, ...NO_CHROMIUM, JIANBAO_CONTENT: content, JIANBAO_OUT_DIR: outDir, JIANBAO_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

const rebuilt = (stdout: string) => Number(/（(\d+) 个重建/.exec(stdout)?.[1]);
/** Files of the output the build kept from the one the build before replaced (see assemble.ts). */
const keptFiles = (stdout: string) => Number(/汇总：(\d+) 个文件沿用/.exec(stdout)?.[1]);

/** A real PNG (solid colour), so Astro's image pipeline treats it as an article picture. */
function png(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  const raw = Buffer.concat(Array.from({ length: height }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** Files under dist/_astro/ whose name starts with `stem`. */
const assetsNamed = (dist: string, stem: string) => allFiles(dist).filter((f) => f.startsWith(`_astro/${stem}`));

let work: string;
let content: string;
let dist: string;
let cache: string;
/** A page of dist/ changed in place after a build, as a deploy script might. */
let tampered: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-shards-'));
  content = path.join(work, 'content');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), content, { recursive: true });
  // A picture beside an article of an old year, whose shard shares an Astro process with the others.
  const article = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
  writeFileSync(path.join(content, 'issues/alpha/2023/001/wang-ge-tu.png'), png(24, 16, [200, 30, 40]));
  writeFileSync(article, `${readFileSync(article, 'utf8')}\n![网格划分示意](./wang-ge-tu.png)\n`);
  dist = path.join(work, 'dist');
  cache = path.join(work, 'cache');
});

describe('the sharded build', () => {
  it('builds the same site as one Astro process', async () => {
    const { stdout, stderr } = await build(content, dist, cache);
    expect(rebuilt(stdout)).toBeGreaterThan(2);
    // The log is a summary and problems only: no per-file Vite warning, no page-by-page progress.
    expect(stdout + stderr).not.toMatch(/MODULE_LEVEL_DIRECTIVE|astro:head-inject|generating static routes/);
    expect(stdout).toMatch(/构建完成：\d+ 个页面，\d+ 个分片/);
    expect(`${stdout}${stderr}`.trim().split('\n').length).toBeLessThan(15);
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
    expect(assetsNamed(dist, 'wang-ge-tu').length).toBeGreaterThan(0);
  }, 900_000);

  it('after publishing an issue in a new year, rebuilds only what changed and equals a cold build', async () => {
    const dir = path.join(content, 'issues/alpha/2025/001');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.mdx'), '---\nnumber: 1\ndate: 2025-01-06\n---\n');
    writeFileSync(path.join(dir, '01-xin-gong-zuo.mdx'), '---\ntitle: 新年新一期的第一篇文章\nunit: 东区\n---\n\n东区部署新一年的工作。\n');
    // What a year that has since left the archive (or joined a window) left behind in Astro's caches.
    mkdirSync(path.join(cache, 'jianbao-build/astro/years-alpha-2019-2019/data-store'), { recursive: true });
    writeFileSync(path.join(cache, 'jianbao-build/astro/years-alpha-2019-2019/data-store/x.json'), '{}');
    const { stdout } = await build(content, dist, cache);
    // The new year, the year before it (its last issue now links to the new one), the index and search.
    expect(stdout).toMatch(/years-alpha-2025-2025/);
    expect(stdout).toMatch(/years-alpha-2024-2024/);
    expect(stdout).not.toMatch(/years-beta-2024-2024/);
    expect(rebuilt(stdout)).toBe(4);
    // The search index indexes the new year's articles only; every other part comes from the cache.
    expect(stdout).toMatch(/搜索索引：1 个部分重新索引/);
    // Astro's cache of a shard the plan no longer has (left by an earlier build) is removed; current ones are kept.
    const astroCaches = readdirSync(path.join(cache, 'jianbao-build/astro'));
    expect(astroCaches).not.toContain('years-alpha-2019-2019');
    expect(astroCaches.some((d) => d.startsWith('years-alpha-'))).toBe(true);
    // The listing pages rendered in the process of the two year shards: one Astro start-up, not two.
    expect(stdout).toMatch(/✓ years-alpha-2024-2024、years-alpha-2025-2025、index（/);
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
  }, 900_000);

  it('after correcting an article of an old year, rebuilds that year and the search index only, and equals a cold build', async () => {
    const file = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n更正：补充一段说明文字。\n`);
    // A page no edit here changes, altered in dist/ without changing its size: this dist/ is what
    // the next build stages in, and it must not keep the page.
    tampered = allFiles(dist).find((f) => f.startsWith('beta/') && f.endsWith('.html'))!;
    writeFileSync(path.join(dist, tampered), readFileSync(path.join(dist, tampered), 'utf8').replace('<html', '<HTML'));
    const { stdout } = await build(content, dist, cache);
    expect(stdout).toMatch(/years-alpha-2023-2023/);
    expect(rebuilt(stdout)).toBe(2);
    // Staged in the output the build before replaced: most files stay where they are.
    expect(keptFiles(stdout)).toBeGreaterThan(allFiles(dist).length / 2);
    expect(stdout).toMatch(/搜索索引：1 个部分重新索引/);
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
  }, 900_000);

  it('after a picture is taken out of an old article, publishes it nowhere (no other shard of its process kept a copy)', async () => {
    const article = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
    writeFileSync(article, readFileSync(article, 'utf8').replace(/\n!\[网格划分示意\]\(\.\/wang-ge-tu\.png\)\n/, '\n'));
    rmSync(path.join(content, 'issues/alpha/2023/001/wang-ge-tu.png'));
    const { stdout } = await build(content, dist, cache);
    expect(stdout).toMatch(/years-alpha-2023-2023/);
    expect(stdout).not.toMatch(/years-beta-2024-2024/);
    expect(assetsNamed(dist, 'wang-ge-tu')).toEqual([]);
    expect(readFileSync(path.join(dist, tampered), 'utf8')).not.toContain('<HTML');
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
  }, 900_000);

  it('splits a process of a year and the listing pages right: the year\'s own page stays with the listing pages, the year keeps its picture, a picture taken out goes', async () => {
    const article = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
    const before = readFileSync(article, 'utf8');
    // A picture named as an editor would name it (pages write its address percent-encoded), and a
    // new title (the listing pages show it): one process renders that year and the index.
    const picture = '网格 示意图';
    const withPicture = `${before.replace(/^title: .*$/m, 'title: 网格化管理改题后的标题')}\n![网格划分示意二](<./${picture}.png>)\n`;
    writeFileSync(path.join(content, `issues/alpha/2023/001/${picture}.png`), png(20, 12, [30, 120, 200]));
    writeFileSync(article, withPicture);
    const first = await build(content, dist, cache);
    expect(first.stdout).toMatch(/✓ years-alpha-2023-2023、index（/);
    expect(assetsNamed(dist, picture)).toHaveLength(1);
    // The year alone, the picture kept: it is the year shard's, not the listing pages'.
    writeFileSync(article, `${withPicture}\n再补充一句说明。\n`);
    const alone = await build(content, dist, cache);
    expect(alone.stdout).toMatch(/✓ years-alpha-2023-2023（/);
    expect(assetsNamed(dist, picture)).toHaveLength(1);
    expect(treeDiff((await buildSiteOneProcess(content, NO_CHROMIUM)).outDir, dist)).toEqual([]);
    // Taken out again: only that year is rebuilt; the index shard's cached output must not bring it back.
    writeFileSync(article, readFileSync(article, 'utf8').replace(`\n![网格划分示意二](<./${picture}.png>)\n`, '\n'));
    rmSync(path.join(content, `issues/alpha/2023/001/${picture}.png`));
    const { stdout } = await build(content, dist, cache);
    expect(stdout).not.toMatch(/index（/);
    expect(assetsNamed(dist, picture)).toEqual([]);
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
  }, 900_000);

  it('rebuilds nothing when only the notes for editors or hidden files (a content repository\'s .git/) change', async () => {
    writeFileSync(path.join(content, '编辑指南.md'), '# 编辑指南\n\n本地说明，不进入网站。\n');
    writeFileSync(path.join(content, '编辑指南-1-示例.png'), png(8, 8, [0, 0, 0]));
    mkdirSync(path.join(content, '.git'), { recursive: true });
    writeFileSync(path.join(content, '.git/HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(path.join(content, 'issues/alpha/2023/.DS_Store'), 'x');
    const { stdout } = await build(content, dist, cache);
    expect(rebuilt(stdout)).toBe(0);
    expect(allFiles(dist).some((f) => f.includes('编辑指南'))).toBe(false);
  }, 900_000);

  it('built in parts by separate processes (as CI jobs) and joined, equals the one-machine build', async () => {
    const joinCache = path.join(work, 'join-cache');
    // Parts link PDFs unless told otherwise (they need no Chromium; the joining job renders the
    // PDFs). This machine's one-machine build found no Chromium, so every job here builds without.
    const noPdf = { JIANBAO_PDF: '0' };
    for (const part of ['1/2', '2/2']) {
      const partCache = path.join(work, `part-cache-${part.replace('/', '-of-')}`);
      const { stdout } = await build(content, path.join(work, 'unused-dist'), partCache, ['--part', part], noPdf);
      expect(stdout).toMatch(new RegExp(`第 ${part} 部分完成`));
      // What CI does between jobs: the parts' caches, uploaded and downloaded into one folder.
      cpSync(path.join(partCache, 'jianbao-build/shards'), path.join(joinCache, 'jianbao-build/shards'), { recursive: true });
    }
    const joined = path.join(work, 'joined');
    const { stdout } = await build(content, joined, joinCache, [], noPdf);
    expect(rebuilt(stdout)).toBe(0);
    expect(treeDiff(dist, joined)).toEqual([]);
  }, 900_000);
});
