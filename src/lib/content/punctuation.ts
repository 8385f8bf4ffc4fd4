/**
 * Half-width punctuation inside Chinese text (`力度,进一步`): it breaks the
 * print grid (a half-width mark is half a cell) and reads wrong. `npm run
 * check` warns about it; `npm run check -- --fix` rewrites it to full width.
 */
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from '../atomic-file.ts';
import path from 'node:path';
import { readContent } from './read.ts';

const FULL: Record<string, string> = { ',': '，', ';': '；', ':': '：', '?': '？', '!': '！', '(': '（', ')': '）' };
const HALF_WIDTH = new RegExp(`[${Object.keys(FULL).map((c) => `\\${c}`).join('')}]`, 'g');
/** Han characters and full-width CJK punctuation. */
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff01-\uff5e\u201c\u201d\u2018\u2019\u2014\u2026]/;

export interface PunctuationHit {
  /** 1-based line and column in the text. */
  line: number;
  column: number;
  found: string;
  replacement: string;
}

/** Offsets in one line that are code (inline `code`) and must stay as written. */
function codeSpans(line: string): [number, number][] {
  const spans: [number, number][] = [];
  for (const m of line.matchAll(/`+[^`]*`+/g)) spans.push([m.index, m.index + m[0].length]);
  return spans;
}

/** Offsets of half-width marks next to Chinese text in one line (a bracket pair converts together). */
function lineHits(line: string): number[] {
  const code = codeSpans(line);
  const inCode = (i: number) => code.some(([a, b]) => i >= a && i < b);
  const flagged = new Set<number>();
  const pairs = new Map<number, number>();
  const open: number[] = [];
  // Only the half-width marks are looked at: a character-by-character walk over every line was a
  // sixth of checking 6,000 articles.
  for (const m of line.matchAll(HALF_WIDTH)) {
    const i = m.index;
    const c = m[0];
    if (inCode(i)) continue;
    if (c === '(') open.push(i);
    if (c === ')' && open.length) {
      const o = open.pop()!;
      pairs.set(o, i).set(i, o);
    }
    if (c === '!' && line[i + 1] === '[') continue; // a Markdown image
    if (c === '(' && line[i - 1] === ']') continue; // a Markdown link target
    if (c === ':' && line[i + 1] === '/' && line[i + 2] === '/') continue; // a URL scheme
    if (CJK.test(line[i - 1] ?? '') || CJK.test(line[i + 1] ?? '')) flagged.add(i);
  }
  for (const i of [...flagged]) {
    const other = pairs.get(i);
    if (other === undefined) continue;
    // A link target's brackets stay; otherwise convert both halves of a pair.
    if (line[Math.min(i, other) - 1] === ']') flagged.delete(i);
    else flagged.add(other);
  }
  return [...flagged].sort((a, b) => a - b);
}

/**
 * Lines of an MDX/Markdown file's body, outside the frontmatter (YAML syntax:
 * `[值班, 节假日]` is a list) and fenced code blocks, with their 0-based numbers.
 */
function proseLines(text: string): { index: number; line: string }[] {
  const out: { index: number; line: string }[] = [];
  const lines = text.split('\n');
  let start = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) start = end + 1;
  }
  let fence = false;
  lines.forEach((line, index) => {
    if (index < start) return;
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    else if (!fence) out.push({ index, line });
  });
  return out;
}

/** Every half-width `,;:?!()` next to a Chinese character, with where it is and what it should be. */
export function findHalfWidthPunctuation(text: string): PunctuationHit[] {
  return proseLines(text).flatMap(({ index, line }) =>
    lineHits(line).map((i) => ({ line: index + 1, column: i + 1, found: line[i], replacement: FULL[line[i]] })),
  );
}

/** The text with every mark findHalfWidthPunctuation reports made full width. */
export function fixHalfWidthPunctuation(text: string): string {
  const lines = text.split('\n');
  for (const { index, line } of proseLines(text)) {
    const hits = new Set(lineHits(line));
    if (hits.size) lines[index] = [...line].map((c, i) => (hits.has(i) ? FULL[c] : c)).join('');
  }
  return lines.join('\n');
}

/** One warning message per line with problems, in Chinese: which marks, and what they should be. */
export function punctuationWarnings(text: string): { line: number; message: string }[] {
  const byLine = new Map<number, PunctuationHit[]>();
  for (const h of findHalfWidthPunctuation(text)) byLine.set(h.line, [...(byLine.get(h.line) ?? []), h]);
  return [...byLine].map(([line, hits]) => {
    const found = [...new Set(hits.map((h) => h.found))];
    return {
      line,
      message: `汉字旁有 ${hits.length} 个半角标点 ${found.map((c) => `“${c}”`).join('')}（应为全角 ${found.map((c) => `“${FULL[c]}”`).join('')}；npm run check -- --fix 可自动改正）`,
    };
  });
}

/**
 * Rewrites the bodies of every issue and article file the content reader
 * accepts (never a file it could not decode), keeping each file's bytes
 * otherwise as they were (BOM, line endings, frontmatter); returns the files
 * changed and the marks fixed.
 */
export async function fixPunctuationInTree(root: string): Promise<{ files: string[]; marks: number }> {
  const files: string[] = [];
  let marks = 0;
  const tree = await readContent(root);
  for (const entry of [...tree.issues, ...tree.articles]) {
    const file = path.join(root, entry.file);
    const raw = await readFile(file, 'utf8');
    // Only the body is prose to fix; the frontmatter above it is kept byte for byte.
    const lines = raw.split('\n');
    const head = lines.slice(0, entry.bodyLine - 1).join('\n');
    const body = lines.slice(entry.bodyLine - 1).join('\n');
    const hits = findHalfWidthPunctuation(body).length;
    if (!hits) continue;
    // An interrupted fix never leaves half a file.
    await writeFileAtomic(file, `${head}\n${fixHalfWidthPunctuation(body)}`);
    files.push(file);
    marks += hits;
  }
  return { files, marks };
}
