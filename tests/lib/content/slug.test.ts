import { describe, expect, it } from 'vitest';
import { asciiSlug, unitSlugs } from '../../../src/lib/content/slug.ts';

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

describe('unitSlugs', () => {
  it('gives each unit a slug from its own name alone, so adding a unit never moves another', () => {
    const before = unitSlugs(['冬昌府区', '西区']).slugs;
    const after = unitSlugs(['冬昌府区', '东昌府区', '西区']);
    expect(after.slugs.get('冬昌府区')).toBe(before.get('冬昌府区'));
    expect(after.clashes).toEqual([{ slug: 'dongchangfuqu', names: ['东昌府区', '冬昌府区'] }]);
  });
  it('takes slugs set in units.yaml and reports the reserved one', () => {
    const r = unitSlugs(['冬昌府区', '东昌府区'], new Map([['东昌府区', 'dongchangfuqu-dong']]));
    expect(r.clashes).toEqual([]);
    expect(r.slugs.get('东昌府区')).toBe('dongchangfuqu-dong');
    expect(unitSlugs(['斯塔茨'], new Map([['斯塔茨', 'stats']])).clashes).toEqual([{ slug: 'stats', names: ['斯塔茨'] }]);
  });
});
