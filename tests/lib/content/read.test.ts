/**
 * The one content reader: what real files and real editors bring (CRLF, BOM,
 * GBK, upper-case extensions, symlinks, stray files, duplicates, blanks) gets
 * the same verdict for every consumer.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatProblem } from '../../../src/lib/content/errors.ts';
import { errorsOf, readContent } from '../../../src/lib/content/read.ts';
import { bytesDigest } from '../../../src/lib/digest.ts';
import { buildArchive } from '../../../src/lib/site/archive.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

const fixture = path.join(PROJECT_ROOT, 'tests/fixtures/archive');

/** A copy of the fixture archive with files changed (string or bytes), or removed (null). */
function tree(changes: Record<string, string | Uint8Array | null> = {}): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-read-')), 'content');
  cpSync(fixture, root, { recursive: true });
  for (const [file, change] of Object.entries(changes)) {
    const target = path.join(root, file);
    if (change === null) {
      rmSync(target, { recursive: true, force: true });
      continue;
    }
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, change);
  }
  return root;
}

const display = (root: string) => (f: string) => path.relative(root, f);
async function problems(root: string): Promise<string[]> {
  return (await readContent(root, { display: display(root) })).problems.map(formatProblem);
}
const ARTICLE = 'issues/alpha/2023/001/01-zhi-shou.mdx';
const LF = '---\ntitle: 元旦假期值守工作平稳有序\nunit: 东区\n---\n\n第一段。\n\n第二段，有“引号”。\n';

describe('readContent', () => {
  it('reads the fixture archive with no errors', async () => {
    const t = await readContent(fixture);
    expect(errorsOf(t)).toEqual([]);
    expect(t.series.map((s) => s.file)).toEqual(['series/alpha.yaml', 'series/beta.yaml']);
    expect(t.issues).toHaveLength(6);
  });

  it('reads CRLF and a UTF-8 BOM exactly as the same text with LF', async () => {
    const crlf = `\uFEFF${LF.replace(/\n/g, '\r\n')}`;
    const a = await readContent(tree({ [ARTICLE]: LF }));
    const b = await readContent(tree({ [ARTICLE]: crlf }));
    expect(errorsOf(b)).toEqual([]);
    const pick = (t: typeof a) => t.articles.find((x) => x.file === ARTICLE)!;
    expect(pick(b).data).toEqual(pick(a).data);
    expect(pick(b).body).toBe(pick(a).body);
    expect(pick(b).bodyLine).toBe(pick(a).bodyLine);
  });

  it('refuses a GBK file, saying so and how to convert it, at the line of the first bad byte', async () => {
    // “元旦” in GBK: D4 AA B5 A9.
    const gbk = Uint8Array.from([...Buffer.from('---\ntitle: '), 0xd4, 0xaa, 0xb5, 0xa9, ...Buffer.from('\n---\n\n')]);
    const out = await problems(tree({ [ARTICLE]: gbk }));
    expect(out).toContainEqual(expect.stringMatching(new RegExp(`^${ARTICLE}:2: 文件不是 UTF-8 编码（看起来是 GBK/GB18030.*元旦.*iconv -f GB18030 -t UTF-8`)));
  });

  it('refuses UTF-16 (Notepad “Unicode”)', async () => {
    const out = await problems(tree({ [ARTICLE]: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LF, 'utf16le')]) }));
    expect(out[0]).toMatch(/UTF-16/);
  });

  it('refuses upper-case extensions, symlinks and stray files instead of skipping them', async () => {
    const root = tree({
      'issues/alpha/2023/001/03-da-xie.MDX': LF,
      'issues/alpha/2023/001/notes.txt': '备忘',
      'series/alpha.YML': 'title: x\nissuer: y\n',
      'notes/readme.md': '# 说明',
    });
    symlinkSync(path.join(root, ARTICLE), path.join(root, 'issues/alpha/2023/001/04-lian-jie.mdx'));
    const out = await problems(root);
    expect(out).toContainEqual(expect.stringMatching(/03-da-xie\.MDX: 扩展名应为小写/));
    expect(out).toContainEqual(expect.stringMatching(/notes\.txt: issues\/ 里只能放/));
    expect(out).toContainEqual(expect.stringMatching(/alpha\.YML: 扩展名应为小写/));
    expect(out).toContainEqual(expect.stringMatching(/^notes\/readme\.md: 内容文件夹里只能有/));
    expect(out).toContainEqual(expect.stringMatching(/04-lian-jie\.mdx: 内容中不能使用符号链接/));
  });

  it('accepts images beside articles and notes for editors, and ignores dot files', async () => {
    const out = await problems(tree({ 'issues/alpha/2023/001/tu-1.png': Uint8Array.from([0x89, 0x50]), '编辑指南.md': '# 编辑指南', 'issues/.DS_Store': 'x', '.git/x': 'y' }));
    expect(out.filter((l) => !l.includes('警告'))).toEqual([]);
  });

  it('gives the digest of every text file it read, of its bytes as on disk, and none of pictures', async () => {
    const crlf = `\uFEFF${LF.replace(/\n/g, '\r\n')}`;
    const root = tree({ [ARTICLE]: crlf, 'issues/alpha/2023/001/tu-1.png': Uint8Array.from([0x89, 0x50]) });
    const t = await readContent(root);
    expect(t.digests.get(ARTICLE)).toBe(bytesDigest(readFileSync(path.join(root, ARTICLE))));
    expect(t.digests.get(ARTICLE)).not.toBe(bytesDigest(Buffer.from(LF)));
    expect(t.digests.has('issues/alpha/2023/001/tu-1.png')).toBe(false);
    expect(t.digests.size).toBe(t.files);
  });

  it('calls an empty or missing content folder an error', async () => {
    const empty = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-empty-')), 'content');
    mkdirSync(empty);
    expect(await problems(empty)).toEqual([expect.stringMatching(/内容里没有任何简报系列/)]);
    expect((await problems(path.join(empty, 'nope')))[0]).toMatch(/找不到内容文件夹/);
  });

  it('finds two articles with one slug anywhere in an issue, not only neighbours', async () => {
    const out = await problems(tree({ 'issues/alpha/2023/001/05-zhi-shou.mdx': LF }));
    expect(out).toContainEqual(expect.stringMatching(/05-zhi-shou\.mdx:1: 网址名“zhi-shou”已被 .*01-zhi-shou\.mdx 使用/));
  });

  it('refuses a second index file in an issue folder', async () => {
    const out = await problems(tree({ 'issues/alpha/2023/001/index.md': '---\nnumber: 1\ndate: 2023-01-09\n---\n' }));
    expect(out).toContainEqual(expect.stringMatching(/001\/index\.mdx?:1: 这一期已有 issues\/alpha\/2023\/001\/index\.mdx?/));
  });

  it('finds a repeated 总第 number in a series', async () => {
    const out = await problems(
      tree({
        'issues/alpha/2023/003/index.mdx': '---\nnumber: 3\ntotal: 41\ndate: 2023-03-01\n---\n',
        'issues/alpha/2023/003/01-san.mdx': LF,
      }),
    );
    expect(out).toContainEqual(expect.stringMatching(/2023\/003\/index\.mdx:3: total: 总第 41 期已被 .*2023\/001\/index\.mdx 使用/));
  });

  it('finds titles and units that are blank once spaces and zero-width characters go, and bodies that are only comments', async () => {
    const out = await problems(
      tree({
        [ARTICLE]: '---\ntitle: "\u200B\u3000 "\nunit: "\u200D"\n---\n\n<!-- 待补 -->\n',
      }),
    );
    expect(out).toContainEqual(expect.stringMatching(/01-zhi-shou\.mdx:2: title: 不能为空/));
    expect(out).toContainEqual(expect.stringMatching(/01-zhi-shou\.mdx:3: unit: 不能为空/));
  });

  it('calls an article with only a comment empty', async () => {
    const out = await problems(tree({ [ARTICLE]: '---\ntitle: 标题\n---\n\n<!-- 待补 -->\n\n{/* 也是注释 */}\n' }));
    expect(out).toContainEqual(expect.stringMatching(/01-zhi-shou\.mdx:4: 文章正文为空/));
  });

  it('refuses control characters in a title (Word’s manual line break), which would break the feeds', async () => {
    const out = await problems(tree({ [ARTICLE]: '---\ntitle: "第一行\\v第二行"\n---\n\n正文。\n' }));
    expect(out).toContainEqual(expect.stringMatching(/01-zhi-shou\.mdx:2: title: 含有看不见的控制字符/));
  });

  it('says when a field is written with a full-width colon', async () => {
    const out = await problems(tree({ [ARTICLE]: '---\ntitle: 标题\nunit：东区\n---\n\n正文。\n' }));
    expect(out).toContainEqual(expect.stringMatching(/01-zhi-shou\.mdx:3: 字段名后的冒号应为半角“:”/));
  });

  it('points a misspelt field at its own line and suggests the right one', async () => {
    const out = await problems(tree({ [ARTICLE]: '---\ntitle: 标题\nunti: 东区\n---\n\n正文。\n' }));
    expect(out).toContainEqual(expect.stringMatching(/01-zhi-shou\.mdx:3: 未知字段 unti，是不是 unit？/));
  });

  it('refuses a published issue marked 秘密/机密/绝密 and warns for a published 内部资料 one', async () => {
    const secret = await problems(tree({ 'issues/alpha/2023/001/index.mdx': '---\nnumber: 1\ntotal: 41\ndate: 2023-01-09\nclassification: 秘密★1年\n---\n' }));
    expect(secret).toContainEqual(expect.stringMatching(/001\/index\.mdx:5: classification: 标有“秘密★1年”的涉密简报不能公开发布/));
    const internal = await readContent(tree({ 'issues/alpha/2023/001/index.mdx': '---\nnumber: 1\ntotal: 41\ndate: 2023-01-09\nclassification: 秘密★1年\nstatus: internal\n---\n' }));
    expect(errorsOf(internal)).toEqual([]);
    expect((await problems(fixture)).join('\n')).toMatch(/2023\/002\/index\.mdx:5: 警告：classification: 标有“内部资料 注意保存”却是公开发布/);
  });

  it('refuses placeholder file names in an issue to be published, suggesting a slug from the title', async () => {
    const out = await problems(tree({ 'issues/alpha/2023/001/03-article-3.mdx': '---\ntitle: 城区开展夜市整治\n---\n\n正文。\n' }));
    expect(out).toContainEqual(expect.stringMatching(/03-article-3\.mdx:1: 文件名仍是占位名“article-3”.*03-chengqu-kaizhan-yeshi-zhengzhi\.mdx/));
  });

  it('reports units whose URLs would clash instead of renaming one', async () => {
    const root = tree({
      'issues/alpha/2024/001/02-dong.mdx': '---\ntitle: 东边的文章\nunit: 东昌府区\n---\n\n正文。\n',
      'issues/alpha/2024/001/03-dong2.mdx': '---\ntitle: 冬边的文章\nunit: 冬昌府区\n---\n\n正文。\n',
    });
    expect((await problems(root)).join('\n')).toMatch(/报送单位 “东昌府区”和“冬昌府区” 的网址都会是 \/units\/dongchangfuqu\/.*units\.yaml/);
    writeFileSync(path.join(root, 'units.yaml'), '东昌府区: dongchangfuqu-dong\n');
    const t = await readContent(root);
    expect(errorsOf(t)).toEqual([]);
    const units = buildArchive({ ...t }).units.map((u) => [u.name, u.slug]);
    expect(units).toContainEqual(['东昌府区', 'dongchangfuqu-dong']);
    expect(units).toContainEqual(['冬昌府区', 'dongchangfuqu']);
  });

  it('keeps a unit’s slug when an issue of another status is published', async () => {
    const t = await readContent(fixture);
    const pub = buildArchive(t, { audience: 'public' }).units.map((u) => `${u.name}=${u.slug}`);
    const internal = buildArchive(t, { audience: 'internal' }).units.map((u) => `${u.name}=${u.slug}`);
    for (const u of pub) expect(internal).toContain(u);
  });

  it('reads overlay files as if they were on disk', async () => {
    const t = await readContent(fixture, {
      overlay: new Map([['issues/alpha/2023/003/index.mdx', '---\nnumber: 3\ndate: 2023-01-01\n---\n']]),
      display: display(fixture),
    });
    expect(t.problems.map(formatProblem)).toContainEqual(expect.stringMatching(/2023\/003\/index\.mdx:3: date: 2023-01-01 早于第 2 期的日期/));
  });
});

describe('a field with the wrong kind of value', () => {
  const INDEX = 'issues/alpha/2023/001/index.mdx';
  it('is reported as what it should be, at its line — not as missing', async () => {
    const root = tree({
      [INDEX]: '---\nnumber: "1"\ntotal: 41\ndate: 2023-01-09\nreportTo: 市委常委，市人大\ncopies: 260份\n---\n',
      [ARTICLE]: '---\ntitle: 2021\nunit: 东区\n---\n\n正文。\n',
      'site.yaml': 'name: 测试市简报档案\ncontact: 06352111111\n',
    });
    const found = await problems(root);
    const about = (file: string, field: string) => found.filter((p) => p.includes(file) && p.includes(`${field}:`));
    expect(about(INDEX, 'number')).toEqual([expect.stringMatching(/index\.mdx:2\b.*number: 应为整数/)]);
    expect(about(INDEX, 'reportTo')).toEqual([expect.stringMatching(/index\.mdx:5\b.*reportTo: 应为收文单位列表/)]);
    expect(about(INDEX, 'copies')).toEqual([expect.stringMatching(/index\.mdx:6\b.*copies: 应为整数/)]);
    expect(about(ARTICLE, 'title')).toEqual([expect.stringMatching(/01-zhi-shou\.mdx:2\b.*title: 应为文字/)]);
    expect(about('site.yaml', 'contact')).toEqual([expect.stringMatching(/site\.yaml:2\b.*contact: 应为文字/)]);
    expect(found.filter((p) => p.includes('缺少此字段'))).toEqual([]);
  });

  it('while a field that is not there is reported as missing', async () => {
    const root = tree({ [INDEX]: '---\ntotal: 41\ndate: 2023-01-09\n---\n' });
    expect((await problems(root)).filter((p) => p.includes(INDEX))).toEqual([expect.stringMatching(/number: 缺少此字段（必填）/)]);
  });
});

describe('site.yaml against the series', () => {
  it('reports a defaultSeries that names no series, at its line, before any build', async () => {
    const root = tree({ 'site.yaml': 'name: 测试市简报档案\n\ndefaultSeries: nope\n' });
    expect((await problems(root)).filter((p) => p.includes('defaultSeries'))).toEqual([expect.stringMatching(/site\.yaml:3\b.*defaultSeries: 没有编号为“nope”的简报系列.*alpha、beta/)]);
    // The series file is there with an error of its own: that error, and no second one about it here.
    const broken = tree({ 'site.yaml': 'name: 测试市简报档案\ndefaultSeries: alpha\n', 'series/alpha.yaml': 'title: 测试市工作简报\nisuer: 测试市人民政府办公室\n' });
    const said = await problems(broken);
    expect(said.filter((p) => p.includes('series/alpha.yaml')).length).toBeGreaterThan(0);
    expect(said.filter((p) => p.includes('defaultSeries'))).toEqual([]);
    const fine = tree({ 'site.yaml': 'name: 测试市简报档案\ndefaultSeries: beta\n' });
    expect((await problems(fine)).filter((p) => p.includes('defaultSeries'))).toEqual([]);
  });
});

describe('an unknown field', () => {
  it('points to where README lists the fields of its file', async () => {
    const root = tree({ 'site.yaml': 'name: 测试市简报档案\nnmae: 错字\n', [ARTICLE]: '---\ntitle: 标题\nunti: 东区\n---\n\n正文。\n' });
    const found = await problems(root);
    expect(found.filter((p) => p.includes('nmae'))).toEqual([expect.stringMatching(/site\.yaml:2: 未知字段 nmae，是不是 name？.*见 README 的 Site settings 一节/)]);
    expect(found.filter((p) => p.includes('unti'))).toEqual([expect.stringMatching(/未知字段 unti，是不是 unit？.*见 README 的 frontmatter 表/)]);
  });
});

describe('one mistake, one report', () => {
  it('an issue whose YAML does not read: a Chinese reason, and its articles are not said to be in no issue', async () => {
    const root = tree({ 'issues/alpha/2023/001/index.mdx': '---\nnumber: 1\n\tdate: 2023-01-09\n---\n' });
    const found = (await problems(root)).filter((p) => p.includes('alpha/2023/001/'));
    expect(found).toEqual([expect.stringMatching(/index\.mdx:3: YAML 写法有误：用了 Tab 缩进（只能用空格缩进）/)]);
  });

  it('a series file refused for its name: the issues under it are not said to have no series file', async () => {
    const root = tree({ 'series/archive.yaml': 'title: 档案\nissuer: 某办公室\n', 'issues/archive/2023/001/index.mdx': '---\nnumber: 1\ndate: 2023-01-09\n---\n' });
    const found = await problems(root);
    expect(found.filter((p) => p.includes('series/archive.yaml'))).toHaveLength(1);
    expect(found.filter((p) => p.includes('未知的简报系列'))).toEqual([]);
  });
});
