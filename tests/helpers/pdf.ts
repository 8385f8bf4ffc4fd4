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
