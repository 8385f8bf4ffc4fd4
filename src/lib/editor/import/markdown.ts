/** Markdown that readers produce for structures plain paragraphs cannot hold. */
import { escapeMdxText } from '../../content/mdx-text.ts';

/** A GFM table from rows of cell text (the first row is the header); cells are escaped to show literally. */
export function gfmTable(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const fmt = (r: string[]) => `| ${Array.from({ length: width }, (_, n) => escapeMdxText(r[n] ?? '').replace(/^-/, '\\-') || ' ').join(' | ')} |`;
  return [fmt(rows[0]), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(fmt)].join('\n');
}
