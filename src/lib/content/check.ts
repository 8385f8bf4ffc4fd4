/**
 * Validates a whole content tree the way the build will read it, plus what a
 * schema cannot express, and reports every problem in one pass.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compile } from '@mdx-js/mdx';
import matter from 'gray-matter';
import { parse as parseYaml, parseDocument } from 'yaml';
import { buildArchive, type ArchiveInput } from '../site/archive.ts';
import { ContentError, type ContentProblem } from './errors.ts';
import { parseContentPath } from './layout.ts';
import { punctuationWarnings } from './punctuation.ts';
import { ARTICLE_PLACEHOLDER, TITLE_PLACEHOLDER } from '../editor/scaffold.ts';
import { articleSchema, issueSchema, seriesSchema, type ArticleData, type IssueData, type SeriesData } from './schema.ts';
import type { z } from 'astro/zod';

export interface CheckResult {
  problems: ContentProblem[];
  files: number;
  errors: number;
  warnings: number;
  /** The valid entries, for callers that go on to build from them (the search index). */
  input: ArchiveInput;
  /** MDX bodies by path relative to the content root. */
  bodies: Map<string, string>;
}

export interface CheckOptions {
  /** Compile every MDX body (slow; the search indexer, which only reads text, skips it). */
  compileMdx?: boolean;
}

async function listFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile() && !d.name.startsWith('.'))
    .map((d) => path.join(d.parentPath, d.name));
}

/** 1-based line of `field:` in a file's frontmatter, or 1. */
function fieldLine(raw: string, field: string | undefined, offset = 0): number {
  if (!field) return 1;
  const lines = raw.split('\n');
  const i = lines.findIndex((l) => new RegExp(`^${field}\\s*:`).test(l));
  return i >= 0 ? i + 1 + offset : 1;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const expected = issue.message.startsWith('expected') ? issue.message : issue.message.replace(/^Invalid input: /, 'expected ');
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.join(', ')} (expected only the fields listed in README)`;
  return /^expected/.test(expected) ? `invalid value (${expected})` : expected;
}

export async function checkContent(root: string, options: CheckOptions = {}): Promise<CheckResult> {
  const bodies = new Map<string, string>();
  const problems: ContentProblem[] = [];
  const rel = (f: string) => path.relative(root, f).split(path.sep).join('/');
  const display = (f: string) => path.relative(process.cwd(), f) || f;
  const raws = new Map<string, string>();
  const input: ArchiveInput = { series: [], issues: [], articles: [] };
  const add = (file: string, line: number, field: string | undefined, message: string, severity: 'error' | 'warning' = 'error') =>
    problems.push({ file: display(file), line, field, message, severity });

  if (!existsSync(root)) {
    add(root, 0, undefined, 'content folder not found (expected series/ and issues/ inside it)');
    return { problems, files: 0, errors: 1, warnings: 0, input, bodies };
  }

  const seriesFiles = await listFiles(path.join(root, 'series'));
  for (const file of seriesFiles) {
    const raw = await readFile(file, 'utf8');
    if (!/\.ya?ml$/.test(file)) {
      add(file, 1, undefined, 'unexpected file in series/ (expected <id>.yaml)');
      continue;
    }
    const doc = parseDocument(raw);
    if (doc.errors.length) {
      for (const e of doc.errors) add(file, e.linePos?.[0].line ?? 1, undefined, `broken YAML: ${e.message.split('\n')[0]}`);
      continue;
    }
    const parsed = parseContentPath(rel(file));
    if (parsed.kind !== 'series') {
      add(file, 1, undefined, `bad series file name (expected ${parsed.kind === 'unknown' ? parsed.expected : 'series/<id>.yaml'})`);
      continue;
    }
    const result = seriesSchema.safeParse(doc.toJS() ?? {});
    if (!result.success) {
      for (const i of result.error.issues) add(file, fieldLine(raw, String(i.path[0] ?? '')), i.path.join('.') || undefined, describeIssue(i));
      continue;
    }
    input.series.push({ key: rel(file), file: rel(file), data: result.data as SeriesData });
  }

  const contentFiles = await listFiles(path.join(root, 'issues'));
  // Placeholders left by `npm run new`: errors once the issue is to be published, warnings while it is a draft.
  const unfinished = new Map<string, [number, string | undefined, string][]>();
  // Issues already reported as invalid; their articles are not also "outside an issue".
  const brokenIssues = new Set<string>();
  await Promise.all(
    contentFiles.map(async (file) => {
      if (!/\.mdx?$/.test(file)) {
        add(file, 1, undefined, 'unexpected file (expected only .mdx issue and article files under issues/)', 'warning');
        return;
      }
      const raw = await readFile(file, 'utf8');
      raws.set(file, raw);
      const r = rel(file);
      const parsed = parseContentPath(r);
      if (parsed.kind === 'unknown') {
        add(file, 1, undefined, `misplaced file (expected ${parsed.expected})`);
        return;
      }
      let fm: matter.GrayMatterFile<string>;
      try {
        // YAML 1.2 keeps 2023-13-40 a string; js-yaml would roll it over into a valid 2024 date.
        fm = matter(raw, { engines: { yaml: (s: string) => parseYaml(s) ?? {} } });
      } catch (e) {
        const mark = (e as { mark?: { line?: number } }).mark;
        add(file, (mark?.line ?? 0) + 1, undefined, `broken YAML frontmatter: ${(e as Error).message.split('\n')[0]}`);
        return;
      }
      if (!raw.startsWith('---')) add(file, 1, undefined, 'no frontmatter (expected the file to start with a --- block)');
      const bodyOffset = raw.slice(0, raw.length - fm.content.length).split('\n').length - 1;
      bodies.set(r, fm.content);
      for (const w of punctuationWarnings(raw)) add(file, w.line, undefined, w.message, 'warning');
      if (options.compileMdx !== false) {
        try {
          await compile(fm.content, { format: 'mdx' });
        } catch (e) {
          const place = e as { line?: number; place?: { line?: number } };
          const line = (place.line ?? place.place?.line ?? 1) + bodyOffset;
          add(file, line, undefined, `MDX does not compile: ${(e as Error).message.split('\n')[0]} (in text write <, { and } as \\<, \\{ and \\})`);
        }
      }
      const schema = parsed.kind === 'issue' ? issueSchema : articleSchema;
      const result = schema.safeParse(fm.data);
      if (!result.success && parsed.kind === 'issue') brokenIssues.add(path.posix.dirname(r));
      if (!result.success) {
        for (const i of result.error.issues) add(file, fieldLine(raw, String(i.path[0] ?? '')), i.path.join('.') || undefined, describeIssue(i));
        return;
      }
      if (parsed.kind === 'issue') {
        input.issues.push({ key: r, file: r, data: result.data as IssueData, hasIntro: Boolean(fm.content.trim()) });
      } else {
        const data = result.data as ArticleData;
        input.articles.push({ key: r, file: r, data });
        if (!fm.content.trim()) add(file, bodyOffset + 1, undefined, 'empty article (expected the article text below the frontmatter)');
        const todo: [number, string | undefined, string][] = [];
        if (fm.content.includes(ARTICLE_PLACEHOLDER)) todo.push([bodyOffset + 1, undefined, `unfinished: placeholder text "${ARTICLE_PLACEHOLDER}" still present (expected the article text)`]);
        if (data.title === TITLE_PLACEHOLDER) todo.push([fieldLine(raw, 'title'), 'title', 'unfinished: placeholder title (expected the article title)']);
        if (todo.length) unfinished.set(r, todo);
      }
    }),
  );

  try {
    const archive = buildArchive(input, { audience: 'all' });
    for (const series of archive.series) {
      const chronological = [...series.issues].reverse();
      for (let i = 1; i < chronological.length; i++) {
        const [a, b] = [chronological[i - 1], chronological[i]];
        const file = path.join(root, b.file);
        if (a.year === b.year && b.date < a.date) {
          add(file, fieldLine(raws.get(file) ?? '', 'date'), 'date', `${b.date} is before issue ${a.number}'s date ${a.date} (expected dates to follow the numbers)`);
        }
        if (a.year === b.year && b.number > a.number + 1) {
          add(file, fieldLine(raws.get(file) ?? '', 'number'), 'number', `gap in numbering: ${b.year} goes from ${a.number} to ${b.number} (expected ${a.number + 1})`, 'warning');
        }
      }
      for (const issue of series.issues) {
        const severity = issue.status === 'draft' ? 'warning' : 'error';
        if (!issue.articles.length) add(path.join(root, issue.file), 1, undefined, 'issue has no articles (expected NN-slug.mdx files beside index.mdx)', severity);
        for (const article of issue.articles) {
          for (const [line, field, message] of unfinished.get(article.file) ?? []) add(path.join(root, article.file), line, field, message, severity);
        }
      }
    }
  } catch (e) {
    if (!(e instanceof ContentError)) throw e;
    for (const p of e.problems) {
      if (p.message.startsWith('article outside an issue') && brokenIssues.has(path.posix.dirname(p.file))) continue;
      const file = path.join(root, p.file);
      add(file, fieldLine(raws.get(file) ?? '', p.field), p.field, p.message);
    }
  }

  problems.sort((a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0));
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { problems, files: seriesFiles.length + contentFiles.length, errors, warnings: problems.length - errors, input, bodies };
}
