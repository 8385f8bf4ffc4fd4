/**
 * The sharded build against a plain one-process `astro build` of the same
 * content: cold, after publishing an issue (which changes a page of another
 * shard: the previous issue's "next" link), after correcting an article of an
 * old year, and built in parts by separate processes and joined.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

let work: string;
let content: string;
let dist: string;
let cache: string;

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-shards-'));
  content = path.join(work, 'content');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), content, { recursive: true });
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
  }, 900_000);

  it('after publishing an issue in a new year, rebuilds only what changed and equals a cold build', async () => {
    const dir = path.join(content, 'issues/alpha/2025/001');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'index.mdx'), '---\nnumber: 1\ndate: 2025-01-06\n---\n');
    writeFileSync(path.join(dir, '01-xin-gong-zuo.mdx'), '---\ntitle: 新年新一期的第一篇文章\nunit: 东区\n---\n\n东区部署新一年的工作。\n');
    const { stdout } = await build(content, dist, cache);
    // The new year, the year before it (its last issue now links to the new one), the index and search.
    expect(stdout).toMatch(/years-alpha-2025-2025/);
    expect(stdout).toMatch(/years-alpha-2024-2024/);
    expect(stdout).not.toMatch(/years-beta-2024-2024/);
    expect(rebuilt(stdout)).toBe(4);
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
  }, 900_000);

  it('after correcting an article of an old year, rebuilds that year and the search index only, and equals a cold build', async () => {
    const file = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n更正：补充一段说明文字。\n`);
    const { stdout } = await build(content, dist, cache);
    expect(stdout).toMatch(/years-alpha-2023-2023/);
    expect(rebuilt(stdout)).toBe(2);
    const reference = await buildSiteOneProcess(content, NO_CHROMIUM);
    expect(treeDiff(reference.outDir, dist)).toEqual([]);
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
