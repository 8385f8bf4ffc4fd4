import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createProcessor } from '@mdx-js/mdx';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { escapeMdxText, unescapeMdxText } from '../../../src/lib/content/mdx-text.ts';
import {
  DATA_ONLY_FRONTMATTER,
  findUnsafeContent,
  findUnsafeNodes,
  imageUrlProblem,
  linkUrlProblem,
  remarkContentIsData,
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
    const run = () => remarkContentIsData({ exitStatus: false })(parse('正文。\n\n{process.env.SECRET}\n\n<script />'), file);
    expect(run).toThrow(/content\/issues\/x\/2024\/001\/01-a\.mdx:3: 不允许使用 \{…\} 表达式/);
    expect(run).toThrow(/01-a\.mdx:5: 不允许使用 <script> 元素/);
  });

  it('refuses a frontmatter layout, which MDX would import', () => {
    const file = { path: '/x/01-a.mdx', data: { astro: { frontmatter: { title: 'x', layout: '/etc/passwd' } } } };
    expect(() => remarkContentIsData({ exitStatus: false })(parse('正文。'), file)).toThrow(/layout/);
  });

  it('lets allowed bodies through', () => {
    const file = { path: '/x/01-a.mdx', data: { astro: { frontmatter: { title: 'x' } } } };
    expect(() => remarkContentIsData({ exitStatus: false })(parse('正文<br />，H<sub>2</sub>O，[链接](https://a.example)。'), file)).not.toThrow();
  });
});

describe('DATA_ONLY_FRONTMATTER', () => {
  it('refuses executable frontmatter languages without running them, and reads YAML', () => {
    const g = globalThis as { frontmatterRan?: boolean };
    for (const lang of ['js', 'javascript', 'JS', ' js', 'json', 'coffee']) {
      expect(() => matter(`---${lang}\n{ title: (globalThis.frontmatterRan = true, 'x') }\n---\n正文`, { engines: DATA_ONLY_FRONTMATTER }), lang).toThrow(/只能写 YAML/);
    }
    expect(g.frontmatterRan).toBeUndefined();
    expect(matter('---\ntitle: 标题\n---\n正文', { engines: DATA_ONLY_FRONTMATTER }).data).toEqual({ title: '标题' });
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
