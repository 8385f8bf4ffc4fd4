import type { Root } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { visit } from 'unist-util-visit';
import { describe, expect, it } from 'vitest';
import { rebaseSitePaths } from '../../../src/lib/content/markdown-guard.ts';

const urls = (md: string, base: string) => {
  const tree = fromMarkdown(md) as Root;
  rebaseSitePaths(tree, base);
  const out: string[] = [];
  visit(tree, (n) => void ((n.type === 'link' || n.type === 'image' || n.type === 'definition') && out.push(n.url)));
  return out;
};

const BODY = '[往期](/archive/) ![图](/tu.png) [引][r] [外](https://example.gov.cn/) [别站](//evil.example/x) [旁](./x/) [锚](#a)\n\n[r]: /units/\n';

describe('site paths in a body', () => {
  it('go under the base path, whatever way it is written', () => {
    const want = ['/jb/archive/', '/jb/tu.png', 'https://example.gov.cn/', '//evil.example/x', './x/', '#a', '/jb/units/'];
    expect(urls(BODY, '/jb/')).toEqual(want);
    expect(urls(BODY, 'jb')).toEqual(want);
    expect(urls(BODY, '/jb')).toEqual(want);
  });

  it('are left alone when already written under the base', () => {
    expect(urls('[往期](/jb/archive/) [别处](/jbx/)', '/jb/')).toEqual(['/jb/archive/', '/jb/jbx/']);
  });

  it('stay as written at the root of a host', () => {
    expect(urls(BODY, '/')).toEqual(['/archive/', '/tu.png', 'https://example.gov.cn/', '//evil.example/x', './x/', '#a', '/units/']);
  });
});
