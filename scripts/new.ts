/**
 * npm run new -- [--series ID] [--date YYYY-MM-DD] [--articles N] [--content DIR]
 * Starts the next issue of a series as a draft.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import matter from 'gray-matter';
import { readSeries, writeContent } from '../src/lib/content/write.ts';
import { frontmatter, type ContentFile } from '../src/lib/editor/issue-files.ts';
import { articleOrderPrefix, issueDir } from '../src/lib/content/layout.ts';
import { ARTICLE_PLACEHOLDER, nextIssue, TITLE_PLACEHOLDER, type ExistingIssue } from '../src/lib/editor/scaffold.ts';
import { isIsoDate, issueSchema } from '../src/lib/content/schema.ts';
import { DATA_ONLY_FRONTMATTER } from '../src/lib/content/mdx-safety.ts';
import { contentRoot } from '../src/lib/settings.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法 / usage: npm run new -- [options]

Creates the next issue of a series as a draft: next number in the year (1 in a
new year), next 总第 number when the series keeps one, distribution lists,
copies and classification copied from the previous issue, and N article stubs.

  --series ID     series (required when there are several)
  --date DATE     issue date, YYYY-MM-DD (default: today)
  --articles N    number of article stubs (default: 3)
  --content DIR   content folder (default: content/, or $JIANBAO_CONTENT)
  -h, --help      this help
`;

const { values } = parseCli(HELP, {
  options: {
    series: { type: 'string' },
    date: { type: 'string' },
    articles: { type: 'string', default: '3' },
    content: { type: 'string' },
  },
});

const root = values.content ? path.resolve(values.content) : contentRoot();
const date = values.date ?? new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
if (!isIsoDate(date)) fail(`--date: "${date}" is not a date (expected YYYY-MM-DD, e.g. 2024-03-08)`);
const count = Number(values.articles);
if (!Number.isInteger(count) || count < 0 || count > 99) fail(`--articles: "${values.articles}" (expected a whole number from 0 to 99)`);

const series = await readSeries(root);
if (!series.length) fail(`no series in ${path.join(root, 'series')} (expected a file such as series/my-bulletin.yaml with title and issuer)`);
let id = values.series;
if (!id) {
  if (series.length > 1) fail(`--series is required: this archive has ${series.map((s) => s.id).join(', ')}`);
  id = series[0].id;
}
if (!series.some((s) => s.id === id)) fail(`--series: unknown series "${id}" (expected one of ${series.map((s) => s.id).join(', ')})`);

const existing: ExistingIssue[] = [];
const seriesDir = path.join(root, 'issues', id);
if (existsSync(seriesDir)) {
  for (const year of await readdir(seriesDir)) {
    if (!/^\d{4}$/.test(year)) continue;
    for (const num of await readdir(path.join(seriesDir, year))) {
      const index = path.join(seriesDir, year, num, 'index.mdx');
      if (!existsSync(index)) continue;
      const parsed = issueSchema.safeParse(matter(await readFile(index, 'utf8'), { engines: DATA_ONLY_FRONTMATTER }).data);
      if (!parsed.success) fail(`${path.relative(process.cwd(), index)}: invalid issue (run npm run check for details)`);
      existing.push({ year: Number(year), data: parsed.data });
    }
  }
}

const next = nextIssue(existing, date);
const dir = issueDir({ series: id, year: next.year, number: next.number });
const files: ContentFile[] = [{ path: `${dir}/index.mdx`, text: frontmatter(next.data) }];
for (let i = 1; i <= count; i++) {
  files.push({
    path: `${dir}/${articleOrderPrefix(i)}-article-${i}.mdx`,
    text: frontmatter({ title: TITLE_PLACEHOLDER, unit: undefined }, ARTICLE_PLACEHOLDER),
  });
}
try {
  await writeContent(root, files);
} catch (e) {
  fail((e as Error).message);
}
console.log(`created ${path.join(path.relative(process.cwd(), root) || '.', dir)}/ (第 ${next.number} 期${next.total ? `，总第 ${next.total} 期` : ''}, ${date}, status: draft)`);
for (const f of files) console.log(`  ${f.path.slice(dir.length + 1)}`);
console.log('Write the articles (rename NN-article-N.mdx to a slug of the title), then set status: published. npm run check lists what is unfinished.');
