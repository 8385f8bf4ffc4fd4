/**
 * npm run new:article -- <issue folder> "标题" [--unit 单位]
 * Adds an article at the end of an issue.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../src/lib/content/errors.ts';
import { articleOrderPrefix, parseContentPath } from '../src/lib/content/layout.ts';
import { ARTICLE_PLACEHOLDER } from '../src/lib/content/placeholders.ts';
import { errorsAdded, readContent } from '../src/lib/content/read.ts';
import { articleSlugs, frontmatter } from '../src/lib/editor/issue-files.ts';
import { fail, parseCli } from './lib/cli.ts';
import { addArticleFrom } from '../src/lib/editor/import/article.ts';

const HELP = `用法：npm run new:article -- <期号文件夹> "标题" [--unit 报送单位]

在这一期最后一篇文章之后新增一篇：文件名为“序号-标题拼音.mdx”，正文是待填写的占位文字。例如：
  npm run new:article -- content/issues/liaocheng-wenming/2021/028 "城区开展夜市整治" --unit 东昌府区

  --from 文件    从单位报送的稿件（.docx、.pdf 或 .txt）读入标题、单位和正文，
                 图片存放在文章旁边：
  npm run new:article -- content/issues/liaocheng-wenming/2021/028 --from 东昌府区信息.docx
`;

/** --from: the article's title, unit and text come from a unit's file (logic in src/lib/editor/import/article.ts). */
async function fromFile(issueFolder: string | undefined, source: string): Promise<never> {
  if (!issueFolder || !existsSync(path.join(issueFolder, 'index.mdx'))) fail(`${issueFolder ?? ''}: 不是一期的目录（应为：含 index.mdx 的 …/issues/<系列>/<年>/<期号> 目录）`);
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
if (!folder || !title?.trim()) fail(`需要期号文件夹和标题（或用 --from 从单位来稿读取）\n\n${HELP}`);
const index = path.join(folder, 'index.mdx');
if (!existsSync(index)) fail(`${folder}：不是期号文件夹（应有 ${index}）`);
const absolute = path.resolve(folder).split(path.sep).join('/');
const at = absolute.lastIndexOf('/issues/');
const where = at >= 0 ? parseContentPath(`${absolute.slice(at + 1)}/index.mdx`) : undefined;
if (!where || where.kind !== 'issue') fail(`${folder}：不是期号文件夹（应为 …/issues/<系列>/<年份>/<三位期号>）`);
const root = absolute.slice(0, at);
const rel = absolute.slice(at + 1);

const tree = await readContent(root);
const siblings = tree.articles.filter((a) => a.file.startsWith(`${rel}/`)).map((a) => parseContentPath(a.file)).flatMap((p) => (p.kind === 'article' ? [p] : []));
const order = siblings.reduce((max, a) => Math.max(max, a.order), 0) + 1;
const slug = articleSlugs([...siblings.map((a) => a.slug), title.trim()]).at(-1)!;
const file = `${rel}/${articleOrderPrefix(order)}-${slug}.mdx`;
const text = frontmatter({ title: title.trim(), unit: parsed.values.unit?.trim() || undefined }, ARTICLE_PLACEHOLDER);

const introduced = await errorsAdded(root, new Map([[file, text]]));
// The placeholder text is there to be written; anything else wrong would stop the build, so nothing is added.
const blocking = introduced.filter((p) => !p.unfinished);
if (blocking.length) fail(`${blocking.map(formatProblem).join('\n')}\n没有新增文章（见上面的问题）。`);
if (introduced.length) console.warn('注意：这一期不是草稿，写好这篇文章的正文之前，网站构建会停止（npm run check 会提示）。');
await writeFile(path.join(root, file), text, { flag: 'wx' });
console.log(`已新增 ${path.relative(process.cwd(), path.join(root, file))}`);
