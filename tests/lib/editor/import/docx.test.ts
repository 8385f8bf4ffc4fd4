/** Real Word files, written with the docx package, imported through mammoth and the shared parser. */
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../../src/lib/editor/import/model.ts';
import { importBulletin, sniffFormat } from '../../../../src/lib/editor/import/read.ts';
import { masthead, PNG, title, unit, wordFile, type WordBlock } from './word.ts';

const head: WordBlock[] = [masthead('某市督查专报'), { text: '第十二期', centre: true }, { text: '某市人民政府督查室编印\t\t\t二〇二一年五月十二日' }];
const closing: WordBlock[] = [{ text: '报：市委、市政府领导' }, { text: '发：各区人民政府' }, { text: '（共印30份）', right: true }];

async function failure(bytes: Uint8Array): Promise<ImportError> {
  try {
    await importBulletin(bytes);
  } catch (e) {
    if (e instanceof ImportError) return e;
    throw e;
  }
  throw new Error('expected an ImportError');
}

describe('a bulletin typed in Word', async () => {
  const r = await importBulletin(
    await wordFile([
      { text: '秘密★1年', bold: true },
      ...head,
      { text: '本期要目', centre: true, bold: true },
      '◆ 东区推进燃气安全整治',
      '◆ 西区网格化管理见成效',
      title('东区推进燃气安全整治'),
      '东区组织力量开展燃气安全大排查，这一段在 Word 中以逗号结束，',
      { pageBreak: true },
      '分页之后的这一段是作者另起的一段。',
      { image: PNG, alt: '排查现场' },
      { text: '图为东区工作人员检查燃气管道', centre: true },
      { table: [['项目', '数量'], ['排查户数', '1200'], ['整改隐患', '36|处']] },
      { text: '本次排查共覆盖全部社区。', footnote: '数据截至5月10日。' },
      unit('西区'),
      title('网格化管理见成效'),
      '西区把斗虎巷片区划为八个网格。',
      ...closing,
    ]),
  );

  it('reads the head: mark, masthead, Chinese-numeral 期号 and date, issuer without 编印', () => {
    expect(r.format).toBe('docx');
    expect(r.issue).toMatchObject({ classification: '秘密★1年', series: '某市督查专报', number: 12, date: '2021-05-12', issuer: '某市人民政府督查室' });
  });

  it('finds the centred titles and the unit line', () => {
    expect(r.issue.articles.map((a) => [a.unit, a.title])).toEqual([[null, '东区推进燃气安全整治'], ['西区', '网格化管理见成效']]);
  });

  it('keeps paragraphs as typed: no join across a page break, the caption apart', () => {
    expect(r.issue.articles[0].paragraphs.slice(0, 2)).toEqual(['东区组织力量开展燃气安全大排查，这一段在 Word 中以逗号结束，', '分页之后的这一段是作者另起的一段。']);
    expect(r.issue.articles[0].paragraphs[3]).toBe('图为东区工作人员检查燃气管道');
  });

  it('saves the image and references it from the article', () => {
    expect(r.media).toEqual([{ name: 'image-1.png', data: new Uint8Array(PNG) }]);
    expect(r.issue.articles[0].paragraphs[2]).toBe('![排查现场](./image-1.png)');
  });

  it('turns the table into a GFM table, escaping a pipe in a cell', () => {
    expect(r.issue.articles[0].paragraphs[4]).toBe('| 项目 | 数量 |\n| --- | --- |\n| 排查户数 | 1200 |\n| 整改隐患 | 36\\|处 |');
    expect(r.issue.articles[0].markdown).toEqual([2, 4]);
  });

  it('keeps the footnote as text after its paragraph', () => {
    expect(r.issue.articles[0].paragraphs.slice(5)).toEqual(['本次排查共覆盖全部社区。[1]', '[1] 数据截至5月10日。']);
  });

  it('reads the closing block with a bracketed print count', () => {
    expect([r.issue.reportTo, r.issue.sendTo, r.issue.copies]).toEqual([['市委、市政府领导'], ['各区人民政府'], 30]);
  });
});

describe('Word variants', () => {
  it('finds articles by their centred titles when there are no contents', async () => {
    const r = await importBulletin(await wordFile([...head, unit('东区'), title('推进燃气安全整治'), '正文一。', title('网格化管理见成效'), '正文二。', ...closing]));
    expect(r.issue.articles).toEqual([
      { unit: '东区', title: '推进燃气安全整治', paragraphs: ['正文一。'] },
      { unit: null, title: '网格化管理见成效', paragraphs: ['正文二。'] },
    ]);
  });

  it('reads a masthead typed on two lines of one paragraph, and a 增刊 as its own series', async () => {
    const r = await importBulletin(await wordFile([{ lines: ['某市创建全国文明城市', '工作简报'], centre: true }, { text: '增刊第1期', centre: true }, { text: '某市文明办    2021.5.12' }, title('某区开展专项行动'), '正文。']));
    expect([r.issue.series, r.edition, r.issue.number, r.issue.date]).toEqual(['某市创建全国文明城市工作简报（增刊）', '增刊', 1, '2021-05-12']);
  });

  it('stops at a missing 期号 naming the paragraph where it was expected', async () => {
    const e = await failure(await wordFile([masthead('某市督查专报'), { text: '某市人民政府督查室编印\t\t2021年5月12日' }, title('标题'), '正文。']));
    expect([e.line, e.message]).toEqual([2, expect.stringMatching(/报头下方没有期号/)]);
  });
});

describe('Word templates', () => {
  it('reads issuer and date laid out in a one-row table, 报/送/发 in a one-column table, a typed rule and a staff line', async () => {
    const r = await importBulletin(
      await wordFile([
        masthead('某市工作简报'),
        { text: '第 5 期', centre: true },
        { table: [['某市人民政府办公室编', '2021年5月12日']] },
        { text: '━━━━━━━━━━━━━━━━━━━━', centre: true },
        title('东区推进燃气安全整治'),
        '正文。',
        { text: '━━━━━━━━━━━━━━━━━━━━' },
        { table: [['报：市委、市政府领导'], ['发：各区人民政府，', '']] },
        { table: [['市直各部门']] },
        { text: '责任编辑：李四　　联系电话：1234567' },
        { text: '（共印30份）', right: true },
      ]),
    );
    expect(r.issue).toMatchObject({ series: '某市工作简报', number: 5, issuer: '某市人民政府办公室', date: '2021-05-12', reportTo: ['市委、市政府领导'], sendTo: ['各区人民政府', '市直各部门'], copies: 30 });
    expect(r.issue.articles).toEqual([{ unit: null, title: '东区推进燃气安全整治', paragraphs: ['正文。'] }]);
    expect(r.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/责任编辑：李四.*未导入/)]);
  });

  it('reads a masthead typed in a text box', async () => {
    const r = await importBulletin(await wordFile([{ textbox: ['某市工作简报'] }, { text: '第5期', centre: true }, { text: '某市办公室  2021年5月12日' }, title('东区推进燃气安全整治'), '正文。']));
    expect([r.issue.series, r.issue.number, r.issue.articles[0].title]).toEqual(['某市工作简报', 5, '东区推进燃气安全整治']);
  });

  it('takes bold left-aligned lines for titles when nothing is centred and there are no contents', async () => {
    const r = await importBulletin(await wordFile([{ text: '某市工作简报', bold: true, size: 72 }, { text: '第5期' }, { text: '某市办公室  2021年5月12日' }, { text: '东区推进燃气安全整治', bold: true }, '正文一。', { text: '一、加强领导', bold: true }, '正文二。', { text: '西区网格化管理见成效', bold: true }, '正文三。']));
    expect(r.issue.articles.map((a) => [a.title, a.paragraphs])).toEqual([['东区推进燃气安全整治', ['正文一。', '一、加强领导', '正文二。']], ['西区网格化管理见成效', ['正文三。']]]);
  });
});

describe('formats are told by content', () => {
  it('reads a Word file whatever its name says', async () => {
    expect(sniffFormat(await wordFile([masthead('某市督查专报')]), 'saved-as.txt')).toBe('docx');
  });

  it.each([
    ['.doc/.wps', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0])],
    ['.rtf', Buffer.from('{\\rtf1\\ansi 某市}')],
  ])('%s stops with the conversion command', (_, bytes) => {
    expect(() => sniffFormat(bytes, 'old.doc')).toThrow(/soffice --headless --convert-to docx "old\.doc"/);
  });
});

describe('a unit line under a title', () => {
  it('is the article\'s unit in a whole bulletin too, and every character is still accounted for', async () => {
    const bytes = await wordFile([
      masthead('某市督查专报'), { text: '第1期', centre: true }, { text: '某市督查室\t\t2022年3月1日' },
      title('东昌府区开展夜市整治'), unit('东昌府区城市管理局'), '夜市整治取得成效。',
      title('西区推进燃气安全整治'), title('（西区）'), '西区组织排查。',
    ]);
    const r = await importBulletin(bytes, 'xia.docx');
    expect(r.issue.articles.map((a) => [a.unit, a.title, a.paragraphs])).toEqual([
      ['东昌府区城市管理局', '东昌府区开展夜市整治', ['夜市整治取得成效。']],
      ['西区', '西区推进燃气安全整治', ['西区组织排查。']],
    ]);
  });
});
