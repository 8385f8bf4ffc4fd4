import { describe, expect, it } from 'vitest';
import { asciiSlug, uniqueSlugs } from '../../../src/lib/site/slug.ts';

describe('asciiSlug', () => {
  it('spells Chinese names in toneless pinyin', () => {
    expect(asciiSlug('东昌府区')).toBe('dongchangfuqu');
    expect(asciiSlug('市市场监管综合执法支队')).toBe('shishichangjianguanzonghezhifazhidui');
  });
  it('keeps Latin letters and digits and never returns an empty slug', () => {
    expect(asciiSlug('A区 第2分局')).toMatch(/^[a-z0-9-]+$/);
    expect(asciiSlug('（）')).toBe('x');
  });
});

describe('uniqueSlugs', () => {
  it('gives distinct, order-independent slugs to names that spell alike', () => {
    const a = uniqueSlugs(['市局', '世局', '东区']);
    const b = uniqueSlugs(['东区', '世局', '市局']);
    expect(a).toEqual(b);
    expect(new Set(a.values()).size).toBe(3);
  });
});
