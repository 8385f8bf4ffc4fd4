/** `new:article --from`: one unit's article from Word, text or PDF into the next slot of an issue. */
import { cpSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, it } from 'vitest';
import { addArticleFrom } from '../../../../src/lib/editor/import/article.ts';
import { PROJECT_ROOT } from '../../../helpers/build.ts';
import { runScript } from '../../../helpers/run.ts';
import { PNG, title, unit, wordFile } from './word.ts';

async function issueCopy(): Promise<string> {
  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'jianbao-article-')), '001');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive/issues/alpha/2023/001'), dir, { recursive: true });
  return dir;
}

describe('addArticleFrom', () => {
  it('reads title, unit, paragraphs and a picture from a Word file into the next article', async () => {
    const dir = await issueCopy();
    const src = path.join(path.dirname(dir), '东区信息.docx');
    await writeFile(src, await wordFile([unit('东区'), title('推进燃气安全整治'), '东区组织力量开展燃气安全大排查。', { image: PNG, alt: '现场' }, '一、加强组织领导']));
    const added = await addArticleFrom(dir, src);
    expect(path.basename(added.file)).toMatch(/^03-/);
    const { data, content } = matter(readFileSync(added.file, 'utf8'));
    expect(data).toEqual({ title: '推进燃气安全整治', unit: '东区' });
    expect(content.trim().split('\n\n')).toEqual(['东区组织力量开展燃气安全大排查。', `![现场](./${added.media[0]})`, '一、加强组织领导']);
    expect(readFileSync(path.join(dir, added.media[0]))).toEqual(PNG);
  });

  it('reads a text article with a 供稿 line below the title', async () => {
    const dir = await issueCopy();
    const src = path.join(path.dirname(dir), 'xinxi.txt');
    await writeFile(src, '西区网格化管理见成效\n\n（西区供稿）\n\n西区把斗虎巷片区划为八个网格。\n');
    const added = await addArticleFrom(dir, src);
    expect([added.title, added.unit, added.paragraphs]).toEqual(['西区网格化管理见成效', '西区', 1]);
  });

  it.each([
    ['a smaller unit line under the title', [title('东昌府区开展夜市整治'), unit('东昌府区')]],
    ['a bracketed unit line under the title', [title('东昌府区开展夜市整治'), title('（东昌府区）')]],
  ])('keeps %s out of the title (Word)', async (_, heading) => {
    const dir = await issueCopy();
    const src = path.join(path.dirname(dir), 'xia.docx');
    await writeFile(src, await wordFile([...heading, '夜市整治取得成效。']));
    const added = await addArticleFrom(dir, src);
    expect([added.title, added.unit]).toEqual(['东昌府区开展夜市整治', '东昌府区']);
  });

  it('keeps a wrapped title whole (Word): its second line is set in the title\'s size', async () => {
    const dir = await issueCopy();
    const src = path.join(path.dirname(dir), 'zhe.docx');
    await writeFile(src, await wordFile([title('关于进一步加强城区夜市管理工作的'), title('实施意见'), '正文。']));
    const added = await addArticleFrom(dir, src);
    expect([added.title, added.unit]).toEqual(['关于进一步加强城区夜市管理工作的实施意见', null]);
  });

  it('keeps a text title that wraps onto two lines whole, though its first line ends like a unit\'s name', async () => {
    // Plain text tells no sizes: only a blank line sets a unit line apart from the title.
    const dir = await issueCopy();
    const src = path.join(path.dirname(dir), 'a3.txt');
    await writeFile(src, '聊城市召开全市\n创城工作推进会\n\n会议强调要狠抓落实。\n');
    const added = await addArticleFrom(dir, src);
    expect([added.title, added.unit]).toEqual(['聊城市召开全市创城工作推进会', null]);
  });

  it('writes nothing and names the file and line when the file has no text', async () => {
    const dir = await issueCopy();
    const before = readdirSync(dir);
    const src = path.join(path.dirname(dir), 'empty.txt');
    await writeFile(src, '\n\n');
    await expect(addArticleFrom(dir, src)).rejects.toThrow(/empty\.txt:1: 文件中没有文字/);
    expect(readdirSync(dir)).toEqual(before);
  });
});

describe('npm run new:article -- --from', () => {
  it('adds the article and says what it read', async () => {
    const dir = await issueCopy();
    const src = path.join(path.dirname(dir), 'xinxi.txt');
    await writeFile(src, '东区\n\n推进燃气安全整治\n\n东区组织力量开展燃气安全大排查。\n');
    const r = await runScript('new-article.ts', [dir, '--from', src]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/→ .*03-.*\.mdx：“推进燃气安全整治”，单位 东区，1 段/);
  });
});
