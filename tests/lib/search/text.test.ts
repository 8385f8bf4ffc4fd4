import { describe, expect, it } from 'vitest';
import {
  BODY_AT,
  bodyExcerpt,
  bodyUnits,
  decodeFirstUnit,
  encodeUnit,
  GRAM,
  indexText,
  matchesHeading,
  phraseQuery,
  prefixWord,
  probeWords,
  queryTerms,
  searchUnits,
  writtenForms,
} from '../../../src/lib/search/text.ts';

const words = (text: string) => text.split(' ');

describe('searchUnits', () => {
  it('makes every Han character and every mark a unit, Latin words and numbers whole', () => {
    expect(searchUnits('市场，李长萍 2021年')).toEqual(['市', '场', '，', '李', '长', '萍', '2021', '年']);
    expect(searchUnits('ＣＯＶＩＤ-19疫情')).toEqual(['covid', '-', '19', '疫', '情']);
    expect(searchUnits('40 项')).toEqual(['40', '项']);
    expect(searchUnits('葛\u{E0100}洪')).toEqual(['葛', '洪']);
  });
  it('reads half-width marks as their full-width twins', () => {
    expect(searchUnits('力度,进一步;落实:好!(甲)?')).toEqual(searchUnits('力度，进一步；落实：好！（甲）？'));
    expect(searchUnits('、')).toEqual(['、']);
  });
});

describe('index words', () => {
  it('spells units in plain letters that decode back, whole units only', () => {
    for (const u of ['斗', '，', '2021', 'covid', '𠀀']) {
      expect(encodeUnit(u)).toMatch(/^[a-y]+z$/);
      expect(decodeFirstUnit(encodeUnit(u) + encodeUnit('甲'))).toBe(u);
    }
    expect(encodeUnit('400').startsWith(encodeUnit('40'))).toBe(false);
  });
  it('indexes, at every unit of each field, the next GRAM units: unit and title first, the body from BODY_AT', () => {
    const w = words(indexText({ body: '斗虎巷市场', heading: ['度假区', '推进'] }));
    expect(w).toHaveLength(BODY_AT + 5);
    expect(w[0]).toBe(['度', '假', '区'].map(encodeUnit).join(''));
    expect(w[3]).toBe(['推', '进'].map(encodeUnit).join(''));
    expect(w[BODY_AT]).toBe(['斗', '虎', '巷', '市'].map(encodeUnit).join(''));
    expect(w[BODY_AT + 4]).toBe(encodeUnit('场'));
    expect(matchesHeading([3, BODY_AT + 1])).toBe(true);
    expect(matchesHeading([BODY_AT, BODY_AT + 4])).toBe(false);
  });
  it('still starts the body after a heading longer than BODY_AT', () => {
    const long = '长'.repeat(BODY_AT + 3);
    const content = indexText({ body: '正文', heading: [long] });
    expect(bodyUnits(content)).toEqual(['正', '文']);
  });
  it('finds a term of up to GRAM units with one prefix word, and a longer one as a phrase', () => {
    const text = indexText({ body: '网格化管理机制', heading: [] });
    const prefix = prefixWord(searchUnits('格化管'));
    expect(words(text).filter((w) => w.startsWith(prefix))).toHaveLength(1);
    expect(words(text).some((w) => w.startsWith(prefixWord(searchUnits('格管'))))).toBe(false);
    const phrase = phraseQuery(searchUnits('网格化管理'));
    expect(phrase.slice(1, -1).split(' ')).toHaveLength(5 - GRAM + 1);
    expect(text).toContain(phrase.slice(1, -1));
    expect(text).not.toContain(phraseQuery(searchUnits('网格化管制')).slice(1, -1));
  });
});

describe('queryTerms', () => {
  it('splits at spaces, keeps a quoted stretch whole, and drops the quotes', () => {
    expect(queryTerms('斗虎巷').map((t) => t.label)).toEqual(['斗虎巷']);
    expect(queryTerms('"三个强化" 网格化管理').map((t) => t.label)).toEqual(['三个强化', '网格化管理']);
    expect(queryTerms('“三个 强化”').map((t) => t.label)).toEqual(['三个强化']);
    expect(queryTerms('“一竿子”插到底').map((t) => t.keys)).toEqual([searchUnits('一竿子”插到底')]);
    expect(queryTerms('度假区 度假区')).toHaveLength(1);
    expect(queryTerms('  ')).toEqual([]);
  });
});

describe('bodyExcerpt', () => {
  const body = '为巩固创城成果，度假区多措并举。在斗虎巷土杂市场，李长萍检查了消防通道，要求立即整改。同时举一反三，全面排查 Pagefind v1 的问题。';
  const content = indexText({ body, heading: ['度假区', '度假区推进创城'] });
  const units = bodyUnits(content, writtenForms(body));

  it('reads the body back as written, without the unit or title', () => {
    expect(units.join('')).toBe(body.replace(/\s+/g, ''));
  });
  it('marks the match, shows body text only and says “…” where it cuts', () => {
    const parts = bodyExcerpt(units, [searchUnits('消防通道')], 20);
    expect(parts.find((p) => p.mark)?.text).toBe('消防通道');
    expect(parts[0].text.startsWith('…')).toBe(true);
    expect(parts.at(-1)?.text.endsWith('…')).toBe(true);
    const text = parts.map((p) => p.text).join('').replace(/…/g, '');
    expect(body).toContain(text);
    expect(text).not.toContain('度假区推进创城');
  });
  it('keeps a space between Latin words only', () => {
    const text = bodyExcerpt(units, [searchUnits('pagefind')], 80).map((p) => p.text).join('');
    expect(text).toContain('排查Pagefind v1的问题');
  });
  it('shows the text as written where a half-width mark or capital was matched', () => {
    const written = '力度,进一步落实COVID防控';
    const u = bodyUnits(indexText({ body: written, heading: [] }), writtenForms(written));
    const parts = bodyExcerpt(u, [searchUnits('力度，进一步')]);
    expect(parts).toEqual([{ text: '力度,进一步', mark: true }, { text: '落实COVID防控', mark: false }]);
  });
  it('opens the body when only the heading matched', () => {
    const parts = bodyExcerpt(units, [searchUnits('推进创城')], 10);
    expect(parts).toEqual([{ text: `${body.slice(0, 10)}…`, mark: false }]);
  });
});

describe('probeWords', () => {
  const ranges: [string, string][] = [
    ['a', 'bjcgzbkyuzbpg'],
    ['bjcgzbkyuzbpn', 'bjcgzbkyuzch'],
    ['bjcgzbkyuzcj', 'bjcgzcb'],
    ['bjcgzch', 'bjctzcl'],
    ['bjctzcm', 'yyyy'],
  ];
  it('gives one word inside each further chunk that holds words with the prefix, and that is no word', () => {
    const probes = probeWords('bjcgz', ranges);
    expect(probes).toHaveLength(3);
    probes.forEach((p, i) => {
      const [from, to] = ranges[i + 1];
      expect(p >= from && p <= to).toBe(true);
      expect(p).not.toMatch(/^(?:[a-y]{4}z)*[a-y]{0,4}$/);
    });
  });
  it('needs none when the prefix lies in one chunk', () => {
    expect(probeWords('bjctzcn', ranges)).toEqual([]);
  });
});
