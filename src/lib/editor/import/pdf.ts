/**
 * Text PDFs (bulletins printed from Word, WPS, LibreOffice or Jianbao
 * itself). pdfjs-dist gives each run of text with its position and size;
 * lines are rebuilt from positions, paragraphs from indents and from lines
 * that stop short of the right margin, and page furniture (page numbers,
 * running headers) is taken out. Everything is judged relative to the
 * document's own body text (its left margin, right margin and font size),
 * never by absolute millimetres, so a changed print layout still reads.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { gfmTable } from './markdown.ts';
import { ImportError, type SourceDocument, type SourceLine } from './model.ts';
import { isSentenceEnd } from './parse.ts';

interface Item {
  str: string;
  x: number;
  y: number;
  w: number;
  size: number;
}

/** A run of text with no visual gap inside: a table cell, or a whole line. */
interface Segment {
  x0: number;
  text: string;
}

interface PdfLine {
  segments: Segment[];
  page: number;
  x0: number;
  x1: number;
  y: number;
  size: number;
  text: string;
  /** Rows of cells, when this stands for a table found on the page. */
  table?: string[][];
}

/**
 * CJK fonts often map ideographs to the look-alike Kangxi and simplified
 * radicals (⽣ for 生, ⻔ for 门) in their ToUnicode tables. Kangxi radicals
 * have NFKC equivalents; the simplified radicals need this table.
 */
const RADICALS: Record<string, string> = {
  // Kangxi radicals whose NFKC form is the traditional character, where a simplified-Chinese font shares the simplified glyph.
  '⼾': '户', '⾭': '青', '⿈': '黄',
  // CJK Radicals Supplement forms that are drawn exactly as a whole character.
  '⺠': '民', '⻁': '虎', '⺟': '母', '⻄': '西', '⻣': '骨', '⻤': '鬼', '⺝': '月', '⺼': '月', '⺩': '王', '⺊': '卜', '⺜': '日', '⻘': '青', '⻝': '食', '⻟': '食',
  '⻅': '见', '⻆': '角', '⻉': '贝', '⻋': '车', '⻓': '长', '⻔': '门', '⻙': '韦', '⻚': '页', '⻛': '风', '⻜': '飞', '⻢': '马', '⻥': '鱼',
  '⻦': '鸟', '⻧': '卤', '⻨': '麦', '⻩': '黄', '⻪': '黾', '⻬': '齐', '⻮': '齿', '⻰': '龙', '⻳': '龟',
};

/** Replaces radicals that stand for ideographs by the ideographs. */
export function fixRadicals(s: string): string {
  return s.replace(/[\u2e80-\u2fdf]/g, (c) => RADICALS[c] ?? c.normalize('NFKC'));
}

const PAGE_NUMBER_RE = /^[-—–－―_\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*[/／共]\s*\d+\s*页?)?[-—–－―_\s]*$/;
const MARKER_RE = /^[◆◇★☆■□●○▲△▶►•·\-－]/;

async function loadPdfjs() {
  // The legacy build runs in Node without a DOM; its fake worker is loaded from the same package.
  return import('pdfjs-dist/legacy/build/pdf.mjs');
}

/** Reads a text PDF's bytes into SourceLines; a PDF without a text layer is an error asking for OCR. */
export async function readPdf(bytes: Uint8Array): Promise<SourceDocument> {
  const pdfjs = await loadPdfjs();
  const pkg = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: `${pkg}/cmaps/`,
    cMapPacked: true,
    standardFontDataUrl: `${pkg}/standard_fonts/`,
  });
  const doc = await task.promise.catch((e: Error) => {
    if (e.name === 'PasswordException') throw new ImportError(1, 'PDF 设有打开密码，无法读取（应为：没有密码的 PDF；请取消密码后另存，或用原始的 Word 文件导入）');
    if (e.name === 'InvalidPDFException') throw new ImportError(1, 'PDF 文件已损坏或不完整，无法读取（应为：完好的 PDF；请重新导出或下载）');
    throw e;
  });
  const pages: PdfLine[][] = [];
  let chars = 0;
  for (let p = 1; p <= doc.numPages; p++) {
    const page = await doc.getPage(p);
    const content = await page.getTextContent();
    const items: Item[] = [];
    for (const it of content.items) {
      if (!('str' in it) || !it.str) continue;
      const [a, b, , d, e, f] = it.transform as number[];
      // Rotated text (a stamp, a watermark) is not part of the bulletin's flow.
      if (Math.abs(b) > 0.01 * Math.abs(a)) continue;
      items.push({ str: fixRadicals(it.str), x: e, y: f, w: it.width, size: Math.abs(d) || it.height });
      chars += it.str.trim().length;
    }
    pages.push(groupLines(items, p));
  }
  await task.destroy();
  if (!chars) {
    throw new ImportError(1, `PDF 共 ${pages.length} 页，没有文字层，是扫描件（应为：含文字的 PDF；请先做 OCR，例如 ocrmypdf -l chi_sim 原文件.pdf 识别后.pdf，或用原始的 Word 文件导入）`);
  }
  const furniture = removeFurniture(pages);
  const lines = toSourceLines(pages);
  // A radical left over is most likely a character the font mislabelled: say so rather than keep it silently.
  const warnings = lines.flatMap((l) => {
    const odd = [...new Set(l.text.match(/[\u2e80-\u2fdf]/g) ?? [])];
    return odd.length ? [{ line: l.line, message: `部首字符“${odd.join('')}”可能是字体把某个汉字标错了，请核对原文` }] : [];
  });
  return { format: 'pdf', detail: `PDF，${pages.length} 页${furniture ? `，去掉页码和页眉 ${furniture} 行` : ''}`, lines, media: [], warnings };
}

const CJK_END = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]$/u;
const CJK_START = /^[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]/u;

/**
 * A short line justified over its 28 cells leaves gaps between Chinese characters that pdf.js
 * reports as spaces; between two of them a single space is never typed text, so it goes.
 */
function unjustify(text: string): string {
  return text.replace(/(?<=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—]) (?=[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’…—])/gu, '');
}

/** Items on one baseline (within half a character) form a line; wide gaps become two spaces. */
function groupLines(items: Item[], page: number): PdfLine[] {
  const sorted = [...items].sort((a, b) => b.y - a.y || a.x - b.x);
  const rows: Item[][] = [];
  for (const it of sorted) {
    const row = rows.find((r) => Math.abs(rowY(r) - it.y) < 0.5 * Math.max(rowSize(r), it.size));
    if (row) row.push(it);
    else rows.push([it]);
  }
  const lines: PdfLine[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.x - b.x);
    const visible = row.filter((i) => i.str.trim());
    if (!visible.length) continue;
    const size = rowSize(row);
    let text = '';
    let end: number | null = null;
    let spaceItem = false;
    const segments: Segment[] = [];
    for (const it of row) {
      if (!it.str.trim()) {
        // A space glyph (a quarter em and more) is a typed space (在 Word 中); LibreOffice's and
        // Word's automatic spacing between Chinese and Latin is narrower (a fifth of an em: 1 年).
        if (end !== null && it.w + Math.max(0, it.x - end) >= 0.22 * size) spaceItem = true;
        continue;
      }
      const gap = end === null ? Infinity : it.x - end;
      // Between two Chinese characters or marks a gap is justification (a short line spread over
      // its 28 cells), never a typed space; only a space glyph is one there.
      const cjkJoin = CJK_END.test(text) && CJK_START.test(it.str);
      const spaced = spaceItem || (gap > 0.3 * size && !cjkJoin);
      if (end !== null) {
        if (gap > 1.5 * size) text += '  ';
        else if (spaced && !/\s$/.test(text) && !/^\s/.test(it.str)) text += ' ';
      }
      if (gap > 0.6 * size) segments.push({ x0: it.x, text: it.str.trim() });
      else segments[segments.length - 1].text = joinSegment(segments[segments.length - 1].text, it.str, spaced);
      text += it.str;
      end = it.x + it.w;
      spaceItem = /\s$/.test(it.str);
    }
    const last = visible.at(-1)!;
    lines.push({ segments, page, x0: visible[0].x, x1: last.x + last.w, y: rowY(row), size, text: text.replace(/\s+$/, '').replace(/^\s+/, '') });
  }
  // Only a line of one run that reaches the block's right edge was justified; a short line (a heading)
  // or one in parts (the marks line with its badge, a table row) keeps its spaces.
  const right = Math.max(...lines.map((l) => l.x1));
  for (const l of lines) {
    if (l.x1 < right - 0.5 * l.size || l.segments.length > 1) continue;
    l.text = unjustify(l.text);
    for (const seg of l.segments) seg.text = unjustify(seg.text);
  }
  return lines.sort((a, b) => b.y - a.y);
}

function joinSegment(a: string, b: string, spaced: boolean): string {
  return (spaced && !/\s$/.test(a) && !/^\s/.test(b) ? `${a} ${b}` : a + b).replace(/^\s+/, '');
}

function rowSize(row: Item[]): number {
  const visible = row.filter((i) => i.str.trim());
  return Math.max(...(visible.length ? visible : row).map((i) => i.size));
}

function rowY(row: Item[]): number {
  // The baseline of the largest text: a small bullet sits a little higher than the text beside it.
  return row.reduce((best, i) => (i.size > best.size ? i : best), row[0]).y;
}

/**
 * Page numbers (— 2 —, 第2页, 2/5) at the top or bottom of a page, and a
 * running header or footer repeated on most pages, are page furniture.
 */
function removeFurniture(pages: PdfLine[][]): number {
  let removed = 0;
  const edgeKey = (l: PdfLine) => l.text.replace(/\d+/g, '#').replace(/\s+/g, '');
  const counts = new Map<string, number>();
  for (const lines of pages) {
    for (const l of [lines[0], lines.at(-1)]) if (l) counts.set(edgeKey(l), (counts.get(edgeKey(l)) ?? 0) + 1);
  }
  const body = mode(pages.flat().map((l) => Math.round(l.size)));
  // On two pages a repeated edge line is furniture only when set smaller than the text (a header, not a heading).
  const repeated = (l: PdfLine) =>
    (pages.length >= 3 || l.size < body * 0.9) && (counts.get(edgeKey(l)) ?? 0) >= Math.max(2, Math.ceil(pages.length * 0.6));
  // The running header usually repeats the masthead, which page 1 prints large instead.
  const masthead = pages[0]?.find((l) => l.size > body * 1.2)?.text.replace(/\s+/g, '');
  const header = (l: PdfLine, p: number) => p > 0 && l.size < body * 0.9 && Boolean(masthead) && l.text.replace(/\s+/g, '') === masthead;
  for (const [p, lines] of pages.entries()) {
    for (let pass = 0; pass < 2; pass++) {
      for (const at of [lines.length - 1, 0]) {
        const l = lines[at];
        if (l && (PAGE_NUMBER_RE.test(l.text) || repeated(l) || header(l, p))) {
          lines.splice(at, 1);
          removed++;
        }
      }
    }
  }
  return removed;
}

function mode(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
}

/**
 * Paragraphs from positions: a line continues the one above when that one
 * reached the right margin and this one is not indented (or hangs under a
 * contents marker), both in body size; centred lines stand alone.
 */
function toSourceLines(pages: PdfLine[][]): SourceLine[] {
  const all = pages.flat();
  const size = mode(all.map((l) => Math.round(l.size)));
  const isBody = (l: PdfLine) => Math.abs(l.size - size) < 1;
  const body = all.filter(isBody);
  // Margins may mirror on odd and even pages: the left one is taken per page, the right one overall.
  const right = Math.max(...body.map((l) => l.x1));
  const globalLeft = Math.min(...body.map((l) => l.x0));
  // The first-line indent most paragraphs use (two characters in Chinese documents), if the document has one.
  const lefts = pages.map((page) => Math.min(...page.filter(isBody).map((l) => l.x0), globalLeft + 1e6));
  const indents = pages.flatMap((page, p) => page.filter(isBody).map((l) => Math.round((l.x0 - lefts[p]) / size)).filter((k) => k >= 1 && k <= 4));
  const indent = indents.length >= 3 ? mode(indents) * size : null;
  const out: SourceLine[] = [];
  let prev: PdfLine | undefined;
  let prevCentred = false;
  let n = 0;
  for (const page of pages) {
    const lines = findTables(page, size);
    const pageBody = lines.filter(isBody);
    const left = pageBody.length ? Math.min(...pageBody.map((l) => l.x0)) : globalLeft;
    for (const l of lines) {
      n++;
      const insetL = l.x0 - left;
      const insetR = right - l.x1;
      // A one-line paragraph can sit as symmetrically as a title: starting exactly at the
      // paragraph indent, in body size, it is a paragraph.
      const atIndent = indent !== null && Math.abs(insetL - indent) < 0.3 * size && isBody(l);
      const centred = insetL > 1.5 * size && insetR > 1.5 * size && Math.abs(insetL - insetR) < 1.5 * size && !atIndent;
      const indented = insetL > 0.8 * size;
      let cont = false;
      if (prev && !centred && !prevCentred && Math.abs(prev.size - l.size) < 0.15 * Math.max(l.size, 1)) {
        const short = right - prev.x1;
        const prevText = out.at(-1)?.text ?? '';
        // Ragged right (no justification, half-width punctuation, 禁则 moving a character down)
        // leaves a line up to a few characters short: an unindented line after one that stops
        // mid-sentence still continues it — whether or not the document indents its paragraphs.
        const prevFull = short < 1.6 * size || (short < 4 * size && !isSentenceEnd(prevText));
        const hanging = MARKER_RE.test(prevText) && l.x0 > prev.x0 + 0.5 * size && !MARKER_RE.test(l.text);
        cont = prevFull && (!indented || hanging);
      }
      if (l.table) {
        out.push({ text: l.text, line: n, page: l.page, markdown: gfmTable(l.table) });
        n += l.table.length - 1;
        prev = undefined;
        continue;
      }
      out.push({ text: l.text, line: n, page: l.page, cont, centred, large: l.size > size * 1.2, size: l.size / size });
      prev = l;
      prevCentred = centred;
    }
  }
  return out;
}

/**
 * Tables: two or more consecutive lines split by visual gaps into the same
 * number (two or more) of cells whose left edges line up. They become one
 * line standing for the table.
 */
function findTables(lines: PdfLine[], size: number): PdfLine[] {
  const out: PdfLine[] = [];
  const aligned = (a: PdfLine, b: PdfLine) =>
    a.segments.length >= 2 && a.segments.length === b.segments.length && a.segments.every((s, i) => Math.abs(s.x0 - b.segments[i].x0) < 0.6 * size);
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && aligned(lines[i], lines[j])) j++;
    // A contents list with page numbers (◆ 标题 …… 2) lines up like a table but is not one.
    const contents = lines.slice(i, j).every((r) => /^\d{1,3}$/.test(r.segments.at(-1)!.text) && (MARKER_RE.test(r.text) || /[.…·．]{3,}$/.test(r.segments.at(-2)!.text)));
    if (j - i >= 2 && !contents) {
      const rows = lines.slice(i, j);
      out.push({ ...rows[0], text: rows.flatMap((r) => r.segments.map((s) => s.text)).join(''), table: rows.map((r) => r.segments.map((s) => s.text)), x1: Math.max(...rows.map((r) => r.x1)) });
      i = j;
    } else out.push(lines[i++]);
  }
  return out;
}
