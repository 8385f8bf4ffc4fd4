/**
 * Word (.docx) bulletins and articles. mammoth reads the file (zip, styles,
 * relationships, numbering, footnotes, images) into a document tree; we walk
 * that tree ourselves instead of taking its HTML, because the parser needs
 * what HTML drops: a paragraph's alignment and boldness. Each Word paragraph
 * is one paragraph as the author typed it, so nothing is rejoined.
 */
import mammoth from 'mammoth';
import { gfmTable } from './markdown.ts';
import type { MediaFile, SourceDocument, SourceLine } from './model.ts';

/* Shapes of mammoth's document tree (its typings stop at `any`). */
interface Node {
  type: string;
  children?: Node[];
  value?: string;
  alignment?: string | null;
  styleName?: string | null;
  isBold?: boolean;
  fontSize?: number | null;
  breakType?: string;
  noteType?: string;
  noteId?: string;
  altText?: string;
  contentType?: string;
  readAsBuffer?: () => Promise<Buffer>;
  body?: Node[];
  notes?: { resolve(ref: Node): Node | null };
}

const EXT: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'image/svg+xml': 'svg' };

/** Reads a .docx file's bytes into SourceLines: one per paragraph, tables as GFM, images as references. */
export async function readDocx(bytes: Uint8Array): Promise<SourceDocument> {
  let tree: Node | undefined;
  await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, {
    transformDocument: (doc: Node) => {
      tree = doc;
      return doc;
    },
  });
  if (!tree) throw new Error('mammoth returned no document');
  const doc = tree;
  const lines: SourceLine[] = [];
  const media: MediaFile[] = [];
  const warnings: SourceDocument['warnings'] = [];
  let paraNo = 0;
  let noteNo = 0;

  /** Text of inline content; images and footnotes are collected for lines of their own after the paragraph. */
  const inline = async (nodes: Node[], after: SourceLine[], bold: { all: boolean; any: boolean; size?: number }): Promise<string[]> => {
    const segs: string[] = [''];
    for (const n of nodes) {
      if (n.type === 'text') segs[segs.length - 1] += n.value ?? '';
      else if (n.type === 'tab') segs[segs.length - 1] += '  ';
      else if (n.type === 'break') {
        if (n.breakType === 'line') segs.push('');
      } else if (n.type === 'run') {
        const text = (n.children ?? []).some((c) => c.type === 'text' && c.value?.trim());
        if (text) {
          bold.any = true;
          bold.all &&= Boolean(n.isBold);
          if (n.fontSize) bold.size = Math.max(bold.size ?? 0, n.fontSize);
        }
        const inner = await inline(n.children ?? [], after, bold);
        segs[segs.length - 1] += inner[0];
        segs.push(...inner.slice(1));
      } else if (n.type === 'hyperlink' || n.type === 'inserted' || n.type === 'smartTag') {
        const inner = await inline(n.children ?? [], after, bold);
        segs[segs.length - 1] += inner[0];
        segs.push(...inner.slice(1));
      } else if (n.type === 'noteReference') {
        const note = doc.notes?.resolve(n);
        noteNo += 1;
        segs[segs.length - 1] += `[${noteNo}]`;
        const body = note ? (await Promise.all((note.body ?? []).map((p) => inline(p.children ?? [], after, { all: false, any: false })))).map((s) => s.join('')).join('') : '';
        after.push({ text: `[${noteNo}] ${body.trim()}`, line: paraNo });
      } else if (n.type === 'paragraph') {
        // A text box (masthead, 期号 box) holds paragraphs of its own inside the run that anchors it.
        await paragraph(n);
      } else if (n.type === 'table') {
        await table(n);
      } else if (n.type === 'image' && n.readAsBuffer) {
        const ext = EXT[n.contentType ?? ''];
        if (!ext) {
          warnings.push({ line: paraNo, message: `图片格式 ${n.contentType ?? '未知'} 无法在网页上显示，未导入` });
          continue;
        }
        const name = `image-${media.length + 1}.${ext}`;
        media.push({ name, data: new Uint8Array(await n.readAsBuffer()) });
        const alt = (n.altText ?? '').replace(/[[\]\\]/g, '');
        after.push({ text: alt, line: paraNo, markdown: `![${alt}](./${name})` });
      }
    }
    return segs;
  };

  const paragraph = async (p: Node): Promise<void> => {
    paraNo += 1;
    const after: SourceLine[] = [];
    const bold: { all: boolean; any: boolean; size?: number } = { all: true, any: false };
    const segs = await inline(p.children ?? [], after, bold);
    const centred = p.alignment === 'center' || /^(?:Title|标题|Heading|副标题|Subtitle)/i.test(p.styleName ?? '');
    segs.forEach((s, n) => {
      if (s.trim()) lines.push({ text: s.trim(), line: paraNo, cont: n > 0, centred, bold: bold.any && bold.all, size: bold.size });
    });
    lines.push(...after);
  };

  const cellText = async (cell: Node): Promise<string> => {
    const parts: string[] = [];
    for (const p of cell.children ?? []) {
      if (p.type !== 'paragraph') continue;
      const after: SourceLine[] = [];
      const t = (await inline(p.children ?? [], after, { all: false, any: false })).join(' ').trim();
      if (t) parts.push(t);
      for (const a of after) if (!a.markdown) parts.push(a.text);
    }
    return parts.join(' ');
  };

  const table = async (t: Node): Promise<void> => {
    paraNo += 1;
    const rows: string[][] = [];
    for (const row of t.children ?? []) {
      if (row.type !== 'tableRow') continue;
      const cells: string[] = [];
      for (const cell of row.children ?? []) if (cell.type === 'tableCell') cells.push(await cellText(cell));
      rows.push(cells);
    }
    const filled = rows.map((r) => r.filter((c) => c.trim())).filter((r) => r.length);
    if (!filled.length) return;
    // Templates lay out the issuer and date, or the 报/送/发 block, with a one-row or one-column
    // table: that is layout, not data, so each row reads as a line (cells apart by wide spaces).
    if (filled.length === 1 || filled.every((r) => r.length === 1)) {
      for (const r of filled) lines.push({ text: r.join('    '), line: paraNo });
      return;
    }
    lines.push({ text: rows.flat().join(''), line: paraNo, markdown: gfmTable(rows) });
  };

  for (const node of doc.children ?? []) {
    if (node.type === 'paragraph') await paragraph(node);
    else if (node.type === 'table') await table(node);
  }
  return { format: 'docx', detail: `Word 文档，${paraNo} 段`, lines, media, warnings };
}
