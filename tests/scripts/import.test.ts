import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { unescapeMdxText } from '../../src/lib/content/mdx-text.ts';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { readPage, textOf } from '../helpers/dist.ts';
import { runScript } from '../helpers/run.ts';
import seed from '../site/seed-expected.ts';

const seedFile = existsSync(path.resolve(PROJECT_ROOT, '../shared/seeds/000_6afe2561fe3ced3e.txt'))
  ? path.resolve(PROJECT_ROOT, '../shared/seeds/000_6afe2561fe3ced3e.txt')
  : path.join(PROJECT_ROOT, 'tests/fixtures/seed/000_6afe2561fe3ced3e.txt');
const variants = path.join(PROJECT_ROOT, 'tests/fixtures/import/variants.txt');
const tempContent = async () => path.join(await mkdtemp(path.join(tmpdir(), 'jianbao-import-')), 'content');

/** Reads an imported issue folder back into the seed's expected.json shape. */
function readIssue(root: string, dir: string) {
  const seriesFile = readdirSync(path.join(root, 'series'))[0];
  const series = matter(`---\n${readFileSync(path.join(root, 'series', seriesFile), 'utf8')}---\n`).data;
  const issue = matter(readFileSync(path.join(root, dir, 'index.mdx'), 'utf8'));
  const body = (s: string) => s.trim().split(/\n\n/).map(unescapeMdxText);
  const d = issue.data;
  return {
    series: series.title,
    number: d.number,
    total: d.total ?? null,
    date: d.date instanceof Date ? d.date.toISOString().slice(0, 10) : d.date,
    issuer: d.issuer ?? series.issuer,
    classification: d.classification ?? null,
    intro: issue.content.trim() ? body(issue.content).join('\n\n') : null,
    reportTo: d.reportTo ?? [],
    copyTo: d.copyTo ?? [],
    sendTo: d.sendTo ?? [],
    copies: d.copies ?? null,
    articles: readdirSync(path.join(root, dir)).filter((f) => f !== 'index.mdx').sort().map((f) => {
      const a = matter(readFileSync(path.join(root, dir, f), 'utf8'));
      return { unit: a.data.unit ?? null, title: a.data.title, paragraphs: body(a.content) };
    }),
  };
}

describe('npm run import', () => {
  it('imports the seed into files that read back as its expected structure', async () => {
    const root = await tempContent();
    const r = await runScript('import.ts', [seedFile, '--content', root, '--series', 'liaocheng']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('5 篇文章，21 段');
    expect(readIssue(root, 'issues/liaocheng/2021/028')).toEqual(seed);
  });

  it('finds an existing series by its masthead', async () => {
    const root = await tempContent();
    await runScript('import.ts', [seedFile, '--content', root, '--series', 'lc']);
    const r = await runScript('import.ts', [variants, '--content', root]);
    expect(r.code).toBe(0);
    const again = await runScript('import.ts', [seedFile, '--content', root, '--force']);
    expect(again.code).toBe(0);
    expect(readdirSync(path.join(root, 'issues')).sort()).toEqual(['ceshi-xian-anquan-shengchan-gongzuo', 'lc']);
  });

  it('never overwrites an issue without --force, and replaces it with --force', async () => {
    const root = await tempContent();
    await runScript('import.ts', [seedFile, '--content', root, '--series', 'lc']);
    const index = path.join(root, 'issues/lc/2021/028/index.mdx');
    await writeFile(index, readFileSync(index, 'utf8').replace('copies: 260', 'copies: 999'));
    const refused = await runScript('import.ts', [seedFile, '--content', root]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/已存在（expected 新的一期；要替换请加 --force）/);
    expect(readFileSync(index, 'utf8')).toContain('copies: 999');
    const forced = await runScript('import.ts', [seedFile, '--content', root, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(index, 'utf8')).toContain('copies: 260');
  });

  it('writes nothing on --dry-run', async () => {
    const root = await tempContent();
    const r = await runScript('import.ts', [seedFile, '--content', root, '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/试运行：将在 .* 下写入 7 个文件/);
    expect(existsSync(root)).toBe(false);
  });

  it('fails on bad input, naming file and line, and writes nothing at all', async () => {
    const root = await tempContent();
    const dir = path.dirname(root);
    const bad = path.join(dir, 'bad.txt');
    await writeFile(bad, '某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 1 月 4 日\n\n- 不存在的标题\n\n别的标题\n\n正文。\n');
    const r = await runScript('import.ts', [seedFile, bad, '--content', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/bad\.txt:9: 正文中找不到目录第 1 条“不存在的标题”的标题（expected /);
    expect(r.stderr).toMatch(/未写入任何文件/);
    expect(existsSync(root)).toBe(false);
  });

  it('prints help and rejects unknown options', async () => {
    expect((await runScript('import.ts', ['--help'])).stdout).toMatch(/--dry-run/);
    expect((await runScript('import.ts', ['--bogus'])).code).toBe(1);
  });

  it('imports MDX-like text so the built page shows it literally', async () => {
    const root = await tempContent();
    expect((await runScript('import.ts', [variants, '--content', root])).code).toBe(0);
    // A classification mark makes the issue internal: only the intranet build shows it.
    const { outDir } = await buildSite(root, { BULLETIN_INCLUDE: 'internal', CHROMIUM_PATH: '/nonexistent/chromium' });
    const page = readPage(outDir, '/ceshi-xian-anquan-shengchan-gongzuo/2024/3/');
    expect(page.querySelectorAll('script')).toHaveLength(0);
    const titles = page.querySelectorAll('.issue-article .article-heading__title').map(textOf);
    expect(titles[2]).toBe('县应急管理局开展<script>演练</script>活动并发布{年度}计划');
    const paras = page.querySelectorAll('.issue-article .prose p').map((p) => p.textContent);
    expect(paras).toContain('# 这一行以井号开头，1. 这里有数字，* 星号 _下划线_ [方括号] `反引号` a|b ~~删~~ &amp; 都是正文。');
    expect(paras).toContain('1. 这是以数字开头的段落，不应成为列表。');
    expect(page.querySelectorAll('.prose ol, .prose ul, .prose h1, .prose code')).toHaveLength(0);
    expect(textOf(page.querySelector('.masthead__classification')!)).toBe('内部资料 注意保存');
  });
});
