import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importBulletin } from '../../../../src/lib/editor/import/read.ts';
import { decodeText } from '../../../../src/lib/editor/import/txt.ts';
import { parseBulletin } from '../../../../src/lib/editor/importer.ts';
import { PROJECT_ROOT } from '../../../helpers/build.ts';

const fixture = (name: string) => readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/import', name));
const reference = () => parseBulletin(fixture('variants.txt').toString('utf8'));

describe('text files in the encodings and line endings they are saved with', () => {
  it.each([
    ['variants-gbk-crlf.txt', 'GB18030'],
    ['variants-bom-crlf.txt', 'UTF-8（带 BOM）'],
    ['variants.txt', 'UTF-8'],
  ])('%s reads as %s into the same issue as the UTF-8 original', async (name, encoding) => {
    const r = await importBulletin(fixture(name), name);
    expect(r.detail).toBe(`文本，${encoding} 编码`);
    expect(r.issue).toEqual(reference());
  });

  it('drops page numbers and form feeds left by PDF-to-text extraction', async () => {
    const text = fixture('variants.txt').toString('utf8').replace('# 这一行', '\f— 2 —\n\n# 这一行');
    expect((await importBulletin(Buffer.from(text), 'x.txt')).issue).toEqual(reference());
  });

  it('decodes UTF-16 with a BOM', () => {
    const text = '某市工作简报';
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(decodeText(bytes)).toEqual({ text, encoding: 'UTF-16' });
  });

  it('reads Word’s one-paragraph-per-line text (GB18030, CRLF, full-width indents) without joining paragraphs', async () => {
    const r = await importBulletin(fixture('word-saved-gbk.txt'), 'word-saved-gbk.txt');
    expect(r.detail).toBe('文本，GB18030 编码');
    expect(r.issue).toMatchObject({ series: '某市工作简报', number: 20, issuer: '某市人民政府办公室', date: '2023-06-01', reportTo: ['市委、市政府领导'], sendTo: ['各区人民政府'], copies: 30 });
    expect(r.issue.articles).toEqual([
      {
        unit: null,
        title: '东区推进燃气安全整治',
        paragraphs: ['东区组织力量开展燃气安全大排查，这一段在原文中以逗号结束，', '这是作者另起的一段，不应与上一段合并。', '图为东区工作人员检查燃气管道', '本次排查共覆盖全部社区。'],
      },
    ]);
  });
});
