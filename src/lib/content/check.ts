/**
 * `npm run check`: everything the one content reader reports, plus whether
 * each body compiles as MDX, in one pass with every problem listed.
 */
import { compile } from '@mdx-js/mdx';
import type { ArchiveInput } from '../site/archive.ts';
import type { ContentProblem } from './errors.ts';
import path from 'node:path';
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
}

export interface CheckOptions extends ReadOptions {
  /** Compile every MDX body (slow; the search indexer, which only reads text, skips it). */
  compileMdx?: boolean;
}

/** Reads and validates a content tree the way the build reads it, and reports every problem. */
export async function checkContent(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const tree = await readContent(root, options);
  const problems = tree.problems;
  const bodies = new Map<string, string>();
  for (const e of [...tree.issues, ...tree.articles]) bodies.set(e.file, e.body);
  if (options.compileMdx !== false) {
    const display = options.display ?? defaultDisplay;
    await Promise.all(
      [...tree.issues, ...tree.articles].map(async (e) => {
        try {
          await compile(e.body, { format: 'mdx' });
        } catch (err) {
          const place = err as { line?: number; place?: { line?: number; start?: { line?: number } } };
          const line = (place.line ?? place.place?.line ?? place.place?.start?.line ?? 1) + e.bodyLine - 1;
          problems.push({
            file: display(path.join(root, e.file)),
            line,
            message: `正文无法解析：${(err as Error).message.split('\n')[0]}（正文里的 <、{ 和 } 请写成 \\<、\\{ 和 \\}）`,
            severity: 'error',
          });
        }
      }),
    );
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    problems,
    files: tree.files,
    errors,
    warnings: problems.length - errors,
    input: { series: tree.series, issues: tree.issues, articles: tree.articles, unitSlugs: tree.unitSlugs },
    bodies,
  };
}
