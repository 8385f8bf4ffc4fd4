/**
 * npm run check [-- --content DIR] [--quiet]
 * Validates all content; exit 1 on errors, 0 with warnings only.
 */
import path from 'node:path';
import { checkContent } from '../src/lib/content/check.ts';
import { formatProblem } from '../src/lib/content/errors.ts';
import { fixPunctuationInTree } from '../src/lib/content/punctuation.ts';
import { contentRoot } from '../src/lib/settings.ts';
import { parseCli } from './lib/cli.ts';

const HELP = `用法 / usage: npm run check [-- options]

Checks every file under content/ against the schema the site uses, and what a
schema cannot see (folder vs frontmatter, duplicates, dates against numbers,
gaps, empty or unfinished articles, MDX that does not compile).
One line per problem: path:LINE: field: what is wrong (what was expected).
Exit status 1 when there are errors, 0 with warnings only.

  --content DIR  content folder (default: content/, or $JIANBAO_CONTENT)
  --quiet        print problems only, no summary line
  --fix          把汉字旁的半角 ,;:?!() 改为全角后再检查（改写 .mdx 文件）
  -h, --help     this help
`;

const { values } = parseCli(HELP, { options: { content: { type: 'string' }, quiet: { type: 'boolean', default: false }, fix: { type: 'boolean', default: false } } });

const root = values.content ? path.resolve(values.content) : contentRoot();
if (values.fix) {
  const fixed = await fixPunctuationInTree(root);
  console.log(`已改正 ${fixed.files.length} 个文件中的 ${fixed.marks} 个半角标点`);
}
const result = await checkContent(root);
for (const p of result.problems) (p.severity === 'error' ? console.error : console.warn)(formatProblem(p));
if (!values.quiet || result.errors) {
  const summary = `check: ${result.files} files, ${result.errors} error(s), ${result.warnings} warning(s)`;
  (result.errors ? console.error : console.log)(result.errors ? `${summary}: fix these before publishing.` : summary);
}
process.exit(result.errors ? 1 : 0);
