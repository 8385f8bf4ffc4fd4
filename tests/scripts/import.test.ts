import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { unescapeMdxText } from '../../src/lib/content/mdx-text.ts';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { readPage, textOf } from '../helpers/dist.ts';
import { runScript } from '../helpers/run.ts';
import seed from '../site/seed-expected.ts';
import { PLAIN_STYLE, printHtml } from '../lib/editor/import/make-pdf.ts';
import { masthead, PNG, title, unit, wordFile } from '../lib/editor/import/word.ts';

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
    expect(refused.stderr).toMatch(/已存在（应为：新的一期；要替换请加 --force）/);
    expect(readFileSync(index, 'utf8')).toContain('copies: 999');
    const forced = await runScript('import.ts', [seedFile, '--content', root, '--force']);
    expect(forced.code).toBe(0);
    expect(readFileSync(index, 'utf8')).toContain('copies: 260');
  });

  it('refuses while a series file has an error, instead of starting a second series of the same title', async () => {
    const root = await tempContent();
    await runScript('import.ts', [seedFile, '--content', root, '--series', 'lc']);
    const seriesFile = path.join(root, 'series/lc.yaml');
    await writeFile(seriesFile, `${readFileSync(seriesFile, 'utf8')}garbage: [\n`);
    const before = readdirSync(root, { recursive: true }).map(String).sort();
    const r = await runScript('import.ts', [variants, '--content', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/series\/lc\.yaml:\d+: /);
    expect(r.stderr).toMatch(/简报系列文件有错误.*未写入任何文件/s);
    expect(readdirSync(root, { recursive: true }).map(String).sort()).toEqual(before);
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
    expect(r.stderr).toMatch(/bad\.txt:9: 正文中找不到目录第 1 条“不存在的标题”的标题（应为：/);
    expect(r.stderr).toMatch(/未写入任何文件/);
    expect(existsSync(root)).toBe(false);
  });

  it('prints help and rejects unknown options', async () => {
    expect((await runScript('import.ts', ['--help'])).stdout).toMatch(/--dry-run/);
    const bogus = await runScript('import.ts', ['--bogus']);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toMatch(/^未知选项 --bogus（/);
    expect(bogus.stderr).not.toMatch(/Unknown option/);
  });

  it('imports .txt, .docx and .pdf in one run, each read by its content', async () => {
    const root = await tempContent();
    const dir = path.dirname(root);
    const docx = path.join(dir, 'word-saved-as.txt');
    await writeFile(docx, await wordFile([masthead('某市督查专报'), { text: '第1期', centre: true }, { text: '某市督查室\t\t2022年3月1日' }, title('东区推进燃气安全整治'), '正文。']));
    const pdf = path.join(dir, 'printed.pdf');
    await writeFile(pdf, await printHtml(`<html><head><meta charset="utf-8">${PLAIN_STYLE}</head><body><p class="c m">某市安全生产简报</p><p class="c">第 2 期</p><p class="n">某市应急管理局　　　　2022年3月2日</p><p class="c t">西区开展消防演练</p><p>西区组织消防演练。</p></body></html>`));
    const gbk = path.join(PROJECT_ROOT, 'tests/fixtures/import/variants-gbk-crlf.txt');
    const r = await runScript('import.ts', [docx, pdf, gbk, '--content', root]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/word-saved-as\.txt（Word 文档，5 段）: 某市督查专报 2022年第 1 期/);
    expect(r.stdout).toMatch(/printed\.pdf（PDF，1 页）: 某市安全生产简报 2022年第 2 期/);
    expect(r.stdout).toMatch(/variants-gbk-crlf\.txt（文本，GB18030 编码）: 测试县安全生产工作简报 2024年第 3 期/);
    expect(r.stdout).toMatch(/密级标注“内部资料 注意保存”：写为 status: internal/);
    expect(readdirSync(path.join(root, 'series')).length).toBe(3);
  });

  it('stops on a .doc with the conversion command, writing nothing', async () => {
    const root = await tempContent();
    const doc = path.join(path.dirname(root), 'old.doc');
    await writeFile(doc, Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
    const r = await runScript('import.ts', [seedFile, doc, '--content', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/old\.doc:1: 旧版 Word\/WPS 文件（\.doc\/\.wps）无法直接导入（应为：.*soffice --headless --convert-to docx/);
    expect(existsSync(root)).toBe(false);
  });

  it('--force is all-or-nothing: a failure midway restores every replaced issue', async () => {
    const root = await tempContent();
    await runScript('import.ts', [seedFile, '--content', root, '--series', 'lc']);
    const index = path.join(root, 'issues/lc/2021/028/index.mdx');
    await writeFile(index, readFileSync(index, 'utf8').replace('copies: 260', 'copies: 999'));
    // The second issue's year folder cannot be made: a file stands where it would go.
    await mkdir(path.join(root, 'issues/ceshi-xian-anquan-shengchan-gongzuo'), { recursive: true });
    await writeFile(path.join(root, 'issues/ceshi-xian-anquan-shengchan-gongzuo/2024'), 'in the way');
    const r = await runScript('import.ts', [seedFile, variants, '--content', root, '--force']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/导入失败：已恢复原样，未写入任何文件。/);
    expect(readFileSync(index, 'utf8')).toContain('copies: 999');
    expect(readdirSync(path.join(root, 'series'))).toEqual(['lc.yaml']);
    expect(readdirSync(root).filter((f) => f.startsWith('.staging'))).toEqual([]);
  });

  it('imports MDX-like text, and Word tables and pictures, so the built pages show them', async () => {
    const root = await tempContent();
    expect((await runScript('import.ts', [variants, '--content', root])).code).toBe(0);
    const docx = path.join(path.dirname(root), 'tu.docx');
    await writeFile(docx, await wordFile([masthead('某市督查专报'), { text: '第1期', centre: true }, { text: '某市督查室\t\t2022年3月1日' }, unit('东区'), title('推进燃气安全整治'), '正文。', { image: PNG, alt: '排查现场' }, { table: [['项目', '数量'], ['排查户数', '1200']] }]));
    const w = await runScript('import.ts', [docx, '--content', root, '--series', 'ducha']);
    expect(w.stderr).toBe('');
    expect(readFileSync(path.join(root, 'issues/ducha/2022/001/image-1.png'))).toEqual(PNG);
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
    const word = readPage(outDir, '/ducha/2022/1/');
    expect(word.querySelectorAll('.prose table td').map(textOf)).toEqual(['排查户数', '1200']);
    const img = word.querySelector('.prose img');
    expect(img?.getAttribute('alt')).toBe('排查现场');
    expect(existsSync(path.join(outDir, decodeURI(img!.getAttribute('src')!).replace(/^\//, '')))).toBe(true);
  });
});
