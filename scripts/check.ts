/**
 * npm run check [-- --content DIR] [--quiet]
 * Validates all content; exit 1 on errors, 0 with warnings only.
 */
import path from 'node:path';
import { checkCache } from '../src/lib/build/check-cache.ts';
import { checkContent } from '../src/lib/content/check.ts';
import { formatProblem } from '../src/lib/content/errors.ts';
import { fixPunctuationInTree } from '../src/lib/content/punctuation.ts';
import { cacheDir, contentRoot } from '../src/lib/settings.ts';
import { parseCli } from './lib/cli.ts';

const HELP = `用法：npm run check [-- 选项]

按网站所用的同一套规则检查 content/ 中的每个文件：文件位置与命名、编码（须为 UTF-8）、
frontmatter 字段、文件夹与期号和日期是否一致、重复与空白、未完成的占位内容、正文能否解析。
每个问题一行：文件:行号: 字段: 问题（应为……）。
有错误时退出码为 1，只有警告时为 0。正文的检查结果缓存在构建所用的缓存目录（JIANBAO_CACHE_DIR，
默认 node_modules/.astro），未改动的正文不再重新解析。

  --content 文件夹  内容文件夹（默认 content/，或环境变量 JIANBAO_CONTENT）
  --quiet          只列出问题，不打印汇总行
  --fix            先把正文中汉字旁的半角 ,;:?!() 改为全角（改写文件），再检查
  -h, --help       显示本帮助
`;

const { values } = parseCli(HELP, { options: { content: { type: 'string' }, quiet: { type: 'boolean', default: false }, fix: { type: 'boolean', default: false } } });

const root = values.content ? path.resolve(values.content) : contentRoot();
if (values.fix) {
  const fixed = await fixPunctuationInTree(root);
  console.log(`已改正 ${fixed.files.length} 个文件中的 ${fixed.marks} 个半角标点`);
}
const project = path.resolve(import.meta.dirname, '..');
const result = await checkContent(root, { cache: await checkCache(project, cacheDir(project)) });
for (const p of result.problems) (p.severity === 'error' ? console.error : console.warn)(formatProblem(p));
if (!values.quiet || result.errors) {
  const summary = `检查：${result.files} 个文件，${result.errors} 个错误，${result.warnings} 个警告`;
  (result.errors ? console.error : console.log)(result.errors ? `${summary}。请先改正错误再发布。` : summary);
}
process.exit(result.errors ? 1 : 0);
