/**
 * The search index in cached parts: a second build takes every part from the
 * cache, and a cached part that can no longer be read is indexed again
 * instead of failing every later build.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { searchParts, yearWindows, type SearchPart } from '../../../src/lib/build/plan.ts';
import { buildSearchInParts } from '../../../src/lib/build/search.ts';
import { checkContent, type CheckResult } from '../../../src/lib/content/check.ts';
import { buildArchive } from '../../../src/lib/site/archive.ts';
import { bytesDigest } from '../../../src/lib/digest.ts';
import { allFiles } from '../../helpers/dist.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

/** Whether two folders hold the same files with the same bytes. */
const sameTree = (a: string, b: string) => {
  const fa = allFiles(a).sort();
  return fa.length > 0 && JSON.stringify(fa) === JSON.stringify(allFiles(b).sort()) && fa.every((f) => readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
};

let work: string;
let checked: CheckResult;
let parts: SearchPart[];
const build = (out: string, onRetry?: (line: string) => void) =>
  buildSearchInParts(checked, parts, path.join(work, out), { cacheDir: path.join(work, 'cache'), workDir: path.join(work, 'tmp'), onRetry });

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-search-parts-'));
  checked = await checkContent(path.join(PROJECT_ROOT, 'tests/fixtures/archive'));
  parts = searchParts(yearWindows(buildArchive(checked.input), 4), { searchHash: 's', siteContentHash: 'c', yearHashes: new Map() });
});

describe('buildSearchInParts', () => {
  it('indexes every part once, then takes them all from the cache with the same result', async () => {
    expect(parts.length).toBeGreaterThan(1);
    expect((await build('first')).indexed).toBe(parts.length);
    expect((await build('second')).indexed).toBe(0);
    expect(sameTree(path.join(work, 'second'), path.join(work, 'first'))).toBe(true);
  }, 120_000);

  it('gives the digest of every fragment it took from a part, as hashing the merged file gives it', async () => {
    const { digests } = await build('digests');
    const fragments = allFiles(path.join(work, 'digests')).filter((f) => f.startsWith('fragment/'));
    expect(fragments.length).toBeGreaterThan(1);
    expect([...digests.keys()].sort()).toEqual(fragments.sort());
    for (const f of fragments) expect(digests.get(f), f).toBe(bytesDigest(readFileSync(path.join(work, 'digests', f))));
  }, 120_000);

  it('indexes the cached parts again when one of them cannot be read, and says so', async () => {
    const indexDir = path.join(work, 'cache', parts[0].name, 'out', 'index');
    rmSync(path.join(indexDir, readdirSync(indexDir)[0]));
    const said: string[] = [];
    const { indexed } = await build('third', (l) => said.push(l));
    expect(indexed).toBe(parts.length);
    expect(said.join('\n')).toMatch(/搜索索引合并失败.*重新索引/);
    // The same parts again, so the same index, byte for byte.
    expect(sameTree(path.join(work, 'third'), path.join(work, 'first'))).toBe(true);
  }, 120_000);
});
