import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findHalfWidthPunctuation, fixHalfWidthPunctuation, fixPunctuationInTree, punctuationWarnings } from '../../../src/lib/content/punctuation.ts';

describe('findHalfWidthPunctuation', () => {
  it('finds each of ,;:?!() next to Chinese, with line and column', () => {
    const text = '---\ntitle: 标题\n---\n\n治理力度,进一步加快;确保:是否?好!\n市场(超市)\n';
    expect(findHalfWidthPunctuation(text)).toEqual([
      { line: 5, column: 5, found: ',', replacement: '，' },
      { line: 5, column: 11, found: ';', replacement: '；' },
      { line: 5, column: 14, found: ':', replacement: '：' },
      { line: 5, column: 17, found: '?', replacement: '？' },
      { line: 5, column: 19, found: '!', replacement: '！' },
      { line: 6, column: 3, found: '(', replacement: '（' },
      { line: 6, column: 6, found: ')', replacement: '）' },
    ]);
  });

  it('leaves frontmatter, Latin text, times, links, images, URLs and code alone', () => {
    const text = [
      '---',
      'title: 工作简报(一)',
      'tags: [值班, 节假日]',
      '---',
      'Hello, world (test): ok?',
      '会议于10:30开始',
      '见[附件](/a(1).pdf)和![图](/b.png)',
      '网址http://example.cn/a,b',
      '代码`a,b(中)`里',
      '```',
      '中,文',
      '```',
    ].join('\n');
    expect(findHalfWidthPunctuation(text)).toEqual([]);
  });

  it('converts both halves of a bracket pair when one touches Chinese', () => {
    expect(fixHalfWidthPunctuation('单位(2021)年')).toBe('单位（2021）年');
    expect(fixHalfWidthPunctuation('(一)加强领导')).toBe('（一）加强领导');
  });
});

describe('fixHalfWidthPunctuation', () => {
  it('rewrites what it finds, and nothing else', () => {
    const before = '治理力度,进一步加快推动线缆入地,确保 OK, fine.\n';
    const after = fixHalfWidthPunctuation(before);
    expect(after).toBe('治理力度，进一步加快推动线缆入地，确保 OK, fine.\n');
    expect(findHalfWidthPunctuation(after)).toEqual([]);
    expect(fixHalfWidthPunctuation(after)).toBe(after);
  });
});

describe('punctuationWarnings', () => {
  it('gives one Chinese warning per line, naming the marks and the fix', () => {
    const [w, ...rest] = punctuationWarnings('\n力度,进一步,加快:推动\n');
    expect(rest).toEqual([]);
    expect(w.line).toBe(2);
    expect(w.message).toMatch(/3 个半角标点 “,”“:”（应为全角 “，”“：”；npm run check -- --fix/);
  });
});

describe('fixPunctuationInTree', () => {
  it('rewrites only the .mdx files that need it', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'jianbao-punct-'));
    mkdirSync(path.join(root, 'issues/a/2024/001'), { recursive: true });
    const bad = path.join(root, 'issues/a/2024/001/01-x.mdx');
    const good = path.join(root, 'issues/a/2024/001/02-y.mdx');
    writeFileSync(bad, '---\ntitle: 甲\n---\n\n一,二\n');
    writeFileSync(good, '---\ntitle: 乙\n---\n\n一，二\n');
    const yaml = path.join(root, 'x.yaml');
    writeFileSync(yaml, 'a: 一,二\n');
    expect(await fixPunctuationInTree(root)).toEqual({ files: [bad], marks: 1 });
    expect(readFileSync(bad, 'utf8')).toBe('---\ntitle: 甲\n---\n\n一，二\n');
    expect(readFileSync(yaml, 'utf8')).toBe('a: 一,二\n');
  });
});
