/** checkContent with a cache of body checks: same problems, fewer parses, never trusting a bad file. */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hasCheckCache } from '../../../src/lib/content/check-cache.ts';
import { checkContent, type CheckResult } from '../../../src/lib/content/check.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';

const fixture = path.join(PROJECT_ROOT, 'tests/fixtures/archive');

const UNSAFE = '03-bu-an-quan.mdx';
const BROKEN = '04-jie-xi.mdx';
const RAW_HTML = '05-zhu-shi.md';

/** The fixture archive with bodies the checker refuses (several violations, a syntax error, .md HTML) and a punctuation warning. */
function tree(): { content: string; cacheFile: string; article: string } {
  const work = mkdtempSync(path.join(tmpdir(), 'jianbao-check-cache-'));
  const content = path.join(work, 'content');
  cpSync(fixture, content, { recursive: true });
  const issue = path.join(content, 'issues/alpha/2023/001');
  writeFileSync(path.join(issue, UNSAFE), "---\ntitle: 不安全\n---\n\n第一段,有半角逗号。\n\n<script>alert(1)</script>\n\n[点](javascript:alert(1))\n\n密钥 {process.env.SECRET}\n");
  writeFileSync(path.join(issue, BROKEN), '---\ntitle: 解析失败\n---\n\n第一段。\n\n正文里有 {未闭合 的花括号。\n');
  writeFileSync(path.join(issue, RAW_HTML), '---\ntitle: 注释\n---\n\n正文。<!-- 内部备注 -->\n\n<iframe src="https://x.example/"></iframe>\n');
  return { content, cacheFile: path.join(work, 'cache', 'check-cache.json'), article: path.join(issue, '01-zhi-shou.mdx') };
}

const check = (content: string, cacheFile?: string, rules = 'rules-1') => checkContent(content, cacheFile ? { cache: { file: cacheFile, rules } } : {});

/** What a check reports, without what the cache changes (how many bodies it parsed). */
const verdict = (r: CheckResult) => ({ problems: r.problems, files: r.files, errors: r.errors, warnings: r.warnings });

/** Bodies a cold check with a cache parses: each text once (several issues have the same 编者按, or none). */
const distinct = (r: CheckResult) => new Set([...r.bodies].map(([file, body]) => `${path.extname(file)}\0${body}`)).size;

describe('checkContent with a cache', () => {
  it('reports the same problems, lines and order as without one, cold and warm', async () => {
    const { content, cacheFile } = tree();
    const plain = await check(content);
    expect(plain.errors).toBeGreaterThanOrEqual(6);
    expect(plain.warnings).toBeGreaterThan(1);
    const cold = await check(content, cacheFile);
    const warm = await check(content, cacheFile);
    expect(warm.parsed).toBe(0);
    expect(verdict(cold)).toEqual(verdict(plain));
    expect(verdict(warm)).toEqual(verdict(plain));
  });

  it('keeps what an unsafe body contains, so it stays an error when nothing is parsed', async () => {
    const { content, cacheFile } = tree();
    await check(content, cacheFile);
    const warm = await check(content, cacheFile);
    expect(warm.parsed).toBe(0);
    const of = (name: string) => warm.problems.filter((p) => p.file.endsWith(name) && p.severity === 'error').map((p) => [p.line, p.message]);
    expect(of(UNSAFE)).toEqual([
      [7, expect.stringContaining('不允许使用 <script> 元素')],
      [9, expect.stringContaining('不允许的链接地址「javascript:alert(1)」')],
      [11, expect.stringContaining('不允许使用 {…} 表达式')],
    ]);
    expect(of(BROKEN)).toEqual([[7, expect.stringContaining('MDX 无法解析')]]);
    expect(of(RAW_HTML)).toEqual([
      [5, expect.stringContaining('HTML 注释')],
      [7, expect.stringContaining('<iframe> 元素')],
    ]);
  });

  it('parses again only the body that changed, and forgets the one it replaced', async () => {
    const { content, cacheFile, article } = tree();
    expect((await check(content, cacheFile)).parsed).toBe(distinct(await check(content)));
    const original = readFileSync(article, 'utf8');
    writeFileSync(article, `${original}\n新加的一段。\n`);
    const edited = await check(content, cacheFile);
    expect(edited.parsed).toBe(1);
    expect(verdict(edited)).toEqual(verdict(await check(content)));
    // The old text's result was dropped when the cache was written, so going back parses it again.
    writeFileSync(article, original);
    expect((await check(content, cacheFile)).parsed).toBe(1);
  });

  it('writes the file only when something changed, by renaming a finished file into place', async () => {
    const { content, cacheFile, article } = tree();
    await check(content, cacheFile);
    const first = statSync(cacheFile).ino;
    await check(content, cacheFile);
    expect(statSync(cacheFile).ino).toBe(first);
    writeFileSync(article, `${readFileSync(article, 'utf8')}\n又一段。\n`);
    await check(content, cacheFile);
    expect(statSync(cacheFile).ino).not.toBe(first);
    expect(readdirSync(path.dirname(cacheFile))).toEqual(['check-cache.json']);
  });

  it('tells the same text in .mdx and .md apart (they are parsed differently)', async () => {
    const { content, cacheFile } = tree();
    const issue = path.join(content, 'issues/beta/2024/001');
    writeFileSync(path.join(issue, '03-ru-he.mdx'), '---\ntitle: 同文\n---\n\n大括号 {x} 里。\n');
    writeFileSync(path.join(issue, '04-tong-wen.md'), '---\ntitle: 同文\n---\n\n大括号 {x} 里。\n');
    const plain = await check(content);
    await check(content, cacheFile);
    const warm = await check(content, cacheFile);
    expect(warm.parsed).toBe(0);
    expect(verdict(warm)).toEqual(verdict(plain));
    expect(warm.problems.filter((p) => p.file.includes('beta/2024/001/0') && p.severity === 'error').map((p) => path.basename(p.file))).toEqual(['03-ru-he.mdx']);
  });

  it('parses a frontmatter again only when its text changed, with the same problems at the same lines', async () => {
    const { content, cacheFile, article } = tree();
    // Problems found after the YAML parsed, whose lines come from the parse: a field the schema does
    // not know, an issue number the folder contradicts.
    const issue = path.join(content, 'issues/beta/2024/001/index.mdx');
    writeFileSync(issue, readFileSync(issue, 'utf8').replace(/^number: .*$/m, 'number: 7'));
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: /m, 'summery: 拼错的字段\ntitle: '));
    const plain = await check(content);
    expect(plain.problems.filter((p) => p.field === 'number' || /summery/.test(p.message)).length).toBe(2);
    const cold = await check(content, cacheFile);
    expect(cold.parsedYaml).toBe(cold.files);
    const warm = await check(content, cacheFile);
    expect(warm.parsedYaml).toBe(0);
    expect(verdict(warm)).toEqual(verdict(plain));
    const entries = (r: CheckResult) => [...r.input.series, ...r.input.issues, ...r.input.articles].map(({ file, data }) => ({ file, data }));
    expect(entries(warm)).toEqual(entries(plain));
    expect(warm.bodies).toEqual(plain.bodies);
    writeFileSync(article, readFileSync(article, 'utf8').replace('summery: 拼错的字段\n', '').replace(/^title: .*$/m, 'title: 改过的标题'));
    const edited = await check(content, cacheFile);
    expect(edited.parsedYaml).toBe(1);
    expect(edited.input.articles.find((a) => article.endsWith(a.file))?.data.title).toBe('改过的标题');
  });

  it('keeps no data JSON cannot hold (an alias that refers to itself), and reports it as without a cache', async () => {
    const { content, cacheFile, article } = tree();
    writeFileSync(article, readFileSync(article, 'utf8').replace(/^title: /m, 'extra: &x\n  self: *x\ntitle: '));
    const plain = await check(content);
    expect(plain.problems.some((p) => p.file.endsWith('01-zhi-shou.mdx') && /extra/.test(p.message))).toBe(true);
    expect(verdict(await check(content, cacheFile))).toEqual(verdict(plain));
    const warm = await check(content, cacheFile);
    expect(verdict(warm)).toEqual(verdict(plain));
    expect(warm.parsedYaml).toBe(1);
  });

  it('says from its first line whether a cache of these rules is there', async () => {
    const { content, cacheFile } = tree();
    expect(hasCheckCache({ file: cacheFile, rules: 'rules-1' })).toBe(false);
    await check(content, cacheFile, 'rules-1');
    expect(hasCheckCache({ file: cacheFile, rules: 'rules-1' })).toBe(true);
    expect(hasCheckCache({ file: cacheFile, rules: 'rules-2' })).toBe(false);
    writeFileSync(cacheFile, 'garbage');
    expect(hasCheckCache({ file: cacheFile, rules: 'rules-1' })).toBe(false);
  });

  it('parses everything again when the rules change', async () => {
    const { content, cacheFile } = tree();
    const cold = await check(content, cacheFile, 'rules-1');
    const changed = await check(content, cacheFile, 'rules-2');
    expect(changed.parsed).toBe(distinct(cold));
    expect(verdict(changed)).toEqual(verdict(cold));
    expect((await check(content, cacheFile, 'rules-2')).parsed).toBe(0);
  });

  const damage: [string, (file: string) => void][] = [
    ['not JSON', (f) => writeFileSync(f, 'garbage\u0000')],
    ['cut off half way (a write that never finished)', (f) => writeFileSync(f, readFileSync(f, 'utf8').slice(0, readFileSync(f, 'utf8').length >> 1))],
    ['empty', (f) => writeFileSync(f, '')],
    ['someone else’s JSON', (f) => writeFileSync(f, JSON.stringify({ entries: {}, version: 3 }))],
    [
      'an entry that is not a list of problems (written as this code writes a file)',
      (f) => {
        const [head, ...rest] = readFileSync(f, 'utf8').split('\n');
        const data = JSON.parse(rest.join('\n'));
        const [key] = Object.keys(data.entries);
        data.entries[key] = [{ line: 'x' }];
        const body = JSON.stringify(data);
        writeFileSync(f, `${JSON.stringify({ ...JSON.parse(head), sum: createHash('sha256').update(body).digest('base64url') })}\n${body}`);
      },
    ],
    [
      'still well-formed, with a title changed (a damaged byte, a hand edit)',
      (f) => writeFileSync(f, readFileSync(f, 'utf8').replace('元旦假期值守工作平稳有序', '元旦假期值守工作平稳有序！')),
    ],
  ];

  it.each(damage)('ignores a cache file that is %s, and writes a good one', async (_what, spoil) => {
    const { content, cacheFile } = tree();
    const cold = await check(content, cacheFile);
    spoil(cacheFile);
    const again = await check(content, cacheFile);
    expect(again.parsed).toBe(distinct(cold));
    expect(verdict(again)).toEqual(verdict(cold));
    expect((await check(content, cacheFile)).parsed).toBe(0);
  });

  it('checks as usual when the cache cannot be read or written', async () => {
    const { content, cacheFile } = tree();
    mkdirSync(cacheFile, { recursive: true });
    const plain = await check(content);
    const r = await check(content, cacheFile);
    expect(verdict(r)).toEqual(verdict(plain));
    expect(r.parsed).toBe(distinct(plain));
    expect(statSync(cacheFile).isDirectory()).toBe(true);
    expect(readdirSync(path.dirname(cacheFile))).toEqual(['check-cache.json']);
  });
});

describe('pictures named beside an article', () => {
  it('are errors when the file is not there — also when the body comes from the cache — and fine once it is', async () => {
    const { content, cacheFile } = tree();
    const issue = path.join(content, 'issues/alpha/2023/001');
    const PIC = '06-tu-pian.mdx';
    writeFileSync(path.join(issue, PIC), '---\ntitle: 配图\n---\n\n第一段。\n\n![现场](./xian-chang.png)\n\n![另一张][t]\n\n[t]: ./ling-yi.jpg\n\n![远程](https://example.gov.cn/a.png)\n');
    const missing = (r: CheckResult) => r.problems.filter((p) => p.file.endsWith(PIC)).map((p) => [p.line, p.message]);
    const want = [
      [7, expect.stringMatching(/^图片文件不存在：\.\/xian-chang\.png（应放在这篇文章所在的文件夹 issues\/alpha\/2023\/001\/ 里/)],
      [11, expect.stringMatching(/^图片文件不存在：\.\/ling-yi\.jpg/)],
    ];
    expect(missing(await check(content))).toEqual(want);
    expect(missing(await check(content, cacheFile))).toEqual(want);
    const warm = await check(content, cacheFile);
    expect(warm.parsed).toBe(0);
    expect(missing(warm)).toEqual(want);
    // The files arrive (as a copy from Word would bring them): the same cached bodies now pass.
    writeFileSync(path.join(issue, 'xian-chang.png'), Buffer.from('89504e470d0a1a0a', 'hex'));
    writeFileSync(path.join(issue, 'ling-yi.jpg'), Buffer.from('ffd8ffe0', 'hex'));
    const after = await check(content, cacheFile);
    expect(after.parsed).toBe(0);
    expect(missing(after)).toEqual([]);
  });

  it('are not also "missing" when the file is there but refused for its name', async () => {
    const { content } = tree();
    const issue = path.join(content, 'issues/alpha/2023/001');
    writeFileSync(path.join(issue, '07-da-xie.mdx'), '---\ntitle: 大写扩展名\n---\n\n![图](./Tu.PNG)\n');
    writeFileSync(path.join(issue, 'Tu.PNG'), Buffer.from('89504e470d0a1a0a', 'hex'));
    const r = await check(content);
    expect(r.problems.filter((p) => p.message.includes('图片文件不存在'))).toEqual([]);
    expect(r.problems.filter((p) => p.file.endsWith('Tu.PNG') && p.severity === 'error')).toHaveLength(1);
  });
});
