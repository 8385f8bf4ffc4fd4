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
import { constants as fsConstants, existsSync, lstatSync, readdirSync, readFileSync } from 'node:fs';
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, rmdir, unlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../atomic-file.ts';
import { mapLimited } from '../concurrency.ts';
import { fileDigest } from '../digest.ts';
import { listTree } from './files.ts';

/** A file the site needs: where its bytes are and their hash. */
export interface Needed {
  from: string;
  hash: string;
}

/** What a build wrote into a site folder: per file, its content hash and its stat signature just after. */
export type Manifest = Map<string, { hash: string; sig: string }>;

/**
 * The stat signature a regular file keeps until anything writes to it,
 * renames or re-creates it; '' for anything else (a symbolic link, a folder),
 * which is never trusted.
 */
function signature(file: string): string {
  // Synchronous: an lstat through fs/promises costs ≈ 30 µs of the event loop, 0.5 s for the 15,500
  // files of a 6,000-article site, where lstatSync takes a tenth of that.
  const s = lstatSync(file, { bigint: true, throwIfNoEntry: false });
  return s?.isFile() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : '';
}

/**
 * A signature whose times are whole milliseconds comes from a filesystem with
 * coarse timestamps (ext4 with small inodes, HFS+, FAT, some network mounts),
 * where a same-size edit within the same tick keeps it: such a file is trusted
 * only after its content is hashed again, as git re-checks "racy" entries.
 */
function coarse(sig: string): boolean {
  const [, , , mtimeNs, ctimeNs] = sig.split(':');
  return BigInt(mtimeNs) % 1_000_000n === 0n || BigInt(ctimeNs) % 1_000_000n === 0n;
}

const FILE_LIST = 'files.json';

/**
 * The files of a cached shard output `outDir` with their content hashes, from
 * `<outDir>/../files.json`, written there (hashing the files) when missing or
 * unreadable — a cache stored by an earlier version has none. Digests in
 * `known` (relative path → digest of those very bytes) are taken as they are.
 */
export async function shardFileList(outDir: string, known?: ReadonlyMap<string, string>): Promise<[string, string][]> {
  const listFile = path.join(path.dirname(outDir), FILE_LIST);
  try {
    const list: unknown = JSON.parse(await readFile(listFile, 'utf8'));
    if (Array.isArray(list) && list.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && typeof e[1] === 'string')) return list as [string, string][];
  } catch {
    // Missing or damaged: hash the files again.
  }
  const files = await listTree(outDir);
  const list = await mapLimited(files, async (f): Promise<[string, string]> => [f, known?.get(f) ?? (await fileDigest(path.join(outDir, f)))]);
  await writeFileAtomic(listFile, JSON.stringify(list));
  return list;
}

/**
 * This boot of the machine: a manifest from before a crash or power cut is not
 * trusted, since a file's data may not have reached the disk although its size
 * and times did.
 */
function bootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return `boot-${Math.round((Date.now() / 1000 - os.uptime()) / 60)}`;
  }
}

/** A real folder (not a link to one). */
async function isFolder(dir: string): Promise<boolean> {
  return (await lstat(dir).catch(() => undefined))?.isDirectory() ?? false;
}

/** Where the manifest of the site folder `dir` is kept: named after the folder's inode, which renames keep. */
async function manifestFile(treesDir: string, dir: string): Promise<string> {
  const s = await lstat(dir, { bigint: true });
  return path.join(treesDir, `${s.dev}-${s.ino}.json`);
}

/** The manifest of `dir`, or an empty one when none was kept, it cannot be read or it is from before the machine last started. */
export async function readManifest(treesDir: string, dir: string): Promise<Manifest> {
  try {
    if (!(await isFolder(dir))) return new Map();
    const data = JSON.parse(await readFile(await manifestFile(treesDir, dir), 'utf8')) as { boot?: unknown; files?: unknown };
    if (data.boot === bootId() && Array.isArray(data.files)) {
      return new Map(data.files.filter((e) => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'string').map((e) => [e[0], { hash: e[1], sig: e[2] }]));
    }
  } catch {
    // None kept: nothing in the folder is trusted.
  }
  return new Map();
}

/** Manifests kept besides those asked for: outputs of other audiences or output folders, newest first. */
const OTHER_MANIFESTS = 6;

/**
 * Keeps `manifest` as the manifest of `dir`, and drops old ones: those of the
 * `keep` folders stay, and the newest few others (a folder's manifest is
 * named after its inode, not its path, so which are gone is not known).
 */
export async function writeManifest(treesDir: string, dir: string, manifest: Manifest, keep: string[]): Promise<void> {
  await mkdir(treesDir, { recursive: true });
  const file = await manifestFile(treesDir, dir);
  await writeFileAtomic(file, JSON.stringify({ boot: bootId(), files: [...manifest].map(([rel, e]) => [rel, e.hash, e.sig]) }));
  const kept = new Set([file]);
  for (const d of keep) if (await isFolder(d)) kept.add(await manifestFile(treesDir, d));
  const others = [];
  for (const f of await readdir(treesDir)) {
    const abs = path.join(treesDir, f);
    if (kept.has(abs) || f.endsWith('.tmp')) continue;
    const s = await lstat(abs).catch(() => undefined);
    if (s) others.push({ abs, at: s.mtimeMs });
  }
  for (const { abs } of others.sort((a, b) => b.at - a.at).slice(OTHER_MANIFESTS)) await rm(abs, { force: true });
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

/** Mode, owner and group a folder made now gets (umask, setgid parents): what every folder of the staging must have. */
async function freshFolder(beside: string): Promise<string> {
  const probe = `${beside}.probe-${process.pid}`;
  await rm(probe, { recursive: true, force: true });
  await mkdir(probe);
  try {
    return ownerOf(await lstat(probe));
  } finally {
    await rmdir(probe);
  }
}

/** What a spare folder holds, listed ahead of assembling in it. */
export interface SpareScan {
  /** Its folders (relative, `/`-separated; '' for itself) with their stamp, taken before each was listed. */
  dirs: Map<string, string>;
  /** Everything else in it. */
  files: string[];
}

/** Mode, owner and group of a folder: what a folder the build made has (see freshFolder). */
function ownerOf(s: { mode: number | bigint; uid: number | bigint; gid: number | bigint }): string {
  return `${s.mode}:${s.uid}:${s.gid}`;
}

/**
 * A folder's stamp: its signature's fields (see signature), which change
 * whenever an entry in it is added, removed or renamed; '' for what is not a
 * folder (any more).
 */
function folderStamp(dir: string): string {
  const s = lstatSync(dir, { bigint: true, throwIfNoEntry: false });
  return s?.isDirectory() ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : '';
}

/**
 * Every folder and file below `dir`. A build lists its spare while its last
 * Astro process renders, on the core the other jobs have left idle: listing
 * the 25,000 entries of a 6,000-article site took 0.6 s of the assemble step.
 * Each folder is stamped before it is listed, so an entry added to it after
 * its listing changes its stamp, and assemble lists again (see listedAsBefore);
 * files are judged by their own signatures when assembling, not here. Folder
 * by folder, synchronously (a third of the time of the asynchronous walk), in
 * slices, so the build's event loop still reads its processes' output.
 */
export async function scanSpare(dir: string): Promise<SpareScan> {
  const scan: SpareScan = { dirs: new Map(), files: [] };
  const todo = [''];
  for (let n = 0; todo.length; n++) {
    if (n % 500 === 499) await new Promise((resume) => setImmediate(resume));
    const rel = todo.pop()!;
    const abs = path.join(dir, rel);
    scan.dirs.set(rel, folderStamp(abs));
    for (const e of readdirSync(abs, { withFileTypes: true })) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) todo.push(child);
      else scan.files.push(child);
    }
  }
  return scan;
}

/**
 * Whether `dir` holds what `scan` listed: every folder's stamp is as it was.
 * Never on a filesystem with coarse times, where a change within the same
 * tick keeps a folder's stamp.
 */
function listedAsBefore(dir: string, scan: SpareScan): boolean {
  for (const [rel, stamp] of scan.dirs) if (stamp === '' || coarse(stamp) || folderStamp(path.join(dir, rel)) !== stamp) return false;
  return true;
}

/**
 * Makes `staging` hold exactly the `needed` files (relative path → source):
 * it starts from the `spare` folder when one is given (moved into place; its
 * files that are still right are kept), or from nothing. Files of the spare
 * the build wrote whose hash `park` accepts stay aside for a later step (the
 * PDFs, whose names are known only once the print pages are in place).
 */
export async function assemble(staging: string, needed: Map<string, Needed>, spare?: { dir: string; manifest: Manifest; scan?: SpareScan }, park: (hash: string) => boolean = () => false): Promise<AssembleReport> {
  const manifest: Manifest = new Map();
  const parked: Manifest = new Map();
  let kept = 0;
  let removed = 0;
  await rm(staging, { recursive: true, force: true });
  let fromSpare = false;
  // Checked before the spare moves (a folder's times change when it is renamed).
  const ahead = spare?.scan && listedAsBefore(spare.dir, spare.scan) ? spare.scan : undefined;
  if (spare && (await isFolder(spare.dir))) {
    try {
      await rename(spare.dir, staging);
      fromSpare = true;
    } catch {
      // Another filesystem: start empty.
    }
  }
  // A spare that is not a real folder (a link to the web server's folder, say) is never staged in.
  if (spare && !fromSpare) await rm(spare.dir, { recursive: true, force: true });
  if (fromSpare && spare) {
    let failure: unknown;
    try {
      // Folders changed since (mode, owner, group) are not the build's: what is in them is not kept.
      const fresh = await freshFolder(staging);
      const { mode, uid, gid } = await lstat(staging);
      if (ownerOf({ mode, uid, gid }) !== fresh) throw new Error('spare folder changed');
      const seen = ahead ?? (await scanSpare(staging));
      const dirs = [...seen.dirs.keys()].filter((d) => d !== '');
      const changed = new Set<string>();
      for (const d of dirs) {
        const s = lstatSync(path.join(staging, d), { throwIfNoEntry: false });
        if (!s || ownerOf(s) !== fresh) changed.add(d);
      }
      const neededFolders = foldersOf(needed.keys());
      // A parked file must not stand where a needed file's folder goes, nor in a folder where a needed file goes.
      const parkable = (rel: string) => !neededFolders.has(rel) && ![...foldersOf([rel])].some((d) => needed.has(d));
      // Every file is looked at, even after one fails, so nothing is still at work when the staging folder is cleared.
      await mapLimited(seen.files, async (rel) => {
        try {
          const want = needed.get(rel);
          const had = spare.manifest.get(rel);
          const abs = path.join(staging, rel);
          const sig = had && ![...foldersOf([rel])].some((d) => changed.has(d)) ? signature(abs) : '';
          const trusted = had !== undefined && sig !== '' && sig === had.sig && (!coarse(sig) || (await fileDigest(abs)) === had.hash);
          if (trusted && want && had.hash === want.hash) {
            manifest.set(rel, had);
            kept++;
          } else if (trusted && !want && park(had.hash) && parkable(rel)) {
            parked.set(rel, had);
          } else {
            await unlink(abs);
            removed++;
          }
        } catch (e) {
          failure ??= e;
        }
      });
      if (failure) throw failure;
      // Folders left without a file, deepest first.
      const holding = foldersOf([...manifest.keys(), ...parked.keys()]);
      for (const d of dirs.filter((x) => !holding.has(x)).sort((a, b) => b.length - a.length)) await rmdir(path.join(staging, d));
    } catch {
      // Something in the spare that cannot be changed (permissions): start from nothing.
      try {
        await rm(staging, { recursive: true, force: true });
      } catch (e) {
        throw new Error(`无法清空暂存文件夹 ${staging}（${(e as Error).message}），请检查它的权限或手动删除`);
      }
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
    manifest.set(rel, { hash: src.hash, sig: signature(abs) });
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
  report.manifest.set(rel, { hash, sig: signature(path.join(staging, rel)) });
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
