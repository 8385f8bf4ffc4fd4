/**
 * Reads a bulletin file of any supported format into a parsed issue. The
 * format is chosen by the file's content (its first bytes), not its name:
 * a .txt that is really a Word file, or a PDF saved as .doc, still reads.
 */
import { readDocx } from './docx.ts';
import { ImportError, type ImportResult, type SourceDocument } from './model.ts';
import { parseDocument } from './parse.ts';
import { readPdf } from './pdf.ts';
import { readText } from './txt.ts';

export type Format = 'txt' | 'docx' | 'pdf';

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

function convertHint(kind: string, file: string): string {
  return `${kind}无法直接导入（应为：.docx、.pdf 或 .txt；请先转换：soffice --headless --convert-to docx "${file}"，再导入生成的 .docx）`;
}

/** "EncryptedPackage" in UTF-16LE: the stream a password-protected Office file keeps in its OLE container. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
/** Names that promise a format the bytes must then be in. */
const NAMED: Record<string, string> = { '.docx': 'Word 文档', '.pdf': 'PDF' };

/** Tells the format from the bytes; throws ImportError for formats that need converting first. */
export function sniffFormat(bytes: Uint8Array, file = 'FILE'): Format {
  const format = sniff(bytes, file);
  const ext = /\.[^./\\]+$/.exec(file)?.[0] ?? '';
  const named = NAMED[ext.toLowerCase()];
  // A .docx of random bytes read as GB18030 text said "no 期号 below the masthead".
  if (format === 'txt' && named) throw new ImportError(1, `文件名是${ext}，内容却不是${named}：文件可能已损坏、没有下载完整，或只是改了扩展名（应为：完好的 .docx、.pdf 或 .txt 文件）`);
  return format;
}

function sniff(bytes: Uint8Array, file: string): Format {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = Buffer.from(bytes.subarray(0, Math.min(bytes.length, 65536))).toString('latin1');
    if (head.includes('word/')) return 'docx';
    if (head.includes('application/vnd.oasis.opendocument')) throw new ImportError(1, convertHint('OpenDocument 文件（.odt）', file));
    throw new ImportError(1, `这是一个 zip 压缩包，不是 Word 文档（应为：.docx、.pdf 或 .txt）`);
  }
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (Buffer.from(bytes).includes(ENCRYPTED_PACKAGE)) throw new ImportError(1, '文件设有打开密码，无法读取（应为：没有密码的文件；请在 Word/WPS 中取消密码后另存，再导入）');
    throw new ImportError(1, convertHint('旧版 Word/WPS 文件（.doc/.wps）', file));
  }
  if (head.startsWith('{\\rtf')) throw new ImportError(1, convertHint('RTF 文件', file));
  if (bytes.subarray(0, 8192).includes(0) && !(bytes[0] === 0xff || bytes[0] === 0xfe)) throw new ImportError(1, `这是二进制文件，不是文本（应为：.docx、.pdf 或 .txt）`);
  return 'txt';
}

/** Reads the source document of a file's bytes, in whatever supported format it is. */
export async function readSource(bytes: Uint8Array, file = 'FILE'): Promise<SourceDocument> {
  const format = sniffFormat(bytes, file);
  if (format === 'docx') return readDocx(bytes);
  if (format === 'pdf') return readPdf(bytes);
  return readText(bytes);
}

/** Reads and parses a bulletin file's bytes; throws ImportError naming the line. */
export async function importBulletin(bytes: Uint8Array, file = 'FILE'): Promise<ImportResult> {
  return parseDocument(await readSource(bytes, file));
}
