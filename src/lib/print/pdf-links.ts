/**
 * “下载 PDF（8 页，733 KB）”: a PDF's page count and size are known only once
 * Chromium has rendered it from the print page, after every page was built,
 * so the links are labelled in the assembled site afterwards — the same way
 * by `npm run build` and by a plain `astro build` (the PDF integration).
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pdfLinkLabel } from '../site/format.ts';

export interface PdfInfo {
  pages: number;
  bytes: number;
}

/** Page count and size of a PDF file (pdfjs-dist reads the page tree). */
export async function pdfInfo(file: string): Promise<PdfInfo> {
  const data = new Uint8Array(await readFile(file));
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({ data: data.slice(), verbosity: 0 });
  try {
    return { pages: (await task.promise).numPages, bytes: data.byteLength };
  } finally {
    await task.destroy();
  }
}

// The link PdfLinks.astro renders: class, href, then its other attributes, then the label.
const LINK_RE = /<a class="pdf-links__pdf" href="([^"]+)"([^>]*)>([^<]*)<\/a>/g;

/**
 * Puts page count and size into every “下载 PDF” link of the built site in
 * `distDir` whose PDF was rendered (`infos`, by PDF URL, from renderPdfs);
 * returns how many links were labelled. `onRewrite` hears of every page file changed.
 */
export async function labelPdfLinks(distDir: string, infos: Map<string, PdfInfo>, onRewrite?: (file: string) => void): Promise<number> {
  if (!infos.size) return 0;
  let labelled = 0;
  for (const entry of await readdir(distDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.html')) continue;
    const file = path.join(entry.parentPath, entry.name);
    const html = await readFile(file, 'utf8');
    if (!html.includes('pdf-links__pdf')) continue;
    const out = html.replace(LINK_RE, (link, href: string, attrs: string, text: string) => {
      const info = infos.get(href);
      if (!info) return link;
      const label = pdfLinkLabel(info.pages, info.bytes);
      labelled++;
      const named = attrs.replace(/aria-label="[^"]*"/, `aria-label="${label}"`);
      // The plain label, or one an earlier labelling wrote (the PDF may have been rendered again since).
      const ours = text === pdfLinkLabel() || text.startsWith(`${pdfLinkLabel()}（`);
      return `<a class="pdf-links__pdf" href="${href}"${named}>${ours ? label : text}</a>`;
    });
    if (out !== html) {
      await writeFile(file, out);
      onRewrite?.(file);
    }
  }
  return labelled;
}
