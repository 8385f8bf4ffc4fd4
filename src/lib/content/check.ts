/**
 * `npm run check`: everything the one content reader reports, plus every
 * body parsed as the build parses it and held to what an article may contain
 * (mdx-safety.ts), in one pass with every problem listed.
 */
import path from 'node:path';
import type { ArchiveInput } from '../site/archive.ts';
import type { ContentProblem } from './errors.ts';
import { bodyFormat } from './layout.ts';
import { findUnsafeContent } from './mdx-safety.ts';
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

/** Reads and validates a content tree the way the build reads it, and reports every problem. */
export async function checkContent(root: string, options: ReadOptions = {}): Promise<CheckResult> {
  const tree = await readContent(root, options);
  const problems = tree.problems;
  const display = options.display ?? defaultDisplay;
  const bodies = new Map<string, string>();
  for (const e of [...tree.issues, ...tree.articles]) {
    bodies.set(e.file, e.body);
    for (const v of findUnsafeContent(e.body, bodyFormat(e.file))) {
      problems.push({ file: display(path.join(root, e.file)), line: v.line + e.bodyLine - 1, message: v.message, severity: 'error' });
    }
  }
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
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
