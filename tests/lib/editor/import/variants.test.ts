/**
 * The forms real bulletins take, one at a time, through the shared parser
 * (here fed as plain text; the Word and PDF tests feed the same parser).
 */
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../../../src/lib/editor/import/parse.ts';
import { textLines } from '../../../../src/lib/editor/import/txt.ts';
import { ImportError, type ImportResult } from '../../../../src/lib/editor/import/model.ts';

const parse = (text: string): ImportResult => parseDocument({ format: 'txt', detail: '', lines: textLines(text), media: [], warnings: [] });
function failure(text: string): ImportError {
  try {
    parse(text);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

const HEAD = '某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 1 月 4 日';
const bulletin = (p: Partial<Record<'head' | 'contents' | 'body' | 'closing', string>> = {}) =>
  [p.head ?? HEAD, p.contents ?? '- 某区开展专项行动', p.body ?? '某区开展专项行动\n\n某区开展专项行动。', p.closing ?? '发：各区\n\n共印 10 份'].filter(Boolean).join('\n\n');

describe('期号', () => {
  it.each([
    ['第5期', 5, null],
    ['第 5 期', 5, null],
    ['（第5期）', 5, null],
    ['2022年第5期', 5, null],
    ['第五期', 5, null],
    ['第十二期', 12, null],
    ['第二十三期', 23, null],
    ['第5期（总第312期）', 5, 312],
    ['第 5 期 总第 312 期', 5, 312],
    ['第5期\n（总第312期）', 5, 312],
  ])('%s', (line, number, total) => {
    const { issue, edition } = parse(bulletin({ head: `某市工作简报\n\n${line}\n\n某市办公室\n\n2022 年 1 月 4 日` }));
    expect([issue.number, issue.total, edition, issue.series]).toEqual([number, total, null, '某市工作简报']);
  });

  it.each([
    ['增刊第1期', '增刊', 1],
    ['增刊\n第 2 期', '增刊', 2],
    ['第3期（特刊）', '特刊', 3],
    ['（专刊）\n第1期', '专刊', 1],
  ])('%s is its own series, never merged into the main one', (line, edition, number) => {
    const r = parse(bulletin({ head: `某市工作简报\n\n${line}\n\n某市办公室\n\n2022 年 1 月 4 日` }));
    expect([r.edition, r.issue.number, r.issue.series]).toEqual([edition, number, `某市工作简报（${edition}）`]);
  });

  it('reads an edition named in the masthead itself', () => {
    const r = parse(bulletin({ head: '某市工作简报（增刊）\n\n第 1 期\n\n某市办公室\n\n2022 年 1 月 4 日' }));
    expect([r.edition, r.issue.series]).toEqual(['增刊', '某市工作简报（增刊）']);
  });

  it('points at the line where the 期号 was expected, not at line 1', () => {
    const e = failure(bulletin({ head: '内部资料\n\n某市工作简报\n\n某市办公室\n\n2022 年 1 月 4 日' }));
    expect(e.line).toBe(5);
    expect(e.message).toMatch(/报头下方没有期号（应为：/);
  });
});

describe('dates and issuers', () => {
  it.each([
    ['2021年5月12日', '2021-05-12'],
    ['2021年05月12日', '2021-05-12'],
    ['2021.5.12', '2021-05-12'],
    ['2021-05-12', '2021-05-12'],
    ['二〇二一年五月十二日', '2021-05-12'],
    ['二0二一年五月十二日', '2021-05-12'],
    ['二〇二一年十二月三十一日', '2021-12-31'],
  ])('%s', (written, iso) => {
    expect(parse(bulletin({ head: `某市工作简报\n\n第 5 期\n\n某市办公室    ${written}` })).issue.date).toBe(iso);
    expect(parse(bulletin({ head: `某市工作简报\n\n第 5 期\n\n某市办公室\n${written}` })).issue.date).toBe(iso);
  });

  it.each(['编', '编印', '主办'])('an issuer line ending in %s names the office', (suffix) => {
    expect(parse(bulletin({ head: `某市工作简报\n\n第 5 期\n\n某市人民政府办公室${suffix}          2022年1月4日` })).issue.issuer).toBe('某市人民政府办公室');
  });

  it('does not take the 签发人 line for the issuer, and says it was not imported', () => {
    const r = parse(bulletin({ head: '某市工作简报\n\n第 5 期\n\n某市办公室编          签发人：张三\n\n2022年1月4日' }));
    expect(r.issue.issuer).toBe('某市办公室');
    expect(r.warnings).toEqual([{ line: 5, message: expect.stringMatching(/签发人：张三.*未导入/) }]);
  });

  it('reads 期号, issuer and date on one line', () => {
    const r = parse(bulletin({ head: '某市工作简报\n\n某市办公室编        第 5 期        2022年1月4日' }));
    expect([r.issue.number, r.issue.issuer, r.issue.date]).toEqual([5, '某市办公室', '2022-01-04']);
  });

  it('reads a date followed by 印发 in the head', () => {
    expect(parse(bulletin({ head: '某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022年1月4日印发' })).issue.date).toBe('2022-01-04');
  });

  it('takes issuer and date from the 印发 line at the foot when the head has neither', () => {
    const { issue, warnings } = parse(bulletin({ head: '某市工作简报\n\n第 5 期', closing: '发：各区\n\n某市办公室          2022年1月4日印发' }));
    expect([issue.issuer, issue.date, issue.sendTo, warnings]).toEqual(['某市办公室', '2022-01-04', ['各区'], []]);
  });

  it('rejects a date that does not exist, at its line', () => {
    const e = failure(bulletin({ head: '某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 2 月 30 日' }));
    expect([e.line, e.message]).toEqual([7, expect.stringMatching(/不是真实的日期/)]);
  });
});

describe('classification marks', () => {
  it('takes the copy number (编号) off the mark’s line and says so', () => {
    const r = parse(bulletin({ head: `秘密★1年          No.000123\n\n某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 1 月 4 日` }));
    expect([r.issue.classification, r.issue.series]).toEqual(['秘密★1年', '某市工作简报']);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/份号“No\.000123”未导入/)]);
  });

  it.each(['内部资料', '秘密', '机密★1年', '绝密★长期', '内部资料 注意保存', '内部资料，注意保存', '内部参阅'])('%s above the masthead', (mark) => {
    const { issue } = parse(bulletin({ head: `${mark}\n\n某市工作简报\n\n第 5 期\n\n某市办公室\n\n2022 年 1 月 4 日` }));
    expect([issue.classification, issue.series]).toEqual([mark, '某市工作简报']);
  });
});

describe('contents', () => {
  const body = '某区开展专项行动\n\n正文一。\n\n某县召开工作会议\n\n正文二。';
  it.each([
    ['- 某区开展专项行动\n- 某县召开工作会议'],
    ['目录\n- 某区开展专项行动\n- 某县召开工作会议'],
    ['本期要目\n◆某区开展专项行动\n◆某县召开工作会议'],
    ['★ 某区开展专项行动\n★ 某县召开工作会议'],
    ['1. 某区开展专项行动\n2. 某县召开工作会议'],
    ['目  录\n\n某区开展专项行动\n\n某县召开工作会议'],
    ['本期要目\n某区开展专项行动\n某县召开工作会议'],
    ['目录\n某区开展专项行动……………1\n某县召开工作会议……………2'],
  ])('%s', (contents) => {
    const { issue } = parse(bulletin({ contents, body }));
    expect(issue.articles.map((a) => [a.title, a.paragraphs])).toEqual([['某区开展专项行动', ['正文一。']], ['某县召开工作会议', ['正文二。']]]);
  });

  it('reads a single-article issue with no contents, its heading from the body', () => {
    const { issue } = parse(bulletin({ contents: '', body: '东区\n\n开展燃气安全大排查\n\n东区组织力量开展排查。\n\n一、加强领导\n\n成立专班。' }));
    expect(issue.articles).toEqual([{ unit: '东区', title: '开展燃气安全大排查', paragraphs: ['东区组织力量开展排查。', '一、加强领导', '成立专班。'] }]);
  });
});

describe('body', () => {
  it.each(['编者按：现将有关情况刊发。', '【编者按】现将有关情况刊发。', '按语：现将有关情况刊发。'])('keeps %s as the introduction', (intro) => {
    expect(parse(bulletin({ body: `${intro}\n\n某区开展专项行动\n\n正文。` })).issue.intro).toBe(intro);
  });

  it('keeps numbered sub-headings and captions as paragraphs of their own', () => {
    const body = '某区开展专项行动\n\n一、加强组织领导\n\n（一）成立专班\n\n1.每周调度\n\n图为专项行动现场\n\n某区组织力量开展专项行动，排查各类隐患一百二十处，已全部整改到位。';
    expect(parse(bulletin({ body })).issue.articles[0].paragraphs).toEqual([
      '一、加强组织领导', '（一）成立专班', '1.每周调度', '图为专项行动现场', '某区组织力量开展专项行动，排查各类隐患一百二十处，已全部整改到位。',
    ]);
  });
});

describe('closing block', () => {
  it.each([
    ['报：市委\n送：市人大\n发：各区\n共印 10 份', { reportTo: ['市委'], copyTo: ['市人大'], sendTo: ['各区'], copies: 10 }],
    ['发：各区              （共印10份）', { reportTo: [], copyTo: [], sendTo: ['各区'], copies: 10 }],
    ['共印 10 份\n报：市委，\n市政府', { reportTo: ['市委', '市政府'], copyTo: [], sendTo: [], copies: 10 }],
    ['抄送：市人大，市政协\n（共印10份）', { reportTo: [], copyTo: ['市人大', '市政协'], sendTo: [], copies: 10 }],
    ['主送：市委\n本期增发：各街道', { reportTo: [], copyTo: ['市委'], sendTo: ['各街道'], copies: null }],
    ['某市办公室          2022年1月4日印发\n发：各区', { reportTo: [], copyTo: [], sendTo: ['各区'], copies: null }],
  ])('%s', (closing, want) => {
    const { issue } = parse(bulletin({ closing }));
    expect({ reportTo: issue.reportTo, copyTo: issue.copyTo, sendTo: issue.sendTo, copies: issue.copies }).toEqual(want);
  });

  it('warns when a label other than 报/送/发 is stored under one of them', () => {
    expect(parse(bulletin({ closing: '抄送：市人大' })).warnings.map((w) => w.message)).toEqual([expect.stringMatching(/“抄送”按“送”导入/)]);
  });

  it('reports 责任编辑 and 联系电话 lines as warnings instead of dropping them silently', () => {
    const r = parse(bulletin({ closing: '责任编辑：李四    联系电话：1234567\n\n发：各区\n\n共印 10 份' }));
    expect([r.issue.sendTo, r.issue.articles[0].paragraphs]).toEqual([['各区'], ['某区开展专项行动。']]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/责任编辑：李四.*未导入/)]);
  });

  it('warns when the 印发 line disagrees with the head', () => {
    expect(parse(bulletin({ closing: '某市办公室    2022年1月5日印发' })).warnings.map((w) => w.message)).toEqual([expect.stringMatching(/2022-01-05.*2022-01-04/)]);
  });

  it('stops at text it cannot place, naming the line', () => {
    const e = failure(bulletin({ closing: '发：各区\n\n共印 10 份\n\n以上材料仅供参考' }));
    expect(e.message).toMatch(/报尾中无法识别的文字“以上材料仅供参考”（应为：/);
    expect(e.line).toBe(19);
  });
});
