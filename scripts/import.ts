/**
 * npm run import -- FILE... [--series ID] [--dry-run] [--force] [--content DIR]
 * Imports legacy plain-text bulletins into the content tree.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { existsSync } from 'node:fs';
import { ImportError, parseBulletin, type ImportedIssue } from '../src/lib/editor/importer.ts';
import { issueFiles, seriesFile, type ContentFile } from '../src/lib/editor/issue-files.ts';
import { readSeries, writeContent } from '../src/lib/content/write.ts';
import { unescapeMdxText } from '../src/lib/content/mdx-text.ts';
import { issueDir, SERIES_ID_RE } from '../src/lib/content/layout.ts';
import { articleSchema, issueSchema } from '../src/lib/content/schema.ts';
import { contentRoot } from '../src/lib/settings.ts';
import { titleSlug } from '../src/lib/content/slug.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法 / usage: npm run import -- FILE... [options]

Reads bulletins in plain-text form (as extracted from their PDF or Word file)
and writes content/series/<id>.yaml and content/issues/<series>/<year>/<NNN>/.

  --series ID    series to import into (default: the series whose title is the
                 masthead; a new one is created, its id derived from the masthead)
  --dry-run      parse and report, write nothing
  --force        replace issues that already exist
  --content DIR  content folder (default: content/, or $JIANBAO_CONTENT)
  -h, --help     this help
`;

const args = parseCli(HELP, {
  allowPositionals: true,
  options: {
    series: { type: 'string' },
    'dry-run': { type: 'boolean', default: false },
    force: { type: 'boolean', default: false },
    content: { type: 'string' },
  },
});
if (!args.positionals.length) fail(`no input files\n\n${HELP}`);
if (args.values.series && !SERIES_ID_RE.test(args.values.series)) {
  fail(`--series: "${args.values.series}" is not a valid id (expected lowercase ASCII letters, digits and hyphens)`);
}

const root = args.values.content ? path.resolve(args.values.content) : contentRoot();
const series = await readSeries(root);
const files: ContentFile[] = [];
const replace = new Set<string>();
const errors: string[] = [];
const summaries: string[] = [];
const planned = new Set<string>();

for (const file of args.positionals) {
  let issue: ImportedIssue;
  try {
    issue = parseBulletin(await readFile(file, 'utf8'));
  } catch (e) {
    if (e instanceof ImportError) errors.push(`${file}:${e.line || 1}: ${e.message}`);
    else errors.push(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
    continue;
  }
  const byTitle = series.find((s) => s.title === issue.series);
  const id = args.values.series ?? byTitle?.id ?? titleSlug(issue.series, 40);
  let known = series.find((s) => s.id === id);
  if (!known) {
    known = { id, title: issue.series, issuer: issue.issuer };
    series.push(known);
    files.push(seriesFile(id, issue.series, issue.issuer));
  }
  const dir = issueDir({ series: id, year: Number(issue.date.slice(0, 4)), number: issue.number });
  if (planned.has(dir)) {
    errors.push(`${file}: issue ${issue.number} of ${issue.date.slice(0, 4)} is also in another input file (expected each issue once)`);
    continue;
  }
  planned.add(dir);
  if (existsSync(path.join(root, dir))) {
    if (!args.values.force) {
      errors.push(`${file}: ${path.join(path.basename(root), dir)} already exists (use --force to replace it)`);
      continue;
    }
    replace.add(dir);
  }
  const out = issueFiles(issue, id, typeof known.issuer === 'string' ? known.issuer : issue.issuer);
  // Read what would be written back, as the site will: same schema, same text.
  for (const f of out) {
    const { data, content } = matter(f.text);
    const schema = f.path.endsWith('/index.mdx') ? issueSchema : articleSchema;
    const result = schema.safeParse(data);
    if (!result.success) errors.push(`${file}: would write invalid ${f.path}: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const text = content.trim().split(/\n\n/).map(unescapeMdxText);
    const want = f.path.endsWith('/index.mdx') ? (issue.intro ? issue.intro.split('\n\n') : ['']) : issue.articles[out.indexOf(f) - 1].paragraphs;
    if (JSON.stringify(text) !== JSON.stringify(want)) errors.push(`${file}: the text of ${f.path} would not read back as imported (a bug in escaping; nothing written)`);
  }
  files.push(...out);
  const paragraphs = issue.articles.reduce((n, a) => n + a.paragraphs.length, 0);
  summaries.push(
    `${file}: ${issue.series} ${issue.date.slice(0, 4)}年第 ${issue.number} 期 → ${dir}/  ${issue.articles.length} 篇文章，${paragraphs} 段` +
      `${issue.intro ? '，含编者按' : ''}${replace.has(dir) ? '（替换已有）' : ''}`,
  );
}

if (errors.length) fail(`${errors.join('\n')}\nimport failed: nothing was written.`);
for (const s of summaries) console.log(s);
if (args.values['dry-run']) {
  console.log(`dry run: ${files.length} files would be written under ${root}`);
} else {
  try {
    await writeContent(root, files, replace);
  } catch (e) {
    fail(`${(e as Error).message}\nimport failed: nothing was written.`);
  }
  console.log(`wrote ${files.length} files under ${root}`);
}
