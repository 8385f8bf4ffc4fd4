import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createProcessor } from '@mdx-js/mdx';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { escapeMdxText, unescapeMdxText } from '../../../src/lib/content/mdx-text.ts';
import { guardTree } from '../../../src/lib/content/markdown-guard.ts';
import { withoutMdxComments } from '../../../src/lib/content/loader.ts';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { toHast } from 'mdast-util-to-hast';
import { toHtml } from 'hast-util-to-html';
import {
  findUnsafeContent,
  findUnsafeNodes,
  imageUrlProblem,
  linkUrlProblem,
} from '../../../src/lib/content/mdx-safety.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';
import { ALLOWED, ATTACKS } from '../../helpers/unsafe-bodies.ts';

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

  it('walks a very deep tree without overflowing the stack', () => {
    let tree: { type: string; children: unknown[]; position?: { start: { line: number } } } = { type: 'mdxJsxTextElement', children: [], position: { start: { line: 9 } } };
    for (let i = 0; i < 200_000; i++) tree = { type: 'blockquote', children: [tree] };
    expect(findUnsafeNodes({ type: 'root', children: [tree] })).toEqual([{ line: 9, message: expect.stringContaining('<> 元素') }]);
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
  it.each(['https://a.example/', 'HTTP://a.example', 'mailto:a@b.c', 'tel:+86', '#top', '/a/b', '//cdn.example/x', '', '?q=1'])('allows link %j', (url) =>
    expect(linkUrlProblem(url)).toBeUndefined(),
  );
  it.each(['../x.png', 'a/../../x.png', './x.png#y', 'x.png?raw', 'x.txt', 'x', '.\\..\\x.png', 'x%ZZ.png', 'ftp://a/x.png'])('rejects image %j', (url) =>
    expect(imageUrlProblem(url)).toBeDefined(),
  );
  it.each(['x.png', './x.jpeg', 'img/x.WEBP', '/x.gif', '//cdn.example/x.png', 'https://a.example/x.svg'])('allows image %j', (url) =>
    expect(imageUrlProblem(url)).toBeUndefined(),
  );
});

describe('the Markdown guard of the build (markdown-guard.ts)', () => {
  const render = (text: string) => {
    const tree = fromMarkdown(text, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    const found = guardTree(tree);
    return { found, html: toHtml(toHast(tree, { allowDangerousHtml: true }), { allowDangerousHtml: true }) };
  };

  it('reports and removes raw HTML and unsafe links, naming the line', () => {
    const { found, html } = render('正文。\n\n<script>alert(1)</script>\n\n[点此](javascript:alert(2)) ![图](data:image/png,x)\n\n<!-- 备注 -->');
    expect(found.map((v) => v.line)).toEqual([3, 5, 5, 7]);
    expect(html).not.toMatch(/script|javascript:|data:|备注/);
  });

  it('lets allowed bodies through unchanged', () => {
    const { found, html } = render('正文<br>，H<sub>2</sub>O，[链接](https://a.example)。');
    expect(found).toEqual([]);
    expect(html).toBe('<p>正文<br>，H<sub>2</sub>O，<a href="https://a.example">链接</a>。</p>');
  });

  it('drops MDX comments before rendering, keeping line numbers, but never escaped braces', () => {
    expect(withoutMdxComments('甲\n\n{/* 编辑备注\n第二行 */}\n\n乙')).toBe('甲\n\n\n\n\n乙');
    expect(withoutMdxComments('原文 \\{/* 不是注释 */\\}')).toBe('原文 \\{/* 不是注释 */\\}');
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

  it('imported paragraphs that start with import/export or hold a URL before < stay text and read back', () => {
    for (const text of ["import fs from 'node:fs'", 'export 数据同比增长', '见 https://example.gov.cn/a"><script>x</script>', 'WWW.example.cn/<x>', '&#x69;mport']) {
      const escaped = escapeMdxText(text);
      expect(findUnsafeContent(escaped), escaped).toEqual([]);
      expect(unescapeMdxText(escaped)).toBe(text);
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

describe('one report per thing found', () => {
  it('names an element in .md once, though its opening and closing tags are two HTML nodes', () => {
    expect(findUnsafeContent('见<a href="https://x.example/">通知</a>和<b>粗</b>。', 'md').map((v) => v.message.slice(0, 12))).toEqual(['不允许使用 <a> 元素', '不允许使用 <b> 元素']);
  });
});

describe('a body that does not parse', () => {
  it.each([
    ['占比<5%', '“<”后面不是标签名'],
    ['正文里有 {未闭合 的花括号', '“{”没有对应的“}”'],
    ['<东昌府区>', '<东昌府区> 没有对应的结束标签'],
    ['a </b> c', '结束标签 </…> 前面没有对应的开始标签'],
    ['x {1 +}', '花括号 { } 之间的文字不是表达式'],
  ])('is explained in Chinese at its line, without the parser\'s English or its positions: %j', (body, said) => {
    const [v] = findUnsafeContent(`第一段。\n\n${body}`);
    expect(v).toMatchObject({ line: 3, syntax: true });
    expect(v.message).toContain(`MDX 无法解析：${said}`);
    expect(v.message.replace('Markdown', '')).not.toMatch(/[A-Za-z]{4,}|\(\d+:\d+/);
  });
});
