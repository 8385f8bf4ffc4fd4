/** Reads pages of a built site the way a reader would reach them: by URL. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';

export function distFile(dist: string, urlPath: string): string {
  const rel = decodeURIComponent(urlPath).replace(/^\//, '');
  return rel === '' || rel.endsWith('/') ? path.join(dist, rel, 'index.html') : path.join(dist, rel);
}

export function hasPage(dist: string, urlPath: string): boolean {
  return existsSync(distFile(dist, urlPath));
}

export function readPage(dist: string, urlPath: string): HTMLElement {
  return parse(readFileSync(distFile(dist, urlPath), 'utf8'));
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
