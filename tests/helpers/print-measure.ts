/**
 * Measures a rendered bulletin PDF against the print layout: text lines from
 * poppler's word boxes (pdftotext -bbox), rules and page-number strokes from
 * ink in rasterised crops (pdftoppm). All results in mm from the page's top-left.
 */
import { execFileSync } from 'node:child_process';
import { LINE_PITCH_MM, TEXT_BLOCK } from '../../src/lib/print/layout.ts';
import { inkCrop, inkExtent, mm, pdfPages, rowInk, rules, type Band, type PdfWord } from './pdf.ts';

export interface TextLine {
  page: number;
  text: string;
  top: number;
  bottom: number;
  centre: number;
  /** Box height (font ascent to descent), which tells the text sizes apart. */
  height: number;
  left: number;
  right: number;
  /** Grid slot: (centre − block top) / pitch − ½; whole numbers are on the grid. */
  slot: number;
}

export interface MeasuredPage {
  page: number;
  /** Text-block edges of this page (mirrored margins). */
  blockLeft: number;
  blockRight: number;
  lines: TextLine[];
}

/** Left edge of the text block: binding margin on odd pages, outer margin on even ones. */
export function blockLeft(page: number): number {
  return page % 2 ? TEXT_BLOCK.inner : TEXT_BLOCK.outer;
}

/** Text lines of every page, page numbers excluded (they sit below the block). */
export function textLines(file: string): MeasuredPage[] {
  return pdfPages(file).map((p, i) => {
    const page = i + 1;
    // Words on one line share a centre; punctuation from a fallback face has its own box height.
    const groups: PdfWord[][] = [];
    const centre = (w: PdfWord) => (w.yMin + w.yMax) / 2;
    for (const w of p.words) {
      if (mm(w.yMin) > TEXT_BLOCK.top + TEXT_BLOCK.height) continue;
      const g = groups.find((ws) => Math.abs(centre(ws[0]) - centre(w)) < 3);
      if (g) g.push(w);
      else groups.push([w]);
    }
    const lines = groups
      .map((ws) => {
        // The line's box is its main face's: the word with the most characters.
        const main = [...ws].sort((a, b) => [...b.text].length - [...a.text].length)[0];
        const top = mm(main.yMin);
        const bottom = mm(main.yMax);
        const centre = (top + bottom) / 2;
        return {
          page,
          text: ws.sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join(' '),
          top,
          bottom,
          centre,
          height: bottom - top,
          left: mm(Math.min(...ws.map((w) => w.xMin))),
          right: mm(Math.max(...ws.map((w) => w.xMax))),
          slot: (centre - TEXT_BLOCK.top) / LINE_PITCH_MM - 0.5,
        };
      })
      .sort((a, b) => a.top - b.top);
    const left = blockLeft(page);
    return { page, blockLeft: left, blockRight: left + TEXT_BLOCK.width, lines };
  });
}

/** The most common line height: the body text's. */
export function bodyHeight(pages: MeasuredPage[]): number {
  const counts = new Map<string, number>();
  for (const l of pages.flatMap((p) => p.lines)) counts.set(l.height.toFixed(2), (counts.get(l.height.toFixed(2)) ?? 0) + 1);
  return Number([...counts].sort((a, b) => b[1] - a[1])[0][0]);
}

/**
 * Rules between `top` and `bottom` on a page: ink bands found at the same
 * height in three narrow strips across the text block (a glyph stroke is in
 * one strip at most), measured at 2400 dpi.
 */
export function rulesOnPage(file: string, page: number, top: number, bottom: number, dpi = 2400): Band[] {
  const left = blockLeft(page);
  const [first, ...others] = [0.2, 0.5, 0.8].map((f) => rules(inkCrop(file, page, left + f * TEXT_BLOCK.width, top, 3, bottom - top, dpi), 0.98).filter((r) => r.thickness > 0.1));
  return first.filter((r) => others.every((o) => o.some((q) => Math.abs(q.top - r.top) < 0.05 && Math.abs(q.bottom - r.bottom) < 0.05)));
}

/** Left and right ends of a rule, from a crop across the page at its middle. */
export function ruleEnds(file: string, page: number, rule: Band): { left: number; right: number } | undefined {
  const mid = (rule.top + rule.bottom) / 2;
  return inkExtent(inkCrop(file, page, 15, mid - 0.05, 180, 0.1, 1200));
}

export interface PageNumberInk {
  /** Centre of the 一字线 stroke, mm from the top. */
  dashCentre: number;
  left: number;
  right: number;
}

const pageNumbers = new Map<string, PageNumberInk | undefined>();

/** Ink of the page number below the text block, or undefined when the page has none (600 dpi: 0.04 mm a pixel). */
export function pageNumberInk(file: string, page: number): PageNumberInk | undefined {
  const key = `${file}#${page}`;
  if (!pageNumbers.has(key)) pageNumbers.set(key, measurePageNumber(file, page));
  return pageNumbers.get(key);
}

function measurePageNumber(file: string, page: number): PageNumberInk | undefined {
  const top = TEXT_BLOCK.top + TEXT_BLOCK.height + 1;
  const c = inkCrop(file, page, 15, top, 180, 14, 600);
  const ext = inkExtent(c);
  if (!ext) return undefined;
  const rows = rowInk(c);
  const max = Math.max(...rows);
  const stroke = rows.flatMap((n, y) => (n > max * 0.5 ? [y] : []));
  return { dashCentre: c.y0 + (stroke[0] + stroke.at(-1)! + 1) / 2 / c.scale, ...ext };
}

/** Embedded fonts as pdffonts lists them. */
export function pdfFonts(file: string): { name: string; type: string }[] {
  const out = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
  return out.map((l) => ({ name: l.slice(0, 37).trim(), type: l.slice(37, 55).trim() }));
}

/** Bottom of the lowest ink in a region (mm from the top), or undefined when blank. */
export function inkBottom(file: string, page: number, x: number, top: number, w: number, h: number): number | undefined {
  const c = inkCrop(file, page, x, top, w, h, 1200);
  const rows = rowInk(c);
  let last = rows.length - 1;
  while (last >= 0 && rows[last] === 0) last--;
  return last < 0 ? undefined : c.y0 + (last + 1) / c.scale;
}
