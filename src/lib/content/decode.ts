/**
 * Bytes of a content file to text, the same way for every reader: UTF-8 with
 * or without a BOM, any line endings (CRLF from Windows editors becomes LF).
 * Anything else is refused with a message that says what the file seems to be
 * and how to convert it, so nothing is ever published garbled.
 */

export type Decoded = { ok: true; text: string } | { ok: false; line: number; message: string };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');
const ZERO_WIDTH_BOM = /^\uFEFF/;

/** How to convert a legacy-encoded file, in words an editor can follow. */
export const CONVERT_HINT =
  '请用 UTF-8 编码重新保存：记事本“另存为”选“UTF-8”，WPS/VS Code 选“以 UTF-8 编码保存”，或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件';

/** 1-based line of the byte at `offset` (counting LF bytes before it). */
function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that is not valid UTF-8. */
function firstBadUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (!len) return i;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return -1;
}

/** Normalises line endings: CRLF and lone CR become LF. */
export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Decodes a content file, or says why it cannot be read as text. */
export function decodeContent(bytes: Uint8Array): Decoded {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { ok: false, line: 1, message: `文件是 UTF-16 编码（Windows 记事本的“Unicode”），不是 UTF-8（${CONVERT_HINT.replace('GB18030', 'UTF-16')}）` };
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, line: lineAt(bytes, nul), message: '文件含有空字节，不是文本文件（应为 UTF-8 编码的 .mdx/.yaml 文本）' };
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    const at = firstBadUtf8(bytes);
    const sample = gb18030.decode(bytes.subarray(Math.max(0, at - 12), at + 18)).replace(/\s+/g, ' ').trim();
    const looksChinese = /\p{Script=Han}{2,}/u.test(sample);
    return {
      ok: false,
      line: lineAt(bytes, at),
      message: `文件不是 UTF-8 编码${looksChinese ? `（看起来是 GBK/GB18030，此处按 GBK 读作“${sample}”）` : ''}，不能发布乱码（${CONVERT_HINT}）`,
    };
  }
  return { ok: true, text: normalizeNewlines(text.replace(ZERO_WIDTH_BOM, '')) };
}
