/**
 * npm run import -- FILE... [--series ID] [--dry-run] [--force] [--content DIR]
 * Imports bulletins from Word (.docx), PDF and text files into the content tree.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ImportError, type ImportResult } from '../src/lib/editor/import/model.ts';
import { importBulletin } from '../src/lib/editor/import/read.ts';
import { chooseSeries, seriesFileErrors } from '../src/lib/editor/import/series.ts';
import { articleBody, issueFiles, seriesFile, type ContentFile } from '../src/lib/editor/issue-files.ts';
import { writeContent } from '../src/lib/content/write.ts';
import { formatProblem } from '../src/lib/content/errors.ts';
import { parseFrontmatter } from '../src/lib/content/frontmatter.ts';
import { errorsAdded, readContent } from '../src/lib/content/read.ts';
import { issueDir, SERIES_ID_RE } from '../src/lib/content/layout.ts';
import { contentRoot } from '../src/lib/settings.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法：npm run import -- 文件... [选项]

把简报文件导入内容目录：写入 content/series/<系列>.yaml 和
content/issues/<系列>/<年>/<期号>/（index.mdx、每篇文章一个 .mdx、Word 中的图片）。

可导入的格式（按文件内容判断，不看扩展名，可在一次导入中混用）：
  .docx   Word 文档：段落、居中标题、单位行、表格、图片、脚注
  .pdf    有文字层的 PDF（扫描件需先 OCR）：按位置重建段落，去掉页码和页眉
  .txt    文本：UTF-8（有无 BOM 均可）、GBK/GB18030，自动识别
  .doc、.wps、.rtf 请先转换：soffice --headless --convert-to docx 文件

选项：
  --series ID    导入到这个系列（默认：报头与已有系列标题完全相同时归入该系列，
                 否则新建系列，id 由报头拼音生成且不与已有系列重复）
  --dry-run      只解析和报告，不写任何文件
  --force        替换已存在的期；全部成功才生效，任何一步失败都恢复原样
  --content DIR  内容目录（默认 content/ 或 $JIANBAO_CONTENT）
  -h, --help     显示本帮助

出错时报告“文件:行: 问题（应为：应有的样子）”，不写入任何文件。
.docx 的“行”是段落序号，.pdf 的“行”是从第一页起数的文字行。
带密级标注（内部资料、秘密、机密、绝密）的期写为 status: internal，不公开发布。
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
if (!args.positionals.length) fail(`没有要导入的文件（应为：至少一个 .docx、.pdf 或 .txt 文件）\n\n${HELP}`);
if (args.values.series && !SERIES_ID_RE.test(args.values.series)) {
  fail(`--series：“${args.values.series}”不是有效的系列 id（应为：小写英文字母、数字和连字符）`);
}

const root = args.values.content ? path.resolve(args.values.content) : contentRoot();
// The series as the one content reader sees them (the same verdict check and the build give).
const tree = await readContent(root);
const broken = seriesFileErrors(root, tree.problems);
if (broken.length) fail(`${broken.map(formatProblem).join('\n')}\n导入失败：简报系列文件有错误，无法判断来稿属于哪个系列（否则会另建一个同名系列）。请先改正上面的错误再导入；未写入任何文件。`);
const series: { id: string; title?: string; issuer?: string }[] = tree.series.map((s) => ({ id: s.file.replace(/^series\/|\.ya?ml$/g, ''), title: s.data.title, issuer: s.data.issuer }));
const files: ContentFile[] = [];
const replace = new Set<string>();
const errors: string[] = [];
const notes: string[] = [];
const planned = new Map<string, string>();

for (const file of args.positionals) {
  let result: ImportResult;
  try {
    result = await importBulletin(await readFile(file), file);
  } catch (e) {
    if (e instanceof ImportError) errors.push(`${file}:${e.line || 1}: ${e.message}`);
    else if ((e as NodeJS.ErrnoException).code === 'ENOENT') errors.push(`${file}: 文件不存在（应为：一个可读的文件）`);
    else errors.push(`${file}: 无法读取：${(e as Error).message}（应为：完好的 .docx、.pdf 或 .txt 文件）`);
    continue;
  }
  const { issue } = result;
  for (const w of result.warnings) notes.push(`${file}:${w.line}: 警告：${w.message}`);
  const choice = chooseSeries(issue.series, series, args.values.series);
  const id = choice.id;
  let known = series.find((s) => s.id === id);
  if (!known) {
    known = { id, title: issue.series, issuer: issue.issuer };
    series.push(known);
    files.push(seriesFile(id, issue.series, issue.issuer));
  }
  const year = Number(issue.date.slice(0, 4));
  const dir = issueDir({ series: id, year, number: issue.number });
  if (planned.has(dir)) {
    errors.push(`${file}: ${year}年第 ${issue.number} 期也在 ${planned.get(dir)} 中（应为：每期只导入一次）`);
    continue;
  }
  planned.set(dir, file);
  if (existsSync(path.join(root, dir))) {
    if (!args.values.force) {
      errors.push(`${file}: ${path.join(path.basename(root), dir)} 已存在（应为：新的一期；要替换请加 --force）`);
      continue;
    }
    replace.add(dir);
  }
  const out = issueFiles(issue, id, typeof known.issuer === 'string' ? known.issuer : issue.issuer, result.media);
  // Each body must read back as imported; the whole set is read with the tree below.
  const mdx = out.filter((f) => f.path.endsWith('.mdx'));
  mdx.forEach((f, n) => {
    const parsed = parseFrontmatter(f.text);
    const want = n === 0 ? (issue.intro ? articleBody({ paragraphs: issue.intro.split('\n\n') }) : '') : articleBody(issue.articles[n - 1]);
    if (!parsed.ok || parsed.value.body.trim() !== want.trim()) errors.push(`${file}: ${f.path} 的正文读回后与导入的不同（程序错误；未写入任何文件）`);
  });
  files.push(...out);
  const paragraphs = issue.articles.reduce((k, a) => k + a.paragraphs.length, 0);
  const extras = [
    issue.intro ? '含编者按' : '',
    result.media.length ? `${result.media.length} 张图片` : '',
    replace.has(dir) ? '替换已有' : '',
  ].filter(Boolean);
  notes.push(
    `${file}（${result.detail}）: ${issue.series} ${year}年第 ${issue.number} 期 → ${dir}/  ${issue.articles.length} 篇文章，${paragraphs} 段` +
      (extras.length ? `，${extras.join('，')}` : ''),
  );
  if (choice.created && !args.values.series) notes.push(`  新系列“${issue.series}”，id ${id}（已有系列中没有标题完全相同的；要并入某系列请用 --series）`);
  if (result.edition) notes.push(`  ${result.edition}：作为单独的系列“${issue.series}”导入，不并入正刊的期号序列`);
  if (issue.classification) notes.push(`  密级标注“${issue.classification}”：写为 status: internal，只在内网版本中发布`);
}

// Read everything to be written with the tree, as check and the build will: nothing is written that they would refuse.
if (!errors.length) {
  const texts = new Map(files.filter((f) => f.data === undefined).map((f) => [f.path, f.text]));
  const replaced = (rel: string) => [...replace].some((d) => rel.startsWith(`${d}/`));
  for (const p of await errorsAdded(root, texts, (rel) => !replaced(rel))) errors.push(formatProblem(p));
}
if (errors.length) fail(`${errors.join('\n')}\n导入失败：未写入任何文件。`);
for (const s of notes) console.log(s);
if (args.values['dry-run']) {
  console.log(`试运行：将在 ${root} 下写入 ${files.length} 个文件（未写入）`);
} else {
  try {
    await writeContent(root, files, replace);
  } catch (e) {
    fail(`${(e as Error).message}\n导入失败：已恢复原样，未写入任何文件。`);
  }
  console.log(`已在 ${root} 下写入 ${files.length} 个文件`);
}
