import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { argumentError } from '../../scripts/lib/cli.ts';

/** What node:util's parser throws for these arguments, in the editors' words. */
function said(args: string[]): string {
  try {
    parseArgs({ args, options: { articles: { type: 'string' }, 'dry-run': { type: 'boolean' } } });
  } catch (e) {
    return argumentError(e as Error & { code?: string });
  }
  throw new Error(`accepted: ${args.join(' ')}`);
}

describe('argument errors', () => {
  it('are in Chinese and name the option as typed', () => {
    expect(said(['--fxi'])).toBe('未知选项 --fxi（可用选项见下面的说明）');
    expect(said(['--articles', '-1'])).toBe('选项 --articles 的值不能以 - 开头（若确实如此，请写作 --articles=值）');
    expect(said(['--articles'])).toBe('选项 --articles 缺少值（写作 --articles 值）');
    expect(said(['--dry-run=1'])).toBe('选项 --dry-run 不带值（直接写 --dry-run）');
    expect(said(['多余'])).toBe('多余的参数“多余”（这个命令不接受它；用法见下面的说明）');
  });
});
