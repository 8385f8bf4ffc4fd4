/**
 * npm run new:article -- <issue folder> "标题" [--unit 单位]
 * Adds an article at the end of an issue.
 */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { articleSlugs, frontmatter } from '../src/lib/editor/issue-files.ts';
import { articleOrderPrefix, parseContentPath } from '../src/lib/content/layout.ts';
import { ARTICLE_PLACEHOLDER } from '../src/lib/editor/scaffold.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法 / usage: npm run new:article -- <issue folder> "标题" [--unit 单位]

Adds NN-<slug>.mdx after the last article of the issue, the slug spelt from
the title in pinyin. Example:
  npm run new:article -- content/issues/liaocheng-wenming/2021/028 "城区开展夜市整治" --unit 东昌府区
`;

const parsed = parseCli(HELP, { allowPositionals: true, options: { unit: { type: 'string' } } });
const [folder, title] = parsed.positionals;
if (!folder || !title?.trim()) fail(`expected an issue folder and a title\n\n${HELP}`);
const index = path.join(folder, 'index.mdx');
if (!existsSync(index)) fail(`${folder}: not an issue folder (expected ${index})`);
const where = parseContentPath(path.resolve(index).split(path.sep).join('/').replace(/^.*?(issues\/)/, '$1'));
if (where.kind !== 'issue') fail(`${folder}: not an issue folder (expected …/issues/<series>/<year>/<NNN>)`);

const existing = (await readdir(folder)).filter((f) => /^\d{2,}-.+\.mdx?$/.test(f));
const order = existing.reduce((max, f) => Math.max(max, Number(f.split('-')[0])), 0) + 1;
const taken = existing.map((f) => f.replace(/^\d+-/, '').replace(/\.mdx?$/, ''));
const slug = articleSlugs([...taken, title.trim()]).at(-1)!;
const file = path.join(folder, `${articleOrderPrefix(order)}-${slug}.mdx`);
await writeFile(file, frontmatter({ title: title.trim(), unit: parsed.values.unit?.trim() || undefined }, ARTICLE_PLACEHOLDER), { flag: 'wx' });
console.log(`created ${file}`);
