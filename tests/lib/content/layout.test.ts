import { describe, expect, it } from 'vitest';
import { classifyContentPath, issueDir, parseContentPath } from '../../../src/lib/content/layout.ts';
import { createUrls } from '../../../src/lib/site/urls.ts';

describe('parseContentPath', () => {
  it('reads series, issue and article paths', () => {
    expect(parseContentPath('series/lc.yaml')).toEqual({ kind: 'series', series: 'lc' });
    expect(parseContentPath('issues/lc/2021/028/index.mdx')).toEqual({ kind: 'issue', series: 'lc', year: 2021, number: 28 });
    expect(parseContentPath('issues/lc/2021/028/03-kai-fa-qu.mdx')).toEqual({
      kind: 'article', series: 'lc', year: 2021, number: 28, order: 3, slug: 'kai-fa-qu',
    });
  });

  it.each([
    'issues/lc/2021/28/index.mdx',
    'issues/lc/2021/028/kai-fa-qu.mdx',
    'issues/lc/2021/028/03-开发区.mdx',
    'issues/lc/2021/028/03-print.mdx',
    'issues/lc/2021/index.mdx',
    'issues/LC/2021/028/index.mdx',
    'series/archive.yaml',
  ])('says what was expected for %s', (p) => {
    const parsed = parseContentPath(p);
    expect(parsed.kind).toBe('unknown');
    expect(parsed.kind === 'unknown' && parsed.expected.length).toBeGreaterThan(10);
  });

  it('round-trips with issueDir', () => {
    expect(issueDir({ series: 'lc', year: 2021, number: 7 })).toBe('issues/lc/2021/007');
  });
});

describe('createUrls', () => {
  it('builds stable URLs under a base path', () => {
    const urls = createUrls('/bulletins');
    const a = { series: 'lc', year: 2021, number: 28, slug: 'san-ge-qianghua' };
    expect(urls.issue(a)).toBe('/bulletins/lc/2021/28/');
    expect(urls.article(a)).toBe('/bulletins/lc/2021/28/san-ge-qianghua/');
    expect(urls.print(a)).toBe('/bulletins/lc/2021/28/print/');
    expect(urls.search('三个 强化')).toBe('/bulletins/search/?q=%E4%B8%89%E4%B8%AA%20%E5%BC%BA%E5%8C%96');
    expect(createUrls().year(2021)).toBe('/archive/2021/');
  });
});

describe('classifyContentPath: documentation beside the content', () => {
  it('reads the editors’ guide and its screenshots at the top level as documentation, nothing deeper', () => {
    expect(classifyContentPath('编辑指南.md').kind).toBe('doc');
    expect(classifyContentPath('编辑指南-1-期刊页.png').kind).toBe('doc');
    expect(classifyContentPath('编辑指南/1.png').kind).toBe('unknown');
    expect(classifyContentPath('site.yaml').kind).toBe('site');
  });
});
