import { readFileSync } from 'node:fs';
import matter from '/work/main/node_modules/gray-matter/index.js';
import { markdownText } from '/work/main/src/lib/markdown-text.ts';
import { articleBodyText } from '/work/main/src/lib/search-index.ts';
const src = matter(readFileSync('/work/main/tests/fixtures/archive/issues/alpha/2023/001/01-zhi-shou.mdx','utf8')).content;
console.log(JSON.stringify(markdownText(src)));
console.log(JSON.stringify(markdownText('# 标题\n\n1\\. 段落 \\<script\\> \\{年度\\} *强调*\n\n- 列表项')));
