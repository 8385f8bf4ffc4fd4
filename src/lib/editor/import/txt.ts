/**
 * Plain-text bulletins: decodes the bytes (UTF-8 with or without BOM,
 * UTF-16 with BOM, or the GBK/GB18030 that Chinese Windows saves) and turns
 * lines into SourceLines. Two layouts exist: text extracted from a PDF, with
 * blank lines between paragraphs and wrapped lines inside them; and text
 * saved from Word, one paragraph per line and few blank lines.
 */
import type { SourceDocument, SourceLine } from './model.ts';

export interface DecodedText {
  text: string;
  /** The encoding found, as the user would name it. */
  encoding: 'UTF-8' | 'UTF-8（带 BOM）' | 'UTF-16' | 'GB18030';
}

/**
 * Decodes text by what the bytes are, not by what the file claims: a BOM
 * wins; otherwise valid UTF-8 is UTF-8, and anything else is read as
 * GB18030 (a superset of GBK and GB2312), which Node's ICU decodes natively.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8（带 BOM）' };
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return { text: new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    return { text: new TextDecoder('gb18030').decode(bytes), encoding: 'GB18030' };
  }
}

const PAGE_NUMBER_LINE = /^(?:[-—–－―]+\s*\d{1,3}\s*[-—–－―]+|第\s*\d{1,3}\s*页(?:\s*[，,]?\s*共\s*\d{1,3}\s*页)?)$/;

/** Splits decoded text into SourceLines; `line` is the 1-based line of the file. */
export function textLines(text: string): SourceLine[] {
  const raw = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const nonBlank = raw.filter((l) => l.trim()).length;
  const blank = raw.length - nonBlank;
  // Word's "save as text" writes one paragraph per line; PDF extraction leaves blank lines between paragraphs.
  const lineMode = blank * 4 < nonBlank;
  const out: SourceLine[] = [];
  let prevBlank = true;
  raw.forEach((l, n) => {
    const text = l.replace(/[\s\u3000]+$/, '');
    // Page numbers left by PDF-to-text extraction (— 2 —, - 2 -, 第2页) are page furniture.
    if (!text.trim() || PAGE_NUMBER_LINE.test(text.trim())) {
      prevBlank = true;
      return;
    }
    // A line indented like a paragraph start never continues the line above.
    const indented = /^(?:\u3000|\s{2,})/.test(text);
    out.push({ text: text.trim(), line: n + 1, cont: !lineMode && !prevBlank && !indented, maybeSplit: !lineMode && prevBlank });
    prevBlank = false;
  });
  return out;
}

/** Reads a plain-text bulletin file's bytes. */
export function readText(bytes: Uint8Array): SourceDocument {
  const { text, encoding } = decodeText(bytes);
  return { format: 'txt', detail: `文本，${encoding} 编码`, lines: textLines(text), media: [], warnings: [] };
}
