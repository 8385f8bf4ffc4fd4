import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { nextIssue } from '../../src/lib/editor/scaffold.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { runScript } from '../helpers/run.ts';

const copyOf = (dir: string) => {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-new-')), 'content');
  cpSync(dir, root, { recursive: true });
  return root;
};
const fm = (file: string) => matter(readFileSync(file, 'utf8')).data;
/** A content tree holding only the seed issue, whatever else editors have added to content/. */
const seedOnly = () => {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-new-')), 'content');
  cpSync(path.join(PROJECT_ROOT, 'content/series/liaocheng-wenming.yaml'), path.join(root, 'series/liaocheng-wenming.yaml'));
  cpSync(path.join(PROJECT_ROOT, 'content/issues/liaocheng-wenming/2021/028'), path.join(root, 'issues/liaocheng-wenming/2021/028'), { recursive: true });
  return root;
};

describe('nextIssue', () => {
  const existing = [
    { year: 2023, data: { number: 1, total: 41, date: '2023-01-09', status: 'published' as const, copies: 5 } },
    { year: 2023, data: { number: 2, total: 42, date: '2023-02-14', status: 'published' as const, copies: 80, sendTo: ['甲'] } },
  ];
  it('continues numbering in the same year and restarts in a new one, totals keep running', () => {
    expect(nextIssue(existing, '2023-03-01')).toMatchObject({ number: 3, total: 43, data: { copies: 80, sendTo: ['甲'], status: 'draft' } });
    expect(nextIssue(existing, '2024-01-02')).toMatchObject({ number: 1, total: 43 });
    expect(nextIssue([], '2024-01-02')).toMatchObject({ number: 1, total: undefined });
  });
});

describe('npm run new', () => {
  it('creates the next issue of the year with the previous distribution, as a draft the check accepts', async () => {
    const root = seedOnly();
    const r = await runScript('new.ts', ['--content', root, '--date', '2021-06-01', '--articles', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/issues\/liaocheng-wenming\/2021\/029\//);
    const dir = path.join(root, 'issues/liaocheng-wenming/2021/029');
    expect(readdirSync(dir).sort()).toEqual(['01-article-1.mdx', '02-article-2.mdx', 'index.mdx']);
    const data = fm(path.join(dir, 'index.mdx'));
    expect(data).toMatchObject({ number: 29, status: 'draft', copies: 260 });
    expect(data.sendTo).toHaveLength(3);
    const check = await runScript('check.ts', ['--content', root]);
    expect(check.code).toBe(0);
    expect(check.stderr).toMatch(/01-article-1\.mdx:2: 警告：title: 未完成：标题仍是占位文字/);

    writeFileSync(path.join(dir, 'index.mdx'), readFileSync(path.join(dir, 'index.mdx'), 'utf8').replace('status: draft', 'status: published'));
    const publish = await runScript('check.ts', ['--content', root]);
    expect(publish.code).toBe(1);
    expect(publish.stderr).toMatch(/02-article-2\.mdx:4: 未完成：正文仍是占位文字/);
    expect(publish.stderr).toMatch(/02-article-2\.mdx:1: 文件名仍是占位名“article-2”/);
  });

  it('with --articles 0 says how to add articles, not to rename files it did not make', async () => {
    const root = seedOnly();
    const r = await runScript('new.ts', ['--content', root, '--date', '2021-06-01', '--articles', '0']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(root, 'issues/liaocheng-wenming/2021/029'))).toEqual(['index.mdx']);
    expect(r.stdout).not.toMatch(/article-N/);
    expect(r.stdout).toMatch(/npm run new:article -- \S*content\/issues\/liaocheng-wenming\/2021\/029 --from/);
  });

  it('starts at 1 in a new year and keeps the running total', async () => {
    const root = copyOf(path.join(PROJECT_ROOT, 'tests/fixtures/archive'));
    const r = await runScript('new.ts', ['--content', root, '--series', 'alpha', '--date', '2025-01-06', '--articles', '1']);
    expect(r.code).toBe(0);
    expect(fm(path.join(root, 'issues/alpha/2025/001/index.mdx'))).toMatchObject({ number: 1, total: 43, status: 'draft' });
  });

  it('starts the first issue of a new series at 1', async () => {
    const root = copyOf(path.join(PROJECT_ROOT, 'tests/fixtures/archive'));
    mkdirSync(path.join(root, 'series'), { recursive: true });
    writeFileSync(path.join(root, 'series/gamma.yaml'), 'title: 新简报\nissuer: 新办公室\n');
    const r = await runScript('new.ts', ['--content', root, '--series', 'gamma', '--date', '2024-05-01']);
    expect(r.code).toBe(0);
    expect(readdirSync(path.join(root, 'issues/gamma/2024/001'))).toHaveLength(4);
  });

  it('refuses unclear or bad arguments', async () => {
    const root = copyOf(path.join(PROJECT_ROOT, 'tests/fixtures/archive'));
    expect((await runScript('new.ts', ['--content', root])).stderr).toMatch(/请用 --series 指定系列：本档案有 alpha（测试市工作简报）、beta/);
    expect((await runScript('new.ts', ['--content', root, '--series', 'alpha', '--date', '2024-02-30'])).stderr).toMatch(/不是有效日期/);
    expect((await runScript('new.ts', ['--content', root, '--series', 'nope'])).code).toBe(1);
  });

  it('never creates an issue that would stop the build: a date before the previous issue of the year is refused', async () => {
    const root = seedOnly();
    const r = await runScript('new.ts', ['--content', root, '--date', '2021-05-01']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2021\/029\/index\.mdx:\d+: date: 2021-05-01 早于第 28 期的日期 2021-05-12/);
    expect(r.stderr).toMatch(/没有新建/);
    expect(readdirSync(path.join(root, 'issues/liaocheng-wenming/2021'))).toEqual(['028']);
  });
});

describe('npm run new:article', () => {
  it('adds an article at the end of an issue, slug from the title', async () => {
    const root = seedOnly();
    const dir = path.join(root, 'issues/liaocheng-wenming/2021/028');
    const r = await runScript('new-article.ts', [dir, '城区开展夜市整治', '--unit', '东昌府区']);
    expect(r.code).toBe(0);
    const added = readdirSync(dir).filter((f) => f.startsWith('06-'));
    expect(added).toEqual(['06-chengqu-kaizhan-yeshi-zhengzhi.mdx']);
    expect(fm(path.join(dir, added[0]))).toEqual({ title: '城区开展夜市整治', unit: '东昌府区' });
    expect((await runScript('new-article.ts', [path.join(root, 'nope'), '标题'])).code).toBe(1);
  });
});
