/** Reads pages of a built site the way a reader would reach them: by URL. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { distPath } from '../../src/lib/site/dist.ts';

export function hasPage(dist: string, urlPath: string): boolean {
  return existsSync(distPath(dist, urlPath));
}

export function readPage(dist: string, urlPath: string): HTMLElement {
  return parse(readFileSync(distPath(dist, urlPath), 'utf8'));
}

/** Visible text with whitespace collapsed, for "does the reader see X" checks. */
export function textOf(el: HTMLElement): string {
  return el.textContent.replace(/\s+/g, ' ').trim();
}

/** Every file below dir, relative to it. */
export function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

/**
 * An article's body text as the built page shows it: paragraphs, list items and table
 * cells, in order. The search tests take their expectations from this, independently
 * of how the indexer reads the content files.
 */
export function articleBodyText(html: string): string {
  // Parse only the <article> element: the rest of the page is chrome.
  const start = html.indexOf('<article');
  const end = html.lastIndexOf('</article>');
  const prose = parse(start >= 0 && end > start ? html.slice(start, end + 10) : html).querySelector('.prose');
  if (!prose) return '';
  return prose
    .querySelectorAll('p, li, th, td, h2, h3, h4')
    // A paragraph inside a list item or cell is already in that element's text.
    .filter((el) => !(el.tagName === 'P' && el.parentNode?.closest?.('li, td, th')))
    .map((el) => el.textContent.trim())
    .filter(Boolean)
    .join('\n');
}
