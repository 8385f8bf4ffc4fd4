/**
 * The one reader of a content tree. `npm run check`, the site build (through
 * the content loader), the search index, `npm run new`, `new:article` and the
 * importer all read content through `readContent`, so they cannot disagree
 * about what is in content/: the same files, the same decoding (UTF-8, BOM and
 * CRLF tolerated, legacy encodings refused), the same YAML engine, the same
 * schema and the same cross-file rules.
 */
import { lstat, readdir } from 'node:fs/promises';
import path from 'node:path';
import { mapLimited, readFileFast } from '../concurrency.ts';
import { bytesDigest } from '../digest.ts';
import type { z } from 'astro/zod';
import { decodeContent } from './decode.ts';
import { formatProblem, type ContentProblem } from './errors.ts';
import { parseFrontmatter, parseYaml, type YamlMemo } from './frontmatter.ts';
import { classifyContentPath, isHiddenPath } from './layout.ts';
import { articleSchema, issueSchema, seriesSchema, siteSchema, unitsSchema, type ArticleData, type IssueData, type SeriesData, type SiteData } from './schema.ts';
import { hasBodyText, validateTree } from './validate.ts';

export interface ContentEntry<T> {
  /** Stable key (the path relative to the content root). */
  key: string;
  /** Path relative to the content root, e.g. issues/lc/2021/028/index.mdx. */
  file: string;
  data: T;
  /** The body below the frontmatter, decoded, LF line endings. */
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** 1-based line where a field is written. */
  lineOf(path: readonly PropertyKey[]): number;
}

export interface IssueEntry extends ContentEntry<IssueData> {
  /** Whether the body (编者按) has any text. */
  hasIntro: boolean;
}

export interface ContentTree {
  root: string;
  series: ContentEntry<SeriesData>[];
  issues: IssueEntry[];
  articles: ContentEntry<ArticleData>[];
  /** content/units.yaml: unit name → URL slug, where set. */
  unitSlugs: Map<string, string>;
  /** content/site.yaml: site name and footer records (empty when the file is absent). */
  site: SiteData;
  /** The line of a field in content/site.yaml, for rules across files (1 when the file is absent). */
  siteLineOf: (path: readonly PropertyKey[]) => number;
  /** Images and other assets inside issue folders, relative to the root. */
  assets: string[];
  /** Every problem found, errors and warnings, sorted by file and line. */
  problems: ContentProblem[];
  /** Files (relative to the root) with an error of their own: rules across files say nothing more of them. */
  failedFiles: Set<string>;
  /** How many files were read. */
  files: number;
  /** Digest of each file read from disk (bytesDigest), by relative path: the build keys its cache with them instead of reading every file again. */
  digests: Map<string, string>;
}

export interface ReadOptions {
  /**
   * Files to read as if they were in the tree (relative path → text), for
   * tools that want the verdict on content before writing it (`npm run new`).
   */
  overlay?: Map<string, string>;
  /** How file names appear in problems (default: relative to the working directory). */
  display?: (absolute: string) => string;
  /** Read only the files this accepts (relative paths), e.g. one shard's years; the rest is skipped unread. */
  only?: (rel: string) => boolean;
  /** YAML parsed before (the check cache's), so unchanged frontmatter is not parsed again; awaited once the files are read. */
  yaml?: YamlMemo | Promise<YamlMemo>;
}

/** A file's name in problems: relative to the working directory, as editors' tools expect. */
export function defaultDisplay(absolute: string): string {
  return path.relative(process.cwd(), absolute) || absolute;
}

/** Every file and link below `dir`, relative to it, with what it is. */
async function walk(dir: string): Promise<{ rel: string; kind: 'file' | 'link' | 'dir' }[]> {
  const out: { rel: string; kind: 'file' | 'link' | 'dir' }[] = [];
  for (const d of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/');
    if (isHiddenPath(rel)) continue;
    out.push({ rel, kind: d.isSymbolicLink() ? 'link' : d.isDirectory() ? 'dir' : 'file' });
  }
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/** Whether the data holds a value at a path: a field written with the wrong kind of value is there, a missing one is not. */
function hasValueAt(data: unknown, path: readonly PropertyKey[]): boolean {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || !(key in value)) return false;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value !== undefined;
}

/** Turns a zod issue into problems an editor can act on, each at the line of its field. */
function describeIssue(
  issue: z.core.$ZodIssue,
  data: unknown,
  known: readonly string[],
  lineOf: (path: readonly PropertyKey[]) => number,
  /** Where README lists the fields. */
  doc = 'README 的 frontmatter 表',
): { line: number; field?: string; message: string }[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((k) => {
      const near = known.find((f) => f.toLowerCase() === k.toLowerCase() || editDistance(f, k) <= 2);
      return {
        line: lineOf([...issue.path, k]),
        message: `未知字段 ${k}${near ? `，是不是 ${near}？` : ''}（可用字段：${known.join('、')}，见 ${doc}）`,
      };
    });
  }
  const field = issue.path.join('.') || undefined;
  const line = lineOf(issue.path);
  // zod leaves issue.input out unless asked, so whether the field is there is read from the data itself.
  if (issue.code === 'invalid_type' && !hasValueAt(data, issue.path)) return [{ line, field, message: '缺少此字段（必填）' }];
  return [{ line, field, message: issue.message }];
}

function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

/** Reads, decodes, parses and validates a whole content tree. Never throws for bad content: it reports. */
export async function readContent(root: string, options: ReadOptions = {}): Promise<ContentTree> {
  const display = options.display ?? defaultDisplay;
  const problems: ContentProblem[] = [];
  const tree: ContentTree = { root, series: [], issues: [], articles: [], unitSlugs: new Map(), site: {}, siteLineOf: () => 1, assets: [], problems, failedFiles: new Set(), files: 0, digests: new Map() };
  const add = (rel: string, line: number | undefined, field: string | undefined, message: string, severity: 'error' | 'warning' = 'error', unfinished?: boolean) => {
    if (severity === 'error') tree.failedFiles.add(rel);
    problems.push({ file: display(path.join(root, rel)), line, field, message, severity, ...(unfinished ? { unfinished } : {}) });
  };

  let entries: { rel: string; kind: 'file' | 'link' | 'dir' }[] = [];
  try {
    if (!(await lstat(root)).isDirectory()) throw new Error('not a folder');
    entries = await walk(root);
  } catch {
    if (!options.overlay?.size) {
      problems.push({ file: display(root), message: '找不到内容文件夹（应包含 series/ 和 issues/ 两个文件夹）', severity: 'error' });
      return tree;
    }
  }
  const files = new Map<string, 'file' | 'link'>();
  for (const e of entries) if (e.kind !== 'dir' && (!options.only || options.only(e.rel))) files.set(e.rel, e.kind);
  for (const rel of options.overlay?.keys() ?? []) files.set(rel, 'file');

  const texts = new Map<string, string>();
  await mapLimited([...files], async ([rel, kind]) => {
    const where = classifyContentPath(rel);
    if (kind === 'link') return add(rel, undefined, undefined, '内容中不能使用符号链接（请把真实文件放在这里）');
    if (where.kind === 'unknown') return add(rel, undefined, undefined, where.expected);
    if (where.kind === 'asset') return void tree.assets.push(rel);
    if (where.kind === 'doc') return;
    tree.files++;
    const overlay = options.overlay?.get(rel);
    let decoded;
    if (overlay !== undefined) decoded = { ok: true, text: overlay } as const;
    else {
      const bytes = await readFileFast(path.join(root, rel));
      tree.digests.set(rel, bytesDigest(bytes));
      decoded = decodeContent(bytes);
    }
    if (!decoded.ok) return add(rel, decoded.line, undefined, decoded.message);
    texts.set(rel, decoded.text);
  });

  const memo = await options.yaml;
  for (const [rel, text] of [...texts].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const where = classifyContentPath(rel);
    if (where.kind === 'series' || where.kind === 'units' || where.kind === 'site') {
      const parsed = parseYaml(text, 1, memo);
      if (!parsed.ok) {
        for (const p of parsed.problems) add(rel, p.line, undefined, p.message);
        continue;
      }
      if (where.kind === 'site') {
        const result = siteSchema.safeParse(parsed.data ?? {});
        if (!result.success) for (const i of result.error.issues) for (const d of describeIssue(i, parsed.data, Object.keys(siteSchema.shape), parsed.lineOf, 'README 的 Site settings 一节')) add(rel, d.line, d.field, d.message);
        else {
          tree.site = result.data;
          tree.siteLineOf = parsed.lineOf;
        }
        continue;
      }
      if (where.kind === 'units') {
        const result = unitsSchema.safeParse(parsed.data ?? {});
        if (!result.success) for (const i of result.error.issues) for (const d of describeIssue(i, parsed.data, [], parsed.lineOf)) add(rel, d.line, d.field, d.message);
        else for (const [name, slug] of Object.entries(result.data)) tree.unitSlugs.set(name, slug);
        continue;
      }
      const result = seriesSchema.safeParse(parsed.data);
      if (!result.success) {
        for (const i of result.error.issues) for (const d of describeIssue(i, parsed.data, Object.keys(seriesSchema.shape), parsed.lineOf)) add(rel, d.line, d.field, d.message);
        continue;
      }
      tree.series.push({ key: rel, file: rel, data: result.data, body: '', bodyLine: 1, lineOf: parsed.lineOf });
      continue;
    }
    if (where.kind !== 'issue' && where.kind !== 'article') continue;
    const fm = parseFrontmatter(text, memo);
    if (!fm.ok) {
      for (const p of fm.problems) add(rel, p.line, undefined, p.message);
      // The issue is there, unreadable: its articles are not "in no issue".
      if (where.kind === 'issue') tree.issues.push({ key: rel, file: rel, data: undefined as never, body: '', bodyLine: 1, lineOf: () => 1, hasIntro: false });
      continue;
    }
    const { data, body, bodyLine, lineOf } = fm.value;
    const schema = where.kind === 'issue' ? issueSchema : articleSchema;
    const result = schema.safeParse(data);
    if (!result.success) {
      for (const i of result.error.issues) for (const d of describeIssue(i, data, Object.keys(schema.shape), lineOf)) add(rel, d.line, d.field, d.message);
      if (where.kind === 'issue') tree.issues.push({ key: rel, file: rel, data: undefined as never, body, bodyLine, lineOf, hasIntro: false });
      continue;
    }
    if (where.kind === 'issue') tree.issues.push({ key: rel, file: rel, data: result.data as IssueData, body, bodyLine, lineOf, hasIntro: hasBodyText(body) });
    else tree.articles.push({ key: rel, file: rel, data: result.data as ArticleData, body, bodyLine, lineOf });
  }

  validateTree(tree, add);
  // Issues whose frontmatter was invalid were kept only so their articles are not reported as orphans.
  tree.issues = tree.issues.filter((i) => i.data !== undefined);
  problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return tree;
}

/** The errors among the problems. */
export function errorsOf(tree: Pick<ContentTree, 'problems'>): ContentProblem[] {
  return tree.problems.filter((p) => p.severity === 'error');
}

/**
 * The errors that writing `files` (relative path → text) into the tree at
 * `root` would add — with the files `keep` rejects gone (folders an import
 * replaces): the verdict every editor tool asks for before it writes, so none
 * of them writes content the build would refuse.
 */
export async function errorsAdded(root: string, files: Map<string, string>, keep?: (rel: string) => boolean): Promise<ContentProblem[]> {
  const before = new Set(errorsOf(await readContent(root)).map(formatProblem));
  return errorsOf(await readContent(root, { overlay: files, only: keep })).filter((p) => !before.has(formatProblem(p)));
}
