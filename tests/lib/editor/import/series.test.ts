import { describe, expect, it } from 'vitest';
import { chooseSeries } from '../../../../src/lib/editor/import/series.ts';
import { titleSlug } from '../../../../src/lib/content/slug.ts';

describe('chooseSeries', () => {
  const known = [{ id: 'lc', title: '聊城市创建全国文明城市工作简报' }];

  it('joins a series only when the masthead is exactly its title', () => {
    expect(chooseSeries('聊城市创建全国文明城市工作简报', known)).toEqual({ id: 'lc', created: false });
    expect(chooseSeries('聊城市创建全国文明城市工作简报（增刊）', known).created).toBe(true);
    expect(chooseSeries('聊城市创建全国文明城市督查专报', known).created).toBe(true);
  });

  it('follows --series whatever the masthead', () => {
    expect(chooseSeries('别的报头', known, 'lc')).toEqual({ id: 'lc', created: false });
  });

  it('never gives two mastheads the same id, even when the short pinyin id collides', () => {
    const a = '聊城市创建全国文明城市工作领导小组办公室工作简报';
    const b = '聊城市创建全国文明城市工作领导小组办公室工作简报（增刊）';
    expect(titleSlug(a, 40)).toBe(titleSlug(b, 40));
    const first = chooseSeries(a, known);
    const second = chooseSeries(b, [...known, { id: first.id, title: a }]);
    expect(second.created).toBe(true);
    expect(second.id).not.toBe(first.id);
    const third = chooseSeries(`${b}副本`, [...known, { id: first.id, title: a }, { id: second.id, title: b }]);
    expect(new Set([first.id, second.id, third.id]).size).toBe(3);
  });
});
