/**
 * Reading many files without running out of file descriptors: mapLimited's
 * bound, and the content reader on a tree larger than the process may open.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../src/lib/concurrency.ts';
import { syntheticArchive } from '../../scripts/bench/synthetic.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';

describe('mapLimited', () => {
  it('never runs more than the limit at once and keeps the results in order', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimited(
      Array.from({ length: 50 }, (_, i) => i),
      async (n) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, (n * 7) % 5));
        running--;
        return n * 2;
      },
      4,
    );
    expect(most).toBe(4);
    expect(out).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
  });

  it('passes a failure on', async () => {
    await expect(mapLimited([1, 2, 3], async (n) => (n === 2 ? Promise.reject(new Error('坏文件')) : n))).rejects.toThrow('坏文件');
  });
});

describe('readContent on a tree with more files than the process may open', () => {
  it('reads every file (it opened them all at once before, and failed with EMFILE)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'jianbao-many-'));
    const files = syntheticArchive({ articles: 600 });
    for (const f of files) {
      mkdirSync(path.dirname(path.join(root, f.path)), { recursive: true });
      writeFileSync(path.join(root, f.path), f.text);
    }
    const script = `import { readContent } from ${JSON.stringify(path.join(PROJECT_ROOT, 'src/lib/content/read.ts'))};
const t = await readContent(${JSON.stringify(root)});
console.log(JSON.stringify({ files: t.files, articles: t.articles.length, errors: t.problems.filter((p) => p.severity === 'error').length }));`;
    // A descriptor limit below the number of files: 600 articles and their issues are over 700 files.
    const out = execFileSync('sh', ['-c', `ulimit -n 256 && exec "$0" --input-type=module -e "$1"`, path.join(PROJECT_ROOT, 'node_modules/.bin/node'), script], { encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1)!);
    expect(result.articles).toBeGreaterThanOrEqual(600);
    expect(result.files).toBe(files.length);
    expect(result.errors).toBe(0);
  });
});
