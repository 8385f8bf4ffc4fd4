/**
 * `npm run check`: everything the one content reader reports, plus every
 * body parsed as the build parses it and held to what an article may contain
 * (mdx-safety.ts), in one pass with every problem listed. Given a cache
 * (check-cache.ts), a body an earlier check has seen is not parsed again.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveInput } from '../site/archive.ts';
import { openCheckCache, type CheckCacheOptions } from './check-cache.ts';
import type { ContentProblem } from './errors.ts';
import { bodyFormat } from './layout.ts';
import { punctuationWarnings } from './punctuation.ts';
import { defaultDisplay, readContent, type ReadOptions } from './read.ts';

export interface CheckResult {
  problems: ContentProblem[];
  files: number;
  errors: number;
  warnings: number;
  /** The valid entries, for callers that go on to build from them (the search index). */
  input: ArchiveInput;
  /** Bodies by path relative to the content root. */
  bodies: Map<string, string>;
  /** Bodies parsed by this check; the others' results came from the cache. */
  parsed: number;
  /** Frontmatter (and other YAML) texts parsed by this check; the others' data came from the cache. */
  parsedYaml: number;
  /** Digests of the files read, by path relative to the content root (see ContentTree.digests). */
  digests: Map<string, string>;
}

export interface CheckOptions extends ReadOptions {
  /** Keep what each body's parse found here, so a repeat check parses only bodies it has not seen. */
  cache?: CheckCacheOptions;
}

/** Reads and validates a content tree the way the build reads it, and reports every problem. */
export async function checkContent(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const { cache: cacheOptions, ...readOptions } = options;
  // The cache is read while the content files are.
  const opening = openCheckCache(cacheOptions);
  const tree = await readContent(root, { ...readOptions, yaml: opening.then((c) => c.yaml) });
  const checker = await opening;
  const problems = tree.problems;
  const display = options.display ?? defaultDisplay;
  const bodies = new Map<string, string>();
  const assets = new Set(tree.assets);
  for (const e of [...tree.issues, ...tree.articles]) {
    bodies.set(e.file, e.body);
    const file = display(path.join(root, e.file));
    const scan = checker.scan(e.body, bodyFormat(e.file));
    for (const v of scan.violations) problems.push({ file, line: v.line + e.bodyLine - 1, message: v.message, severity: 'error' });
    // A picture named beside the article must be there: the build would stop on it, naming no file.
    const folder = path.posix.dirname(e.file);
    for (const img of scan.images) {
      // On disk, not among the accepted assets: a picture refused for its name (Tu.PNG) is reported once, for that.
      const rel = path.posix.join(folder, img.path);
      if (assets.has(rel) || existsSync(path.join(root, rel))) continue;
      problems.push({ file, line: img.line + e.bodyLine - 1, message: `图片文件不存在：${img.path}（应放在这篇文章所在的文件夹 ${folder}/ 里，文件名和大小写都要一致）`, severity: 'error' });
    }
    for (const w of punctuationWarnings(e.body)) problems.push({ file, line: w.line + e.bodyLine - 1, message: w.message, severity: 'warning' });
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  const errors = problems.filter((p) => p.severity === 'error').length;
  await checker.save();
  return {
    problems,
    files: tree.files,
    errors,
    warnings: problems.length - errors,
    input: { series: tree.series, issues: tree.issues, articles: tree.articles, unitSlugs: tree.unitSlugs },
    bodies,
    parsed: checker.parsed,
    parsedYaml: checker.yamlParsed,
    digests: tree.digests,
  };
}
