/** Where a site URL lives inside a built dist/ folder. */
import path from 'node:path';

/**
 * The file in `distDir` that serves `urlPath` under the site's `base`:
 * /lc/2021/28/ → lc/2021/28/index.html, /lc/2021/28/x.pdf → lc/2021/28/x.pdf.
 */
export function distPath(distDir: string, urlPath: string, base = '/'): string {
  // Normalising against the root keeps ../ from ever reaching outside distDir.
  const rel = path.posix.normalize(`/${decodeURIComponent(urlPath).slice(base.length)}`).replace(/^\/+/, '');
  return path.join(distDir, rel.endsWith('/') || rel === '' ? path.join(rel, 'index.html') : rel);
}
