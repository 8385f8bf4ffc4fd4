/**
 * The archive's search index as the build makes it: one Pagefind index per
 * year window (see yearWindows), each cached under its own key when a cache
 * is given, merged into one. `npm run build` and the one-process `astro
 * build` both come here, so their indexes are the same bytes.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkContent, type CheckResult } from '../content/check.ts';
import { ContentError } from '../content/errors.ts';
import { errorsOf } from '../content/read.ts';
import { buildSearchIndexFrom } from '../search/build.ts';
import { mergeIndexes, PART_FILE } from '../search/merge.ts';
import { buildArchive, type Archive, type ArchiveOptions, type Article } from '../site/archive.ts';
import { shardFileList } from './assemble.ts';
import { searchParts, yearWindows, type SearchPart } from './plan.ts';

export interface SearchBuildOptions extends ArchiveOptions {
  /** Where parts are kept between builds (`<name>/key`, `<name>/out`); none: every part is built. */
  cacheDir?: string;
  /** Scratch space on the cache's filesystem, so built parts move into it. */
  workDir: string;
  /** Called before each part is indexed (the build stops there when interrupted). */
  beforePart?: () => void;
  /** Told, in zh-CN, when cached parts could not be merged and are indexed again. */
  onRetry?: (line: string) => void;
}

/**
 * Builds the parts not in the cache and merges all of them into `outDir`; says
 * how many were indexed and, with a cache, the digests of the merged files
 * that are cached parts' files (the fragments, one per page: the build then
 * hashes only the few hundred files the merge wrote, not 6,000 fragments).
 */
export async function buildSearchInParts(
  checked: Pick<CheckResult, 'input' | 'bodies'>,
  parts: SearchPart[],
  outDir: string,
  o: SearchBuildOptions,
): Promise<{ indexed: number; mergeMs: number; digests: Map<string, string> }> {
  const store = o.cacheDir ?? path.join(o.workDir, 'search-parts');
  let archive: Archive | undefined;
  let indexed = 0;
  const fresh = new Set<string>();
  const indexParts = async () => {
    for (const part of parts) {
      const target = path.join(store, part.name);
      if (o.cacheDir && existsSync(path.join(target, 'key')) && (await readFile(path.join(target, 'key'), 'utf8')) === part.key) continue;
      o.beforePart?.();
      const years = new Set(part.years);
      const tmp = path.join(o.workDir, `${part.name}.tmp`);
      await rm(tmp, { recursive: true, force: true });
      archive ??= buildArchive(checked.input, o);
      await buildSearchIndexFrom(checked, tmp, o, { archive, select: (a: Article) => years.has(`${a.issue.series.id}/${a.issue.year}`) });
      // The key is written last, so a half-stored part never counts as cached.
      await rm(target, { recursive: true, force: true });
      await mkdir(target, { recursive: true });
      await rename(tmp, path.join(target, 'out'));
      await writeFile(path.join(target, 'key'), part.key);
      fresh.add(part.name);
      indexed++;
    }
  };
  const merge = () => mergeIndexes(parts.map((part) => path.join(store, part.name, 'out')), outDir);
  await indexParts();
  const t = performance.now();
  let merged;
  try {
    merged = await merge();
  } catch (e) {
    // A cached part that cannot be read (a file of the cache deleted or damaged) would fail every
    // build with the same key: index the cached parts again, once, and merge those.
    const cached = parts.filter((part) => !fresh.has(part.name));
    if (!o.cacheDir || !cached.length) throw e;
    o.onRetry?.(`搜索索引合并失败（${(e as Error).message}），缓存的 ${cached.length} 个部分重新索引后再合并`);
    for (const part of cached) await rm(path.join(store, part.name, 'key'), { force: true });
    await rm(outDir, { recursive: true, force: true });
    await indexParts();
    merged = await merge();
  }
  const mergeMs = performance.now() - t;
  // Each part's files with their digests, kept beside it (hashed once, when it is first merged) and
  // trusted from then on, as every cached shard's list is (see shardFileList): a cache damaged
  // behind the build's back is for `rm -rf node_modules/.astro` to mend, not for each build to detect.
  const digests = new Map<string, string>();
  if (o.cacheDir) {
    const ofPart = new Map<string, string>();
    for (const part of parts) {
      const out = path.join(store, part.name, 'out');
      for (const [rel, digest] of await shardFileList(out)) ofPart.set(path.join(out, rel), digest);
    }
    for (const [rel, src] of merged.taken) {
      const digest = ofPart.get(src);
      if (digest) digests.set(rel, digest);
    }
  }
  // Only a merge reads the sort values; readers have no use for them.
  await rm(path.join(outDir, PART_FILE), { force: true });
  if (o.cacheDir) {
    // Parts of windows the archive no longer has are never used again.
    const current = new Set(parts.map((part) => part.name));
    for (const d of await readdir(o.cacheDir)) if (!current.has(d)) await rm(path.join(o.cacheDir, d), { recursive: true, force: true });
  }
  return { indexed, mergeMs, digests };
}

/** The search index of a content folder exactly as `npm run build` writes it, without a cache. */
export async function buildSearchIndexAsBuilt(contentDir: string, outDir: string, options: ArchiveOptions & { shardYears: number }): Promise<{ articles: number }> {
  const checked = await checkContent(contentDir);
  const errors = errorsOf(checked);
  if (errors.length) throw new ContentError(errors);
  const archive = buildArchive(checked.input, options);
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'jianbao-search-parts-'));
  try {
    const parts = searchParts(yearWindows(archive, options.shardYears), { searchHash: '', siteContentHash: '', yearHashes: new Map() });
    await buildSearchInParts(checked, parts, outDir, { ...options, workDir });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
  return { articles: archive.articles.length };
}
