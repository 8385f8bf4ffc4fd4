/** Where the build and npm run check keep the content check's cache, and what invalidates it. */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHECK_SOURCES, checkCache } from '../../../src/lib/build/check-cache.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

/** Relative imports of a source file, as project paths. */
function localImports(file: string): string[] {
  const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8');
  return [...text.matchAll(/from '(\.{1,2}\/[^']+)'/g)].map((m) => path.posix.join(path.posix.dirname(file), m[1]));
}

describe('checkCache', () => {
  it('hashes files that exist (a missing one would silently leave the checker out of the key)', () => {
    for (const f of CHECK_SOURCES) expect(existsSync(path.join(PROJECT_ROOT, f)), f).toBe(true);
  });

  it('hashes everything of ours the checker and the cache import', () => {
    const seen = new Set<string>();
    const todo = CHECK_SOURCES.filter((f) => f.endsWith('.ts'));
    for (let f = todo.pop(); f; f = todo.pop()) {
      if (seen.has(f)) continue;
      seen.add(f);
      for (const imported of localImports(f)) {
        expect(CHECK_SOURCES, `${f} imports ${imported}`).toContain(imported);
        todo.push(imported);
      }
    }
    expect(seen.has('src/lib/content/mdx-safety.ts')).toBe(true);
  });

  it('lives in the build cache folder and changes with the checker and the dependencies', async () => {
    const project = mkdtempSync(path.join(tmpdir(), 'jianbao-check-rules-'));
    for (const f of CHECK_SOURCES) {
      mkdirSync(path.dirname(path.join(project, f)), { recursive: true });
      cpSync(path.join(PROJECT_ROOT, f), path.join(project, f));
    }
    const before = await checkCache(project, '/cache');
    expect(before.file).toBe(path.join('/cache', 'jianbao-build', 'check-cache.json'));
    expect((await checkCache(project, '/elsewhere')).rules).toBe(before.rules);
    const rules = new Set([before.rules]);
    for (const f of ['src/lib/content/mdx-safety.ts', 'package-lock.json']) {
      writeFileSync(path.join(project, f), `${readFileSync(path.join(project, f), 'utf8')}\n`);
      rules.add((await checkCache(project, '/cache')).rules);
    }
    expect(rules.size).toBe(3);
  });
});
