/**
 * Build settings read from the environment, in one place so the site build,
 * the scripts and the tests agree on them.
 */
import path from 'node:path';
import type { Audience } from './site/archive.ts';

/** Content tree to build from: JIANBAO_CONTENT, default ./content (relative to the project). */
export function contentRoot(cwd = process.cwd()): string {
  return path.resolve(cwd, process.env.JIANBAO_CONTENT || 'content');
}

/**
 * BULLETIN_INCLUDE=internal builds the intranet copy (published + internal issues);
 * anything else is the public build. Drafts are never built.
 */
export function audience(): Audience {
  const v = process.env.BULLETIN_INCLUDE;
  if (v === undefined || v === '' || v === 'public') return 'public';
  if (v === 'internal') return 'internal';
  throw new Error(`BULLETIN_INCLUDE: "${v}" is not recognised (expected "internal" or unset)`);
}

/**
 * Whether the build renders PDFs: JIANBAO_PDF=0 turns them off; otherwise
 * they are made when a Chromium is found (without one the build says so once
 * and links no PDF).
 */
export function pdfWanted(): boolean {
  return process.env.JIANBAO_PDF !== '0';
}

/**
 * Audience of the pages being rendered: `npm run dev` previews everything,
 * drafts and internal issues included (each page marked 草稿/内部), so editors
 * see an issue before publishing it; builds follow BULLETIN_INCLUDE.
 */
export function renderAudience(preview: boolean): Audience {
  return preview ? 'all' : audience();
}
