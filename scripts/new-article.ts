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
import { addArticleFrom } from '../src/lib/editor/import/article.ts';

const HELP = `用法 / usage: npm run new:article -- <issue folder> "标题" [--unit 单位]

Adds NN-<slug>.mdx after the last article of the issue, the slug spelt from
the title in pinyin. Example:
  npm run new:article -- content/issues/liaocheng-wenming/2021/028 "城区开展夜市整治" --unit 东昌府区

  --from 文件    从单位报送的稿件（.docx、.pdf 或 .txt）读入标题、单位和正文，
                 图片存放在文章旁边：
  npm run new:article -- content/issues/liaocheng-wenming/2021/028 --from 东昌府区信息.docx
`;

/** --from: the article's title, unit and text come from a unit's file (logic in src/lib/editor/import/article.ts). */
async function fromFile(issueFolder: string | undefined, source: string): Promise<never> {
  if (!issueFolder || !existsSync(path.join(issueFolder, 'index.mdx'))) fail(`${issueFolder ?? ''}: 不是一期的目录（expected 含 index.mdx 的 …/issues/<系列>/<年>/<期号> 目录）`);
  try {
    const added = await addArticleFrom(issueFolder, source);
    for (const w of added.warnings) console.log(w);
    console.log(`${source}（${added.detail}）→ ${added.file}：“${added.title}”${added.unit ? `，单位 ${added.unit}` : ''}，${added.paragraphs} 段${added.media.length ? `，${added.media.length} 张图片` : ''}`);
  } catch (e) {
    fail(`${(e as Error).message}\n未写入任何文件。`);
  }
  process.exit(0);
}

const parsed = parseCli(HELP, { allowPositionals: true, options: { unit: { type: 'string' }, from: { type: 'string' } } });
const [folder, title] = parsed.positionals;
if (parsed.values.from) await fromFile(folder, parsed.values.from);
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
