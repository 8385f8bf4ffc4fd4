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
import { errorsOf, readContent } from '../src/lib/content/read.ts';
import { articleSlugs, frontmatter } from '../src/lib/editor/issue-files.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法：npm run new:article -- <期号文件夹> "标题" [--unit 报送单位]

在这一期最后一篇文章之后新增一篇：文件名为“序号-标题拼音.mdx”，正文是待填写的占位文字。例如：
  npm run new:article -- content/issues/liaocheng-wenming/2021/028 "城区开展夜市整治" --unit 东昌府区
`;

const parsed = parseCli(HELP, { allowPositionals: true, options: { unit: { type: 'string' } } });
const [folder, title] = parsed.positionals;
if (!folder || !title?.trim()) fail(`需要期号文件夹和标题\n\n${HELP}`);
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

const known = new Set(errorsOf(tree).map(formatProblem));
const introduced = errorsOf(await readContent(root, { overlay: new Map([[file, text]]) })).filter((p) => !known.has(formatProblem(p)));
// The placeholder text is there to be written; anything else wrong would stop the build, so nothing is added.
const blocking = introduced.filter((p) => !p.unfinished);
if (blocking.length) fail(`${blocking.map(formatProblem).join('\n')}\n没有新增文章（见上面的问题）。`);
if (introduced.length) console.warn('注意：这一期不是草稿，写好这篇文章的正文之前，网站构建会停止（npm run check 会提示）。');
await writeFile(path.join(root, file), text, { flag: 'wx' });
console.log(`已新增 ${path.relative(process.cwd(), path.join(root, file))}`);
