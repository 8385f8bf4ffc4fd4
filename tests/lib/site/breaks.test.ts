import { describe, expect, it } from 'vitest';
import { wordBreaks } from '../../../src/lib/site/breaks.ts';

describe('wordBreaks', () => {
  it('keeps the text intact: the runs join back to the input', () => {
    for (const t of ['聊城市创建全国文明城市工作简报', '“三个强化”推进小广告专项整治', '2021年第 28 期', 'Jianbao 简报']) {
      expect(wordBreaks(t).join('')).toBe(t);
    }
  });

  it('never breaks the seed masthead inside a word (文明 stays whole; the review saw 全国文 / 明城市)', () => {
    const runs = wordBreaks('聊城市创建全国文明城市工作简报');
    expect(runs).toContain('文明');
    expect(runs[0]).toBe('聊城市');
    expect(runs.at(-1)).toBe('简报');
  });

  it('keeps the seed titles’ words whole where phones broke them (推 / 进, 全 / 国)', () => {
    const a = wordBreaks('“三个强化”推进小广告专项整治');
    expect(a).toContain('推进');
    expect(a[0]).toBe('“三个强化”');
    const b = wordBreaks('李长萍督导检查全国文明城市创建工作');
    expect(b).toContain('全国');
    expect(b[0].startsWith('李长萍')).toBe(true);
  });

  it('keeps lone characters with their word: suffixes backwards, others forwards', () => {
    expect(wordBreaks('测试市工作简报')).toEqual(['测试市', '工作', '简报']);
    expect(wordBreaks('安全生产大检查取得阶段性成效')).toContain('阶段性');
  });

  it('never starts a run with closing punctuation nor ends one with opening punctuation', () => {
    const runs = wordBreaks('多措并举，推进（试点）工作');
    for (const r of runs) {
      expect(r).not.toMatch(/^[，）”]/);
      expect(r).not.toMatch(/[（“]$/);
    }
    expect(runs).toContain('（试点）');
  });

  it('keeps a number with its measure word', () => {
    expect(wordBreaks('2021年第28期').some((r) => r.startsWith('2021年'))).toBe(true);
  });
});
