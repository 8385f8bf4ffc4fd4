import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createProcessor } from '@mdx-js/mdx';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { escapeMdxText } from '../../../src/lib/content/mdx-text.ts';
import {
  findUnsafeContent,
  findUnsafeNodes,
  imageUrlProblem,
  linkUrlProblem,
  remarkContentIsData,
} from '../../../src/lib/content/mdx-safety.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

/** [what, body, format, line of the violation, what the message must name]. */
const ATTACKS: [string, string, 'mdx' | 'md', number, RegExp][] = [
  ['ESM import that reads files', "正文。\n\nimport fs from 'node:fs'\n\n{fs.readFileSync('/etc/passwd', 'utf8')}", 'mdx', 3, /import 语句/],
  ['the expression that publishes the file', "import fs from 'node:fs'\n\n{fs.readFileSync('/etc/passwd', 'utf8')}", 'mdx', 3, /表达式「\{fs\.readFileSync/],
  ['ESM export', '第一段。\n\nexport const x = 1', 'mdx', 3, /export 语句/],
  ['inline expression reading the environment', '密钥是 {process.env.SECRET}。', 'mdx', 1, /表达式「\{process\.env\.SECRET\}」/],
  ['flow expression', '{1 + 1}', 'mdx', 1, /表达式/],
  ['<script>', "<script>alert('x')</script>", 'mdx', 1, /<script> 元素/],
  ['mixed-case <SCRIPT>', "文字 <SCRIPT>alert('x')</SCRIPT>", 'mdx', 1, /<SCRIPT> 元素/],
  ['<img onerror>', '<img src="x" onerror="alert(1)" />', 'mdx', 1, /<img> 元素/],
  ['<iframe>', '<iframe src="https://evil.example/"></iframe>', 'mdx', 1, /<iframe> 元素/],
  ['<a href=javascript:>', '<a href="javascript:alert(1)">点</a>', 'mdx', 1, /<a> 元素/],
  ['<style>', '<style>body {"{"}display:none{"}"}</style>', 'mdx', 1, /<style> 元素/],
  ['<svg onload>', '<svg onload="alert(1)" />', 'mdx', 1, /<svg> 元素/],
  ['a component', '<Component />', 'mdx', 1, /<Component> 元素/],
  ['a member component', '<ui.Button />', 'mdx', 1, /<ui\.Button> 元素/],
  ['a fragment', '<>片段</>', 'mdx', 1, /<> 元素/],
  ['<sup onclick>', '25<sup onclick="alert(1)">o</sup>C', 'mdx', 1, /<sup> 加属性 onclick/],
  ['<sub title>', 'H<sub title="x">2</sub>O', 'mdx', 1, /<sub> 加属性 title/],
  ['expression in an attribute', '<sup title={globalThis.secret}>1</sup>', 'mdx', 1, /<sup> 加属性 title/],
  ['spread attribute', '<sup {...props}>1</sup>', 'mdx', 1, /<sup> 加属性表达式/],
  ['<br> with an attribute', '一<br class="x" />二', 'mdx', 1, /<br> 加属性 class/],
  ['expression inside an allowed element', '<sup>{process.env.HOME}</sup>', 'mdx', 1, /表达式/],
  ['script nested in a list', '- 一\n  - 二\n    - <script>alert(1)</script>', 'mdx', 3, /<script> 元素/],
  ['script in a table cell', '| 甲 | 乙 |\n| --- | --- |\n| 1 | <script>alert(1)</script> |', 'mdx', 3, /<script> 元素/],
  ['expression in a heading', '## 标题 {process.pid}', 'mdx', 1, /表达式/],
  ['javascript: link', '[点此](javascript:alert(1))', 'mdx', 1, /链接地址「javascript:alert\(1\)」/],
  ['mixed-case scheme', '[点此](JaVaScRiPt:alert(1))', 'mdx', 1, /链接地址/],
  ['entity-encoded scheme', '[点此](java&#x73;cript:alert(1))', 'mdx', 1, /链接地址「javascript:alert\(1\)」/],
  ['decimal entity scheme', '[点此](&#106;avascript:alert(1))', 'mdx', 1, /链接地址「javascript:/],
  ['backslash-escaped scheme', '[点此](javascript\\:alert(1))', 'mdx', 1, /链接地址/],
  ['leading spaces', '[点此](   javascript:alert(1))', 'mdx', 1, /链接地址/],
  ['angle-bracket destination with a tab', '[点此](<java\tscript:alert(1)>)', 'mdx', 1, /链接地址/],
  ['percent-encoded colon', '[点此](javascript%3Aalert(1))', 'mdx', 1, /链接地址/],
  ['vbscript:', '[点此](vbscript:msgbox(1))', 'mdx', 1, /链接地址「vbscript:/],
  ['data: link', '[点此](data:text/html,<script>alert(1)</script>)', 'mdx', 1, /链接地址「data:/],
  ['data: image', '![图](data:text/html,hi)', 'mdx', 1, /图片地址「data:/],
  ['data: image as base64 png', '![图](data:image/png;base64,iVBORw0KGgo=)', 'mdx', 1, /图片地址/],
  ['javascript: image', '![图](javascript:alert(1))', 'mdx', 1, /图片地址/],
  ['mailto: image', '![图](mailto:a@example.com)', 'mdx', 1, /图片地址/],
  ['reference-style link definition', '见[通知][1]。\n\n[1]: javascript:alert(1)', 'mdx', 3, /链接地址/],
  ['unused definition', '[x]: javascript:alert(1)', 'mdx', 1, /链接地址/],
  ['reference-style image', '![图][tu]\n\n[tu]: ../../../../etc/x.png', 'mdx', 3, /图片地址/],
  ['image outside the article folder', '![图](../../../../../../etc/secret.png)', 'mdx', 1, /图片地址/],
  ['percent-encoded dot-dot', '![图](%2e%2e/%2e%2e/secret.png)', 'mdx', 1, /图片地址/],
  ['raw query on an image import', '![图](./tu.png?raw)', 'mdx', 1, /图片地址/],
  ['url query on an image import', '![图](tu.png?url)', 'mdx', 1, /图片地址/],
  ['a non-image file as image', '![图](./notes.txt)', 'mdx', 1, /图片地址/],
  ['an SVG beside the article', '![图](./tu.svg)', 'mdx', 1, /图片地址/],
  ['a parse error is a violation, not a pass', '<img src=x onerror={alert(1)} />', 'mdx', 1, /MDX 无法解析/],
  ['an HTML comment in MDX', '<!-- 备注 -->', 'mdx', 1, /MDX 无法解析/],
  ['an autolink in MDX', '<javascript:alert(1)>', 'mdx', 1, /MDX 无法解析/],
  ['<script> in .md', "正文。\n\n<script>alert('x')</script>", 'md', 3, /<script> 元素/],
  ['<SCRIPT> in .md', "<SCRIPT>alert('x')</SCRIPT>", 'md', 1, /<script> 元素/],
  ['<img onerror> in .md', '<img src=x onerror=alert(1)>', 'md', 1, /<img> 元素/],
  ['<sup onclick> in .md', '25<sup onclick=alert(1)>o</sup>C', 'md', 1, /<sup> 加属性/],
  ['<div> block in .md', '<div>\n\n*x*\n\n</div>', 'md', 1, /<div> 元素/],
  ['autolink in .md', '<javascript:alert(1)>', 'md', 1, /链接地址/],
  ['HTML comment in .md', '<!-- 编辑备注 -->', 'md', 1, /HTML 注释/],
  ['comment that a browser ends early', '<!-- a --!> <script>alert(1)</script> -->', 'md', 1, /HTML 注释|<script>/],
  ['javascript: link in .md', '[x](javascript:alert(1))', 'md', 1, /链接地址/],
];

/** Bodies that must pass untouched. */
const ALLOWED: [string, string, 'mdx' | 'md'][] = [
  ['paragraphs, emphasis, lists', '第一段**加粗**和*强调*、~~删除~~。\n\n- 一\n- 二\n  1. 甲\n\n> 引用\n\n## 小标题\n\n---', 'mdx'],
  ['a table', '| 指标 | 数值 |\n| --- | ---: |\n| 面积 | 100 m<sup>2</sup> |', 'mdx'],
  ['br, sup, sub', '第一行<br />第二行<br/>，25<sup>o</sup>C，H<sub>2</sub>O', 'mdx'],
  ['a line-level br', '<br />', 'mdx'],
  ['allowed links', '[网站](https://example.gov.cn/a?b=1#c) [旧站](http://example.com) [信箱](mailto:a@example.com) [电话](tel:0635-1234567) [上一篇](../02-x/) [开头](#top) [站内](/archive/) [空]()', 'mdx'],
  ['GFM autolink literals', '见 www.example.gov.cn 与 https://example.com 及 ban@example.gov.cn', 'mdx'],
  ['images', '![本地](./tu.png) ![同目录](tu.JPG) ![子目录](img/tu.webp) ![站内](/tu.png) ![远程](https://example.com/tu.svg)', 'mdx'],
  ['reference links and images', '[通知][1] ![图][2]\n\n[1]: https://example.com\n[2]: ./tu.png', 'mdx'],
  ['an MDX comment', '{/* 编辑备注，不会发布 */}\n\n正文。', 'mdx'],
  ['escaped markup is text', '原文写着 \\<script\\>alert(1)\\</script\\> 和 \\{process.env\\}。', 'mdx'],
  ['entities are text', '&lt;script&gt; &#123;x&#125;', 'mdx'],
  ['code is text', '`<script>` 与\n\n```\n{process.env}\n```', 'mdx'],
  ['footnotes', '正文[^1]。\n\n[^1]: 注释。', 'mdx'],
  ['text that only looks like a scheme', '[x](./javascript-intro/) [y](/a/javascript:b)', 'mdx'],
  ['.md with br, sup, sub', '第一行<br>第二行<BR/>，25<sup>o</sup>C，H<sub>2</sub>O', 'md'],
];

describe('findUnsafeContent', () => {
  it.each(ATTACKS)('rejects %s', (_what, body, format, line, message) => {
    const found = findUnsafeContent(body, format);
    expect(found.length, JSON.stringify(found)).toBeGreaterThan(0);
    const hit = found.find((v) => message.test(v.message));
    expect(hit, JSON.stringify(found)).toBeDefined();
    expect(hit!.line).toBe(line);
  });

  it.each(ALLOWED)('allows %s', (_what, body, format) => {
    expect(findUnsafeContent(body, format)).toEqual([]);
  });

  it('reports every violation of a body in one pass, in order', () => {
    const found = findUnsafeContent("import a from 'a'\n\n<script />\n\n[x](javascript:1)\n\n{b}");
    expect(found.map((v) => v.line)).toEqual([1, 3, 5, 7]);
  });

  it('names what was found and what is allowed, in Chinese', () => {
    const [v] = findUnsafeContent('<script>alert(1)</script>');
    expect(v.message).toMatch(/^不允许使用 <script> 元素（正文只能用 Markdown：.*<br \/>、<sup>、<sub>/);
    expect(findUnsafeContent('<br>')[0].message).toContain('<br />');
  });

  it('fails closed on node types it does not know', () => {
    const tree = { type: 'root', children: [{ type: 'mystery', position: { start: { line: 4 } } }] };
    expect(findUnsafeNodes(tree)).toEqual([{ line: 4, message: expect.stringContaining('mystery') }]);
    // An expression whose program was not parsed cannot be shown to be a comment.
    expect(findUnsafeNodes({ type: 'root', children: [{ type: 'mdxFlowExpression', value: '/* x */' }] })).toHaveLength(1);
  });
});

describe('URL rules', () => {
  it.each(['javascript:x', ' JAVASCRIPT:x', 'java\u0000script:x', '\u200bjavascript:x', 'java\nscript:x', 'file:///etc/passwd', 'blob:x', 'vbscript:x', 'data:,x'])(
    'rejects link %j',
    (url) => expect(linkUrlProblem(url)).toBeDefined(),
  );
  it.each(['https://a.example/', 'HTTP://a.example', 'mailto:a@b.c', 'tel:+86', '../x/', '#top', '/a/b', '', '?q=1', 'a/b:c'])('allows link %j', (url) =>
    expect(linkUrlProblem(url)).toBeUndefined(),
  );
  it.each(['../x.png', 'a/../../x.png', './x.png#y', 'x.png?raw', 'x.txt', 'x', '.\\..\\x.png', 'x%ZZ.png', 'ftp://a/x.png'])('rejects image %j', (url) =>
    expect(imageUrlProblem(url)).toBeDefined(),
  );
  it.each(['x.png', './x.jpeg', 'img/x.AVIF', '/x.gif', '//cdn.example/x.png', 'https://a.example/x.svg'])('allows image %j', (url) =>
    expect(imageUrlProblem(url)).toBeUndefined(),
  );
});

describe('remarkContentIsData (the build guard)', () => {
  const parse = (text: string) => createProcessor({ format: 'mdx' }).parse(text);

  it('throws one error naming file:line for every violation', () => {
    const file = { path: path.join(process.cwd(), 'content/issues/x/2024/001/01-a.mdx'), value: '', data: {} };
    const run = () => remarkContentIsData()(parse('正文。\n\n{process.env.SECRET}\n\n<script />'), file);
    expect(run).toThrow(/content\/issues\/x\/2024\/001\/01-a\.mdx:3: 不允许使用 \{…\} 表达式/);
    expect(run).toThrow(/01-a\.mdx:5: 不允许使用 <script> 元素/);
  });

  it('refuses a frontmatter layout, which MDX would import', () => {
    const file = { path: '/x/01-a.mdx', data: { astro: { frontmatter: { title: 'x', layout: '/etc/passwd' } } } };
    expect(() => remarkContentIsData()(parse('正文。'), file)).toThrow(/layout/);
  });

  it('lets allowed bodies through', () => {
    const file = { path: '/x/01-a.mdx', data: { astro: { frontmatter: { title: 'x' } } } };
    expect(() => remarkContentIsData()(parse('正文<br />，H<sub>2</sub>O，[链接](https://a.example)。'), file)).not.toThrow();
  });
});

describe('existing content stays valid', () => {
  const bodiesUnder = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile() && /\.mdx?$/.test(d.name))
      .map((d) => path.join(d.parentPath, d.name));

  it('the seed issue and the fixture archive have no violations', () => {
    const files = [
      ...bodiesUnder(path.join(PROJECT_ROOT, 'content/issues/liaocheng-wenming/2021/028')),
      ...bodiesUnder(path.join(PROJECT_ROOT, 'tests/fixtures/archive')),
    ];
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) expect(findUnsafeContent(matter(readFileSync(file, 'utf8')).content), file).toEqual([]);
  });

  it("the importer's escaped text never trips the checker, whatever the source says", () => {
    const nasty = [
      ...ATTACKS.map(([, body]) => body),
      '<br> <sup onclick=x> {/* c */} <!-- c --> ]]> &amp; &#x3C;script&#x3E; \\ ` * _ ~ | # !',
      '1. 列表 - + = > 引用 [链接](javascript:x) ![图](x.txt)',
    ];
    for (const text of nasty) {
      const body = text.split(/\n+/).map(escapeMdxText).join('\n\n');
      expect(findUnsafeContent(body), body).toEqual([]);
    }
  });

  it('escaped text stays text over thousands of generated paragraphs', () => {
    const atoms = ['<', '>', '{', '}', '\\', '`', '*', '_', '[', ']', '(', ')', '!', '#', '&', ';', ':', '/', '.', '-', '+', '=', '|', '~', '"', ' ', 'a', '1', '中',
      'import ', 'export ', 'https://', 'WWW.', 'a@b.co', 'javascript:', '&lt;', '<!--', '<br>', '1.', '- ', '> ', '---'];
    // A fixed linear congruential sequence: the same paragraphs on every run.
    let seed = 42;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const text = Array.from({ length: 1 + Math.floor(next() * 8) }, () => atoms[Math.floor(next() * atoms.length)]).join('').trim();
      if (text) expect(findUnsafeContent(escapeMdxText(text)), `${JSON.stringify(text)} → ${escapeMdxText(text)}`).toEqual([]);
    }
  });
});
