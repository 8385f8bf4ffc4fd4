import { describe, expect, it } from 'vitest';
import { excerptParts, indexText, marksIn, queryPhrases, searchUnits } from '../../../src/lib/search/text.ts';

describe('indexText', () => {
  it('makes every Han character and every mark a word, Latin words and numbers whole', () => {
    expect(indexText('市场，李长萍 2021年')).toBe('市 场 ， 李 长 萍 2021 年');
    expect(indexText('“三个强化”')).toBe('“ 三 个 强 化 ”');
    expect(indexText('ＣＯＶＩＤ-19疫情')).toBe('covid - 19 疫 情');
  });
  it('lists the marks the indexer must treat as word characters, never the phrase quote', () => {
    expect(marksIn(['市场，李长萍。“好”', 'a "b"'])).toBe('“”。，');
  });
});

describe('queryPhrases', () => {
  it('turns each term into an exact phrase of index units', () => {
    expect(queryPhrases('斗虎巷')).toEqual(['"斗 虎 巷"']);
    expect(queryPhrases('"三个强化" 网格化管理')).toEqual(['"三 个 强 化"', '"网 格 化 管 理"']);
    expect(queryPhrases('“三个 强化”')).toEqual(['"三 个 强 化"']);
    expect(queryPhrases('市场，李长萍')).toEqual(['"市 场 ， 李 长 萍"']);
    expect(queryPhrases('“一竿子”插到底')).toEqual(['"一 竿 子 ” 插 到 底"']);
    expect(queryPhrases('"三个 强化" 度假区')).toEqual(['"三 个 强 化"', '"度 假 区"']);
    expect(queryPhrases('  ')).toEqual([]);
  });
  it('keeps Latin words and numbers whole', () => {
    expect(searchUnits('40 项')).toEqual(['40', '项']);
  });
});

describe('excerptParts', () => {
  it('restores the text as written with the match marked', () => {
    const parts = excerptParts('在 <mark>斗 </mark><mark>虎 </mark><mark>巷 </mark>土 杂 市 场 ， 李 长 萍 Pagefind v1');
    expect(parts).toEqual([
      { text: '在', mark: false },
      { text: '斗虎巷', mark: true },
      { text: '土杂市场，李长萍Pagefind v1', mark: false },
    ]);
  });
  it('decodes entities into plain text, never markup', () => {
    expect(excerptParts('&lt;script&gt; 甲')).toEqual([{ text: '<script>甲', mark: false }]);
  });
});
