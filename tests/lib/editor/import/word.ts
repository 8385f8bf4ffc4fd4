/**
 * Writes real Word files for the import tests with the `docx` package, in
 * the layout units use: red bold centred masthead, centred titles, body
 * paragraphs indented two characters, tables, pictures, footnotes.
 */
import { AlignmentType, Document, FootnoteReferenceRun, ImageRun, Packer, PageBreak, Paragraph, Table, TableCell, TableRow, Textbox, TextRun, WidthType } from 'docx';

/** A 1×1 red PNG: small, and a real image Word and browsers accept. */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

export type WordBlock =
  | string
  | { text: string; centre?: boolean; bold?: boolean; size?: number; color?: string; right?: boolean }
  | { lines: string[]; centre?: boolean }
  | { table: string[][] }
  | { image: Uint8Array; alt?: string }
  | { text: string; footnote: string }
  | { pageBreak: true }
  | { textbox: string[] };

/** Builds a .docx from blocks; the body text is 仿宋-sized (16 pt) with a 2-character first-line indent. */
export async function wordFile(blocks: WordBlock[]): Promise<Buffer> {
  const footnotes: Record<number, { children: Paragraph[] }> = {};
  const children = blocks.map((b) => {
    if (typeof b === 'string') return new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text: b, size: 32 })] });
    if ('table' in b) {
      return new Table({
        width: { size: 100, type: WidthType.PERCENTAGE },
        rows: b.table.map((r) => new TableRow({ children: r.map((c) => new TableCell({ children: [new Paragraph(c)] })) })),
      });
    }
    if ('image' in b) {
      return new Paragraph({ alignment: AlignmentType.CENTER, children: [new ImageRun({ type: 'png', data: b.image, transformation: { width: 120, height: 80 }, altText: { name: b.alt ?? '', description: b.alt ?? '', title: b.alt ?? '' } })] });
    }
    if ('pageBreak' in b) return new Paragraph({ children: [new PageBreak()] });
    if ('textbox' in b) {
      return new Textbox({
        style: { width: '400pt', height: '80pt' },
        children: b.textbox.map((t) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: t, bold: true, size: 72, color: 'FF0000' })] })),
      });
    }
    if ('footnote' in b) {
      const id = Object.keys(footnotes).length + 1;
      footnotes[id] = { children: [new Paragraph(b.footnote)] };
      return new Paragraph({ indent: { firstLine: 640 }, children: [new TextRun({ text: b.text, size: 32 }), new FootnoteReferenceRun(id)] });
    }
    if ('lines' in b) {
      return new Paragraph({
        alignment: b.centre ? AlignmentType.CENTER : undefined,
        children: b.lines.map((t, i) => new TextRun({ text: t, break: i ? 1 : 0, size: 32 })),
      });
    }
    return new Paragraph({
      alignment: b.centre ? AlignmentType.CENTER : b.right ? AlignmentType.RIGHT : undefined,
      children: [new TextRun({ text: b.text, bold: b.bold, size: b.size ?? 32, color: b.color })],
    });
  });
  return Packer.toBuffer(new Document({ footnotes, sections: [{ children }] }));
}

/** Masthead block as units print it: red, bold, large, centred. */
export const masthead = (text: string): WordBlock => ({ text, centre: true, bold: true, size: 72, color: 'FF0000' });
/** An article title: bold, centred, 2号. */
export const title = (text: string): WordBlock => ({ text, centre: true, bold: true, size: 44 });
/** A unit line above a title: centred, 3号 楷体 in real bulletins. */
export const unit = (text: string): WordBlock => ({ text, centre: true, size: 32 });
