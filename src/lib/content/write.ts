/**
 * File-system access to a content tree for the scripts: reading series,
 * and writing a set of files so that either all of them land or none do.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import type { ContentFile } from '../editor/issue-files.ts';

export interface SeriesOnDisk {
  id: string;
  title?: unknown;
  issuer?: unknown;
}

export async function readSeries(root: string): Promise<SeriesOnDisk[]> {
  const dir = path.join(root, 'series');
  if (!existsSync(dir)) return [];
  const out: SeriesOnDisk[] = [];
  for (const f of (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
    try {
      const data = parse(await readFile(path.join(dir, f), 'utf8')) ?? {};
      out.push({ id: f.replace(/\.ya?ml$/, ''), title: data.title, issuer: data.issuer });
    } catch {
      out.push({ id: f.replace(/\.ya?ml$/, '') });
    }
  }
  return out;
}

/**
 * Writes whole issue folders atomically: each folder is staged beside the
 * content tree and renamed into place, so a failure leaves no half-written
 * issue. `replace` lists folders that may be overwritten (--force). The
 * whole set is all-or-nothing: if any step fails, every folder already
 * put in place is taken out again and every replaced folder restored.
 */
export async function writeContent(root: string, files: ContentFile[], replace: Set<string> = new Set()): Promise<void> {
  await mkdir(root, { recursive: true });
  const stage = await mkdtemp(path.join(root, '.staging-'));
  const undo: (() => Promise<void>)[] = [];
  try {
    const byDir = new Map<string, ContentFile[]>();
    const loose: ContentFile[] = [];
    for (const f of files) {
      const m = /^(issues\/[^/]+\/\d{4}\/\d+)\//.exec(f.path);
      if (m) byDir.set(m[1], [...(byDir.get(m[1]) ?? []), f]);
      else loose.push(f);
    }
    for (const f of files) {
      const target = path.join(stage, f.path);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, f.data ?? f.text, f.data ? undefined : 'utf8');
    }
    for (const dir of byDir.keys()) {
      if (existsSync(path.join(root, dir)) && !replace.has(dir)) throw new Error(`${dir} 已存在（应为：新的一期；要替换请加 --force）`);
    }
    for (const f of loose) {
      const target = path.join(root, f.path);
      if (existsSync(target)) continue;
      await mkdir(path.dirname(target), { recursive: true });
      await rename(path.join(stage, f.path), target);
      undo.push(() => rm(target, { force: true }));
    }
    for (const dir of byDir.keys()) {
      const target = path.join(root, dir);
      await mkdir(path.dirname(target), { recursive: true });
      if (existsSync(target)) {
        const old = path.join(stage, '.old', dir);
        await mkdir(path.dirname(old), { recursive: true });
        await rename(target, old);
        undo.push(() => rename(old, target));
      }
      await rename(path.join(stage, dir), target);
      undo.push(() => rm(target, { recursive: true, force: true }));
    }
  } catch (e) {
    // Last step first: take out the new folder, then put the old one back.
    for (const step of undo.reverse()) await step();
    throw e;
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
