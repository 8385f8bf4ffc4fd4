/**
 * Content is data: real builds of a malicious article (the build must fail,
 * naming file and line, and publish nothing of it) and of the allowed forms.
 * The builds bypass `npm run check` on purpose: the guard in the build must hold alone.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { allFiles, readPage, textOf } from '../helpers/dist.ts';

const NO_PDF = { CHROMIUM_PATH: '/nonexistent/chromium' };
const UNSAFE = 'tests/fixtures/unsafe';
const ENV_CANARY = 'CANARY-ENV-51b2e0';
const FILE_CANARY = readFileSync(path.join(PROJECT_ROOT, UNSAFE, 'canary.txt'), 'utf8').split(':')[0];

/** 1-based line of the first line of `file` containing `marker`. */
function lineOf(file: string, marker: string): number {
  const i = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n').findIndex((l) => l.includes(marker));
  if (i < 0) throw new Error(`${marker} not in ${file}`);
  return i + 1;
}

/** Builds a tree that must fail; returns the build's output and where it was told to write. */
async function failingBuild(tree: string) {
  const outDir = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-unsafe-')), 'dist');
  const error = await buildSite(path.join(PROJECT_ROOT, tree), { ...NO_PDF, JIANBAO_SAFETY_CANARY: ENV_CANARY, JIANBAO_OUT_DIR: outDir }).then(
    () => undefined,
    (e: { code?: number; stdout?: string; stderr?: string }) => e,
  );
  expect(error, 'the build should have failed').toBeDefined();
  return { code: error!.code, log: `${error!.stdout ?? ''}${error!.stderr ?? ''}`, outDir };
}

/** Every built file (Pagefind's gzipped ones unpacked) that contains one of the needles, with the needle. */
function leaks(outDir: string, needles: string[]): string[] {
  if (!existsSync(outDir)) return [];
  return allFiles(outDir).flatMap((f) => {
    let bytes = readFileSync(path.join(outDir, f));
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = gunzipSync(bytes);
    const text = bytes.toString('utf8');
    return needles.filter((n) => text.includes(n)).map((n) => `${f}: ${n}`);
  });
}

describe('a malicious .mdx article', () => {
  const file = `${UNSAFE}/mdx/issues/gamma/2024/001/01-e-yi.mdx`;

  it('fails the build with file:line for each case and publishes none of it', async () => {
    const { code, log, outDir } = await failingBuild(`${UNSAFE}/mdx`);
    expect(code).not.toBe(0);
    for (const [marker, what] of [
      ["import fs from 'node:fs'", /import 语句/],
      ['fs.readFileSync', /表达式/],
      ['process.env.JIANBAO_SAFETY_CANARY', /表达式/],
      ['<script>', /<script> 元素/],
      ['javascript:', /链接地址/],
      ['onclick', /<sup> 加属性 onclick/],
    ] as const) {
      const line = log.split('\n').find((l) => l.includes(`${file}:${lineOf(file, marker)}: `));
      expect(line, `${file}:${lineOf(file, marker)} in\n${log}`).toBeDefined();
      expect(line).toMatch(what);
    }
    expect(leaks(outDir, [FILE_CANARY, ENV_CANARY, 'xss-script', 'xss-link', 'xss-sup', 'href="javascript:'])).toEqual([]);
  }, 300_000);
});

describe('a malicious .md article', () => {
  const file = `${UNSAFE}/md/issues/gamma/2024/001/01-e-yi.md`;

  it('fails the build with file:line for each case and publishes none of it', async () => {
    const { code, log, outDir } = await failingBuild(`${UNSAFE}/md`);
    expect(code).not.toBe(0);
    expect(log).toContain(`${file}:${lineOf(file, '<script>')}: 不允许使用 <script> 元素`);
    expect(log).toContain(`${file}:${lineOf(file, '<img')}: 不允许使用 <img> 元素`);
    expect(log).toContain(`${file}:${lineOf(file, 'javascript:')}: 不允许的链接地址`);
    expect(leaks(outDir, ['xss-md-script', 'xss-md-img', 'xss-md-link', 'href="javascript:'])).toEqual([]);
  }, 300_000);
});

describe('the allowed forms', () => {
  it('render as Markdown, <br>, <sup>, <sub>, tables, links and images', async () => {
    const { outDir } = await buildSite(path.join(PROJECT_ROOT, 'tests/fixtures/safe-markup'), NO_PDF);
    const prose = readPage(outDir, '/delta/2024/1/ge-shi/').querySelector('.prose')!;
    expect(prose.querySelectorAll('br')).toHaveLength(1);
    expect(prose.querySelectorAll('sup').map(textOf)).toEqual(['o', '2']);
    expect(prose.querySelectorAll('sub').map(textOf)).toEqual(['2']);
    expect(prose.querySelectorAll('table td').map(textOf)).toEqual(['面积', '100 m2']);
    expect(prose.querySelectorAll('a').map((a) => a.getAttribute('href'))).toEqual([
      'https://example.gov.cn/tongzhi', 'mailto:ban@example.gov.cn', 'tel:0635-1234567', '/delta/2024/', '#top',
    ]);
    const images = prose.querySelectorAll('img').map((img) => img.getAttribute('src') ?? '');
    expect(images).toHaveLength(2);
    expect(images[0]).toMatch(/^\/_astro\/shi-yi\.[\w-]+\.\w+$/);
    expect(existsSync(path.join(outDir, images[0]))).toBe(true);
    expect(images[1]).toBe('https://example.gov.cn/tu.png');
    // Escaped markup is text, and an MDX comment never reaches the page.
    expect(textOf(prose)).toContain('原文写着 <script> 和 {变量}，只是文字。');
    expect(prose.querySelector('script')).toBeNull();
    expect(leaks(outDir, ['编辑备注'])).toEqual([]);

    const md = readPage(outDir, '/delta/2024/1/markdown/').querySelector('.prose')!;
    expect(md.querySelectorAll('br')).toHaveLength(1);
    expect(md.querySelectorAll('sup, sub').map(textOf)).toEqual(['2', '2']);
  }, 300_000);
});
