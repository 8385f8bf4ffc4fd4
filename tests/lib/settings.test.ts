/**
 * JIANBAO_SHARD, the one setting by which the build tells an Astro process
 * which pages are its own: what the orchestrator writes, a process reads back.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { shard, shardSpec } from '../../src/lib/settings.ts';

const saved = process.env.JIANBAO_SHARD;
afterEach(() => {
  if (saved === undefined) delete process.env.JIANBAO_SHARD;
  else process.env.JIANBAO_SHARD = saved;
});

const read = (v: string) => {
  process.env.JIANBAO_SHARD = v;
  const s = shard();
  return s && { index: s.index, years: [...s.years] };
};

describe('shard', () => {
  it('reads back the listing pages, the years, or both, as shardSpec writes them', () => {
    expect(read(shardSpec(true, []))).toEqual({ index: true, years: [] });
    expect(read(shardSpec(false, ['lc/2021', 'lc/2022']))).toEqual({ index: false, years: ['lc/2021', 'lc/2022'] });
    expect(read(shardSpec(true, ['lc/2026']))).toEqual({ index: true, years: ['lc/2026'] });
  });

  it('renders everything when unset', () => {
    delete process.env.JIANBAO_SHARD;
    expect(shard()).toBeUndefined();
  });

  it('refuses a value it does not know rather than render the wrong pages', () => {
    for (const v of ['years', 'index;index', 'years:a/1;years:b/2', 'all', 'index;']) expect(() => read(v), v).toThrow(/JIANBAO_SHARD/);
  });
});
