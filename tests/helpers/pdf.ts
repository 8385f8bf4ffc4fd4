/** Reads a PDF with poppler's command-line tools (pdfinfo, pdftotext, pdftoppm). */
import { execFileSync } from 'node:child_process';
import { parse } from 'node-html-parser';

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
}

export function pdfInfo(file: string): { pages: number; width: number; height: number } {
  const out = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(out)!;
  return { pages: Number(/Pages:\s+(\d+)/.exec(out)![1]), width: Number(size[1]), height: Number(size[2]) };
}

/** Plain text of the whole PDF, in reading order. */
export function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
}

/** Words with their boxes, page by page (points, origin top-left). */
export function pdfPages(file: string): PdfPage[] {
  const html = parse(execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  return html.querySelectorAll('page').map((p, i) => ({
    width: Number(p.getAttribute('width')),
    height: Number(p.getAttribute('height')),
    words: p.querySelectorAll('word').map((w) => ({
      page: i + 1,
      text: w.textContent,
      xMin: Number(w.getAttribute('xMin')),
      yMin: Number(w.getAttribute('yMin')),
      xMax: Number(w.getAttribute('xMax')),
      yMax: Number(w.getAttribute('yMax')),
    })),
  }));
}

/** Renders pages to PNG files (for people to look at). */
export function pdfToPng(file: string, outPrefix: string, first: number, last: number, dpi = 60): void {
  execFileSync('pdftoppm', ['-png', '-r', String(dpi), '-f', String(first), '-l', String(last), file, outPrefix]);
}

const PT_PER_MM = 72 / 25.4;
/** Millimetres from PDF points. */
export const mm = (pt: number) => pt / PT_PER_MM;

export interface InkCrop {
  /** Pixels per millimetre. */
  scale: number;
  /** Top-left of the crop on the page, mm. */
  x0: number;
  y0: number;
  width: number;
  height: number;
  /** Grey levels, one byte per pixel, row by row (0 = black). */
  data: Buffer;
}

/** Rasterises a region of one page (mm from the top-left corner) in grey, for measuring ink. */
export function inkCrop(file: string, page: number, x: number, y: number, w: number, h: number, dpi = 1200): InkCrop {
  const px = (v: number) => Math.round((v / 25.4) * dpi);
  const out = execFileSync(
    'pdftoppm',
    ['-gray', '-r', String(dpi), '-f', String(page), '-l', String(page), '-x', String(px(x)), '-y', String(px(y)), '-W', String(px(w)), '-H', String(px(h)), file],
    { maxBuffer: 512 * 1024 * 1024 },
  );
  // PGM (P5): magic, dims, maxval, then the pixels.
  let at = 0;
  const fields: string[] = [];
  while (fields.length < 4) {
    while (/\s/.test(String.fromCharCode(out[at]))) at++;
    let s = '';
    while (!/\s/.test(String.fromCharCode(out[at]))) s += String.fromCharCode(out[at++]);
    fields.push(s);
  }
  at++;
  const width = Number(fields[1]);
  const height = Number(fields[2]);
  return { scale: dpi / 25.4, x0: px(x) / (dpi / 25.4), y0: px(y) / (dpi / 25.4), width, height, data: out.subarray(at, at + width * height) };
}

/** Ink pixels per row (grey below `threshold`). */
export function rowInk(c: InkCrop, threshold = 128): number[] {
  const rows: number[] = [];
  for (let y = 0; y < c.height; y++) {
    let n = 0;
    for (let x = 0; x < c.width; x++) if (c.data[y * c.width + x] < threshold) n++;
    rows.push(n);
  }
  return rows;
}

/** Ink pixels per column (grey below `threshold`). */
export function columnInk(c: InkCrop, threshold = 128): number[] {
  const cols = new Array<number>(c.width).fill(0);
  for (let y = 0; y < c.height; y++) for (let x = 0; x < c.width; x++) if (c.data[y * c.width + x] < threshold) cols[x]++;
  return cols;
}

export interface Band {
  /** Top and bottom edges on the page, mm. */
  top: number;
  bottom: number;
  thickness: number;
}

/** Horizontal rules: runs of rows inked across at least `fill` of the crop's width. */
export function rules(c: InkCrop, fill = 0.9, threshold = 128): Band[] {
  const rows = rowInk(c, threshold);
  const out: Band[] = [];
  let start = -1;
  rows.forEach((n, y) => {
    const on = n >= c.width * fill;
    if (on && start < 0) start = y;
    if ((!on || y === rows.length - 1) && start >= 0) {
      const end = on ? y + 1 : y;
      out.push({ top: c.y0 + start / c.scale, bottom: c.y0 + end / c.scale, thickness: (end - start) / c.scale });
      start = -1;
    }
  });
  return out;
}

/** Horizontal extent of ink in a crop, mm from the page's left edge (undefined when blank). */
export function inkExtent(c: InkCrop, threshold = 128): { left: number; right: number } | undefined {
  const cols = columnInk(c, threshold);
  const first = cols.findIndex((n) => n > 0);
  if (first < 0) return undefined;
  let last = cols.length - 1;
  while (cols[last] === 0) last--;
  return { left: c.x0 + first / c.scale, right: c.x0 + (last + 1) / c.scale };
}
