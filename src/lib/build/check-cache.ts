/**
 * The content check's cache (content/check-cache.ts) as `npm run build` and
 * `npm run check` keep it: one file in the build's cache folder, so a check
 * run before a build leaves the build's own check little to parse.
 */
import path from 'node:path';
import type { CheckCacheOptions } from '../content/check-cache.ts';
import { buildWorkDir } from '../settings.ts';
import { hashSources, hashStrings } from './files.ts';

/**
 * What decides what the body check finds and what YAML parses to: the checker
 * (it imports nothing else of ours), the frontmatter reader, the cache's own
 * format and how it is written, and the parsers' versions (package-lock.json).
 */
export const CHECK_SOURCES = ['src/lib/content/mdx-safety.ts', 'src/lib/content/layout.ts', 'src/lib/content/check-cache.ts', 'src/lib/content/frontmatter.ts', 'src/lib/digest.ts', 'src/lib/concurrency.ts', 'src/lib/atomic-file.ts', 'package-lock.json'];

/** The check cache of a project whose build caches in `cacheDir`. */
export async function checkCache(projectRoot: string, cacheDir: string): Promise<CheckCacheOptions> {
  return {
    file: path.join(buildWorkDir(cacheDir), 'check-cache.json'),
    // Node too: the checker's patterns (\s) follow its Unicode tables.
    rules: hashStrings(await hashSources(projectRoot, CHECK_SOURCES), process.version),
  };
}
