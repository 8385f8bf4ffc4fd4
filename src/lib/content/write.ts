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
 * issue. `replace` lists folders that may be overwritten (--force).
 */
export async function writeContent(root: string, files: ContentFile[], replace: Set<string> = new Set()): Promise<void> {
  await mkdir(root, { recursive: true });
  const stage = await mkdtemp(path.join(root, '.staging-'));
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
      await writeFile(target, f.text, 'utf8');
    }
    for (const dir of byDir.keys()) {
      if (existsSync(path.join(root, dir)) && !replace.has(dir)) throw new Error(`${dir} already exists (use --force to replace it)`);
    }
    for (const f of loose) {
      if (existsSync(path.join(root, f.path))) continue;
      await mkdir(path.dirname(path.join(root, f.path)), { recursive: true });
      await rename(path.join(stage, f.path), path.join(root, f.path));
    }
    for (const dir of byDir.keys()) {
      const target = path.join(root, dir);
      await mkdir(path.dirname(target), { recursive: true });
      if (existsSync(target)) {
        const old = path.join(stage, '.old', dir);
        await mkdir(path.dirname(old), { recursive: true });
        await rename(target, old);
      }
      await rename(path.join(stage, dir), target);
    }
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}
