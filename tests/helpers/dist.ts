/** Reads pages of a built site the way a reader would reach them: by URL. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, type HTMLElement } from 'node-html-parser';
import { distPath } from '../../src/lib/dist.ts';

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
