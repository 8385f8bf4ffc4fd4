/**
 * Assembling the site from the shards' cached outputs without copying what the
 * previous build already put there.
 *
 * Copying every shard into a fresh staging folder and deleting the old `dist/`
 * after the swap wrote and removed the whole site (113 MB, 16,000 files at
 * 6,000 articles: 8 s of a 31 s rebuild on a plain disk) when one issue
 * changed a few hundred files. So the site replaced by a swap is kept as the
 * *spare*; the next build stages in it: files whose content is what the new
 * site needs stay, the rest is removed or copied. A file is trusted only if it
 * is exactly the file the build wrote — same inode, size, mtime and ctime, as
 * git's index trusts a file — so anything that touched it since (an editor, a
 * deploy script working in `dist/`) gets it copied afresh.
 */
import { createHash } from 'node:crypto';
import { constants as fsConstants, existsSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapLimited } from '../concurrency.ts';
import { listTree } from './files.ts';

/** A file the site needs: where its bytes are and their hash. */
export interface Needed {
  from: string;
  hash: string;
}

/** What a build wrote into a site folder: per file, its content hash and its stat signature just after. */
export type Manifest = Map<string, { hash: string; sig: string }>;

/** The stat signature a file keeps until anything writes to it, renames or re-creates it. */
async function signature(file: string): Promise<string> {
  const s = await stat(file, { bigint: true });
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/** sha256 of a file's bytes. */
async function hashFile(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('base64url');
}

const FILE_LIST = 'files.json';

/**
 * The files of a cached shard output `outDir` with their content hashes, from
 * `<outDir>/../files.json`, written there (hashing the files) when missing or
 * unreadable — a cache stored by an earlier version has none.
 */
export async function shardFileList(outDir: string): Promise<[string, string][]> {
  const listFile = path.join(path.dirname(outDir), FILE_LIST);
  try {
    const list: unknown = JSON.parse(await readFile(listFile, 'utf8'));
    if (Array.isArray(list) && list.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')) return list as [string, string][];
  } catch {
    // Missing or damaged: hash the files again.
  }
  const files = await listTree(outDir);
  const list = await mapLimited(files, async (f): Promise<[string, string]> => [f, await hashFile(path.join(outDir, f))]);
  const tmp = `${listFile}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify(list));
  await rename(tmp, listFile);
  return list;
}

/** Where the manifest of the site folder `dir` is kept: named after the folder's inode, which renames keep. */
async function manifestFile(treesDir: string, dir: string): Promise<string> {
  const s = await stat(dir, { bigint: true });
  return path.join(treesDir, `${s.dev}-${s.ino}.json`);
}

/** The manifest of `dir`, or an empty one when none was kept or it cannot be read. */
export async function readManifest(treesDir: string, dir: string): Promise<Manifest> {
  try {
    const entries: unknown = JSON.parse(await readFile(await manifestFile(treesDir, dir), 'utf8'));
    if (Array.isArray(entries)) return new Map(entries.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'string').map((e) => [e[0], { hash: e[1], sig: e[2] }]));
  } catch {
    // None kept: nothing in the folder is trusted.
  }
  return new Map();
}

/** Keeps `manifest` as the manifest of `dir`, and drops those of every folder but `keep` (site folders that are gone). */
export async function writeManifest(treesDir: string, dir: string, manifest: Manifest, keep: string[]): Promise<void> {
  await mkdir(treesDir, { recursive: true });
  const file = await manifestFile(treesDir, dir);
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, JSON.stringify([...manifest].map(([rel, e]) => [rel, e.hash, e.sig])));
  await rename(tmp, file);
  const kept = new Set([file]);
  for (const d of keep) if (existsSync(d)) kept.add(await manifestFile(treesDir, d));
  for (const f of await readdir(treesDir)) if (!kept.has(path.join(treesDir, f)) && !f.endsWith('.tmp')) await rm(path.join(treesDir, f), { force: true });
}

export interface AssembleReport {
  manifest: Manifest;
  /** Files of the spare nothing needs yet that a later step may claim (see claimParked); the rest are removed by dropParked. */
  parked: Manifest;
  /** Files kept from the spare. */
  kept: number;
  /** Files copied from the cache. */
  copied: number;
  /** Files of the spare removed. */
  removed: number;
}

/** Every folder on the way to each of `files` (relative, `/`-separated). */
function foldersOf(files: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const rel of files) for (let d = path.posix.dirname(rel); d !== '.' && !out.has(d); d = path.posix.dirname(d)) out.add(d);
  return out;
}

/**
 * Makes `staging` hold exactly the `needed` files (relative path → source):
 * it starts from the `spare` folder when one is given (moved into place; its
 * files that are still right are kept), or from nothing. Files of the spare
 * the build wrote whose hash `park` accepts stay aside for a later step (the
 * PDFs, whose names are known only once the print pages are in place).
 */
export async function assemble(staging: string, needed: Map<string, Needed>, spare?: { dir: string; manifest: Manifest }, park: (hash: string) => boolean = () => false): Promise<AssembleReport> {
  const manifest: Manifest = new Map();
  const parked: Manifest = new Map();
  let kept = 0;
  let removed = 0;
  await rm(staging, { recursive: true, force: true });
  let fromSpare = false;
  if (spare && existsSync(spare.dir)) {
    try {
      await rename(spare.dir, staging);
      fromSpare = true;
    } catch {
      // Another filesystem: start empty, the spare is dropped.
      await rm(spare.dir, { recursive: true, force: true });
    }
  }
  if (fromSpare && spare) {
    try {
      const entries = await readdir(staging, { recursive: true, withFileTypes: true });
      const dirs: string[] = [];
      const files: string[] = [];
      for (const e of entries) {
        const rel = path.relative(staging, path.join(e.parentPath, e.name)).split(path.sep).join('/');
        if (e.isDirectory()) dirs.push(rel);
        else files.push(rel);
      }
      const neededFolders = foldersOf(needed.keys());
      // A parked file must not stand where a needed file's folder goes, nor in a folder where a needed file goes.
      const parkable = (rel: string) => !neededFolders.has(rel) && ![...foldersOf([rel])].some((d) => needed.has(d));
      await mapLimited(files, async (rel) => {
        const want = needed.get(rel);
        const had = spare.manifest.get(rel);
        const abs = path.join(staging, rel);
        const trusted = had !== undefined && (await signature(abs).catch(() => '')) === had.sig;
        if (trusted && want && had.hash === want.hash) {
          manifest.set(rel, had);
          kept++;
        } else if (trusted && !want && park(had.hash) && parkable(rel)) {
          parked.set(rel, had);
        } else {
          await unlink(abs);
          removed++;
        }
      });
      // Folders left without a file, deepest first.
      const holding = foldersOf([...manifest.keys(), ...parked.keys()]);
      for (const d of dirs.filter((x) => !holding.has(x)).sort((a, b) => b.length - a.length)) await rmdir(path.join(staging, d));
    } catch {
      // Something in the spare that cannot be changed (permissions): start from nothing.
      await rm(staging, { recursive: true, force: true });
      manifest.clear();
      parked.clear();
      kept = 0;
      removed = 0;
    }
  }
  await mkdir(staging, { recursive: true });
  const todo = [...needed].filter(([rel]) => !manifest.has(rel)).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parents = new Set(todo.map(([rel]) => path.dirname(rel)));
  for (const d of [...parents].sort()) await mkdir(path.join(staging, d), { recursive: true });
  await mapLimited(todo, async ([rel, src]) => {
    const abs = path.join(staging, rel);
    // A copy-on-write clone where the filesystem can make one (btrfs, XFS, APFS): no data copied, and
    // unlike a hard link, changing a file in dist/ cannot change the cache.
    await copyFile(src.from, abs, fsConstants.COPYFILE_FICLONE);
    manifest.set(rel, { hash: src.hash, sig: await signature(abs) });
  });
  return { manifest, parked, kept, copied: todo.length, removed };
}

/** Takes the parked file `rel` into the manifest if it holds content `hash`; true when it does. */
export function claimParked(report: AssembleReport, rel: string, hash: string): boolean {
  const had = report.parked.get(rel);
  if (!had || had.hash !== hash) return false;
  report.parked.delete(rel);
  report.manifest.set(rel, had);
  report.kept++;
  return true;
}

/** Records a file a later step wrote into `staging` as holding content `hash` (over a parked one, which is then no longer parked). */
export async function recordWritten(staging: string, report: AssembleReport, rel: string, hash: string): Promise<void> {
  report.parked.delete(rel);
  report.manifest.set(rel, { hash, sig: await signature(path.join(staging, rel)) });
  report.copied++;
}

/** Removes the parked files nobody claimed, and the folders they leave empty. */
export async function dropParked(staging: string, report: AssembleReport): Promise<void> {
  for (const rel of report.parked.keys()) {
    await unlink(path.join(staging, rel)).catch(() => undefined);
    report.removed++;
    for (let d = path.posix.dirname(rel); d !== '.'; d = path.posix.dirname(d)) {
      if ((await readdir(path.join(staging, d)).catch(() => ['?'])).length) break;
      await rmdir(path.join(staging, d));
    }
  }
  report.parked.clear();
}
