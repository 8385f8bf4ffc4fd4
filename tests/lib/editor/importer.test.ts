import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportError, looksLikeUnit, parseBulletin, rejoinParagraphs } from '../../../src/lib/editor/importer.ts';
import { escapeMdxText, unescapeMdxText } from '../../../src/lib/content/mdx-text.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';
import seed from '../../site/seed-expected.ts';

const fixture = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/import', name), 'utf8');
const seedText = () => {
  const shared = path.resolve(PROJECT_ROOT, '../shared/seeds/000_6afe2561fe3ced3e.txt');
  try {
    return readFileSync(shared, 'utf8');
  } catch {
    return readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/seed/000_6afe2561fe3ced3e.txt'), 'utf8');
  }
};

/** A minimal valid bulletin; tests vary one part at a time. */
const minimal = (parts: Partial<Record<'head' | 'contents' | 'body' | 'closing', string>> = {}) =>
  [
    parts.head ?? '某市 工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 1 月 4 日',
    parts.contents ?? '- 某区开展专项行动',
    parts.body ?? '某区开展专项行动\n\n某区开展专项行动。',
    parts.closing ?? '发：各区\n\n共印 10 份',
  ].join('\n\n');

function importError(text: string): ImportError {
  try {
    parseBulletin(text);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('parseBulletin on the real seed', () => {
  it('reproduces the expected structure exactly', () => {
    expect(parseBulletin(seedText())).toEqual(seed);
  });
});

describe('parseBulletin on crafted variants', () => {
  const issue = parseBulletin(fixture('variants.txt'));

  it('reads a classification line above a masthead split by spaces', () => {
    expect(issue.classification).toBe('内部资料 注意保存');
    expect(issue.series).toBe('测试县安全生产工作简报');
  });

  it('reads 总第 N 期 and an issuer and date on one line', () => {
    expect([issue.number, issue.total, issue.issuer, issue.date]).toEqual([3, 57, '测试县安全生产委员会办公室', '2024-03-08']);
  });

  it('keeps the editor’s note as the introduction', () => {
    expect(issue.intro).toBe('编者按：今年以来，各地各部门认真落实安全生产责任制。\n\n现将有关情况刊发，供参考。');
  });

  it('finds headings in every form the contents may take', () => {
    expect(issue.articles.map((a) => [a.unit, a.title])).toEqual([
      [null, '编者按之后的第一篇文章标题'],
      ['城关镇', '排查整治燃气安全隐患'],
      [null, '县应急管理局开展<script>演练</script>活动并发布{年度}计划'],
      ['县消防救援大队', '“119”宣传月活动走深走实'],
    ]);
  });

  it('rejoins a paragraph split mid-word and keeps Markdown-like text as written', () => {
    expect(issue.articles[0].paragraphs).toEqual([
      '第一段落在页底被截断了，这里接上。',
      '# 这一行以井号开头，1. 这里有数字，* 星号 _下划线_ [方括号] `反引号` a|b ~~删~~ &amp; 都是正文。',
    ]);
    expect(issue.articles[2].paragraphs).toEqual(['1. 这是以数字开头的段落，不应成为列表。', '- 这是以短横开头的段落，不应成为列表。']);
  });

  it('reads 报/送/发 lines that wrap, and 共印 N 份 on the 发 line', () => {
    expect(issue.reportTo).toEqual(['县委、县政府主要领导', '县委、县政府分管领导']);
    expect(issue.copyTo).toEqual(['县人大常委会办公室', '县政协办公室']);
    expect(issue.sendTo).toEqual(['各乡镇（街道）', '县安委会各成员单位']);
    expect(issue.copies).toBe(80);
  });

  it('finds a heading whose unit stands on its own line and whose title wraps onto two more', () => {
    const i = parseBulletin(minimal({
      contents: '- 市消防救援支队扎实开展夏季消防安全检查和火灾隐患集中整治行动',
      body: '市消防救援支队\n\n扎实开展夏季消防安全检查和火灾\n\n隐患集中整治行动\n\n正文。',
    }));
    expect(i.articles[0]).toEqual({ unit: '市消防救援支队', title: '扎实开展夏季消防安全检查和火灾隐患集中整治行动', paragraphs: ['正文。'] });
  });

  it('reads a masthead printed on two lines without taking its first line for a classification', () => {
    const i = parseBulletin(minimal({ head: '某市创建全国文明城市\n\n工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 1 月 4 日' }));
    expect(i.series).toBe('某市创建全国文明城市工作简报');
    expect(i.classification).toBeNull();
  });

  it('takes (总第 N 期) on a line of its own and a contents item wrapped without a marker', () => {
    const i = parseBulletin(minimal({
      head: '某市工作简报\n\n第 5 期\n（总第 99 期）\n\n某市办公室\n\n2022 年 1 月 4 日',
      contents: '- 某区开展专项行动并取得\n明显成效',
      body: '某区开展专项行动并取得明显成效\n\n正文。',
    }));
    expect(i.total).toBe(99);
    expect(i.articles[0].title).toBe('某区开展专项行动并取得明显成效');
  });
});

describe('parseBulletin rejects what it cannot read, saying where', () => {
  it.each([
    ['no issue number', minimal({ head: '某市工作简报\n\n某市办公室\n\n2022 年 1 月 4 日' }), /报头下方没有期号/],
    ['no date', minimal({ head: '某市工作简报\n\n第 5 期\n\n某市办公室\n\n一月' }), /没有印发日期/],
    ['an impossible date', minimal({ head: '某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 2 月 30 日' }), /不是真实的日期/],
    ['a heading missing from the text', minimal({ body: '别的标题\n\n正文。' }), /目录第 1 条“某区开展专项行动”/],
    ['stray text in the closing block', minimal({ closing: '发：各区\n\n共印 10 份\n\n附件：某某' }), /报尾中无法识别的文字“附件：某某”/],
    ['text before the first article that is not an editor’s note', minimal({ body: '多余的一段。\n\n某区开展专项行动\n\n正文。' }), /不是编者按/],
    ['an empty file', '', /没有文字/],
  ])('%s', (_, text, message) => {
    const e = importError(text);
    expect(e.message).toMatch(message);
    expect(e.line).toBeGreaterThanOrEqual(1);
  });
});

describe('helpers', () => {
  it('tells reporting units from the first half of a split title', () => {
    expect(['东昌府区', '开发区', '市市场监管综合执法支队', '县应急管理局', '团市委', '市妇联'].every(looksLikeUnit)).toBe(true);
    expect(['李长萍督导检查', '“三个强化”推进'].some(looksLikeUnit)).toBe(false);
  });

  it('rejoins only paragraphs that stop mid-sentence', () => {
    expect(rejoinParagraphs(['甲乙，', '丙丁。', '戊己。”', '庚'])).toEqual(['甲乙，丙丁。', '戊己。”', '庚']);
  });

  it('keeps numbered sub-headings and numbered paragraphs apart', () => {
    expect(rejoinParagraphs(['一、加强组织领导', '成立领导小组，', '明确分工。', '（二）强化督导检查', '1. 每周通报', '2. 每月排名'])).toEqual([
      '一、加强组织领导', '成立领导小组，明确分工。', '（二）强化督导检查', '1. 每周通报', '2. 每月排名',
    ]);
    const full = '共发放宣传资料1.5万份，其中发放到社区的资料共计约八千份，发放到企';
    expect(rejoinParagraphs([full, '业的资料两千份。'])).toEqual([`${full}业的资料两千份。`]);
  });

  it('keeps captions and other short lines as paragraphs of their own', () => {
    expect(rejoinParagraphs(['图为城关镇工作人员检查燃气管道', '城关镇组织力量逐户排查。', '附表', '正文。'])).toEqual([
      '图为城关镇工作人员检查燃气管道', '城关镇组织力量逐户排查。', '附表', '正文。',
    ]);
  });

  it('escapes MDX syntax reversibly', () => {
    for (const s of ['<script>alert(1)</script>', '{年度}', '1. 列表', '- 短横', '# 标题', 'a\\b', '&amp;', '`x` *y* _z_ [w](u) |t| ~~s~~ !']) {
      expect(unescapeMdxText(escapeMdxText(s))).toBe(s);
    }
  });
});
