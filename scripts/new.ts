/**
 * npm run new -- [--series ID] [--date YYYY-MM-DD] [--articles N] [--content DIR]
 * Starts the next issue of a series as a draft.
 */
import path from 'node:path';
import { formatProblem } from '../src/lib/content/errors.ts';
import { articleOrderPrefix, issueDir } from '../src/lib/content/layout.ts';
import { placeholderSlug } from '../src/lib/content/placeholders.ts';
import { errorsAdded, errorsOf, readContent } from '../src/lib/content/read.ts';
import { isIsoDate } from '../src/lib/content/schema.ts';
import { writeContent } from '../src/lib/content/write.ts';
import { frontmatter, type ContentFile } from '../src/lib/editor/issue-files.ts';
import { ARTICLE_PLACEHOLDER, nextIssue, TITLE_PLACEHOLDER } from '../src/lib/editor/scaffold.ts';
import { contentRoot } from '../src/lib/settings.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法：npm run new -- [选项]

新建某个简报系列的下一期（草稿）：期号接着当年最后一期（新的一年从第 1 期起），
有总期号的系列接着编总第 N 期；报/送/发、印数和密级标注照搬上一期；并生成 N 篇文章草稿。

  --series 系列    系列名（content/series/ 下的文件名；只有一个系列时可省略）
  --date 日期      印发日期，YYYY-MM-DD（默认今天，北京时间）
  --articles N     文章草稿篇数（默认 3）
  --content 文件夹 内容文件夹（默认 content/，或环境变量 JIANBAO_CONTENT）
  -h, --help       显示本帮助
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
if (!isIsoDate(date)) fail(`--date：“${date}”不是有效日期（应写作 YYYY-MM-DD，例如 2024-03-08）`);
const count = Number(values.articles);
if (!Number.isInteger(count) || count < 0 || count > 99) fail(`--articles：“${values.articles}”（应为 0 到 99 的整数）`);

const before = await readContent(root);
const series = before.series.map((s) => ({ id: s.file.replace(/^series\/|\.ya?ml$/g, ''), title: s.data.title }));
if (!series.length) fail(`${path.join(root, 'series')} 里没有简报系列（应有一个 series/<系列>.yaml 文件，写明 title 和 issuer）`);
let id = values.series;
if (!id) {
  if (series.length > 1) fail(`请用 --series 指定系列：本档案有 ${series.map((s) => `${s.id}（${s.title}）`).join('、')}`);
  id = series[0].id;
}
if (!series.some((s) => s.id === id)) fail(`--series：没有系列“${id}”（应为 ${series.map((s) => s.id).join('、')} 之一）`);

const existing = before.issues.filter((i) => i.file.startsWith(`issues/${id}/`)).map((i) => ({ year: Number(i.file.split('/')[2]), data: i.data }));
const next = nextIssue(existing, date);
const dir = issueDir({ series: id, year: next.year, number: next.number });
const files: ContentFile[] = [{ path: `${dir}/index.mdx`, text: frontmatter(next.data) }];
for (let i = 1; i <= count; i++) {
  files.push({
    path: `${dir}/${articleOrderPrefix(i)}-${placeholderSlug(i)}.mdx`,
    text: frontmatter({ title: TITLE_PLACEHOLDER }, ARTICLE_PLACEHOLDER),
  });
}

// Nothing is written that would stop the next build: the new files are read with the tree first.
const introduced = await errorsAdded(root, new Map(files.map((f) => [f.path, f.text])));
if (introduced.length) fail(`${introduced.map(formatProblem).join('\n')}\n没有新建：这一期会让网站无法构建（见上面的问题）。`);

try {
  await writeContent(root, files);
} catch (e) {
  fail((e as Error).message);
}
const shown = path.join(path.relative(process.cwd(), root) || '.', dir);
console.log(`已新建 ${shown}/（第 ${next.number} 期${next.total ? `，总第 ${next.total} 期` : ''}，${date}，状态：草稿）`);
for (const f of files) console.log(`  ${f.path.slice(dir.length + 1)}`);
console.log(
  count
    ? '接下来：写好每篇文章，把 NN-article-N.mdx 改名为标题的拼音（如 01-chengqu-yeshi-zhengzhi.mdx），再把 status 改为 published。npm run check 会列出尚未完成的地方。'
    : `接下来：用 npm run new:article -- ${shown} --from 来稿.docx 逐篇加入文章（或手写 .mdx），再把 status 改为 published。npm run check 会列出尚未完成的地方。`,
);
const known = errorsOf(before).length;
if (known) console.warn(`注意：内容中原有 ${known} 个错误，运行 npm run check 查看。`);
