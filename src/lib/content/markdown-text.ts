/**
 * The plain text of an article body as readers see it: paragraphs, list
 * items, table cells and headings, one per line, Markdown and escapes
 * resolved. Lets the search index be built from the content files while
 * Astro is still rendering pages.
 */
import type { Nodes } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toString } from 'mdast-util-to-string';
import { gfm } from 'micromark-extension-gfm';

const BLOCKS = new Set(['paragraph', 'heading', 'tableCell', 'code', 'html']);

export function markdownText(body: string): string {
  const tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const lines: string[] = [];
  const walk = (node: Nodes) => {
    if (BLOCKS.has(node.type)) {
      const text = toString(node).trim();
      if (text) lines.push(text);
      return;
    }
    if ('children' in node) for (const child of node.children) walk(child as Nodes);
  };
  walk(tree);
  return lines.join('\n');
}
