/**
 * Pagefind index chunks read and written at the byte level, for the merge.
 * Decoding every position of every word into JavaScript arrays and encoding
 * them again spent most of a 6,000-article merge in the garbage collector
 * (11 s); a word's positions never change in a merge, only its pages' numbers
 * (delta-coded) and, where parts name metadata fields differently, the
 * field marks. So positions are copied as bytes, and only page numbers,
 * field marks and the rare diacritic variants are decoded.
 * Layout (CBOR, definite lengths): [[ [word, [[page, [locs…], [metaLocs…]]…], [[form, pages]…]]… ]].
 */
import { decode, encode } from 'cborg';
import type { WordPage } from './bundle.ts';

/** A CBOR item head: major type and its number (length, or the value of an integer). */
function head(buf: Uint8Array, at: number): { major: number; n: number; next: number } {
  const b = buf[at];
  const info = b & 31;
  const major = b >> 5;
  if (info < 24) return { major, n: info, next: at + 1 };
  if (info === 24) return { major, n: buf[at + 1], next: at + 2 };
  if (info === 25) return { major, n: (buf[at + 1] << 8) | buf[at + 2], next: at + 3 };
  if (info === 26) return { major, n: ((buf[at + 1] << 24) >>> 0) + ((buf[at + 2] << 16) | (buf[at + 3] << 8) | buf[at + 4]), next: at + 5 };
  if (info === 27) {
    let n = 0;
    for (let i = 1; i <= 8; i++) n = n * 256 + buf[at + i];
    return { major, n, next: at + 9 };
  }
  throw new Error(`不支持的 CBOR 编码（第 ${at} 字节：0x${b.toString(16)}）`);
}

/** Skips an array of integers; returns the end and the number of items. */
function skipInts(buf: Uint8Array, at: number): { next: number; count: number } {
  const h = head(buf, at);
  if (h.major !== 4) throw new Error(`索引分片格式不符：第 ${at} 字节应为数组`);
  let p = h.next;
  for (let i = 0; i < h.n; i++) {
    const info = buf[p] & 31;
    p += info < 24 ? 1 : info === 24 ? 2 : info === 25 ? 3 : info === 26 ? 5 : 9;
  }
  return { next: p, count: h.n };
}

// A word may begin with U+FEFF: keep it (the default decoder drops it).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Metadata positions with their field marks, -(field + 1), renumbered. */
function renumberFields(metaLocs: number[], fields: number[]): number[] {
  return metaLocs.map((x) => (x < 0 ? -(fields[-x - 1] + 1) : x));
}

/** One index chunk, scanned: its words, and for each page where its positions' bytes lie. */
export interface ScannedChunk {
  buf: Uint8Array;
  words: string[];
  /** Index of each word's first page in the page arrays; one more entry for the end. */
  firstPage: Int32Array;
  /** Each page's absolute number in the merged index. */
  page: Int32Array;
  /** Where each page's positions (locs and metaLocs arrays) start and end in `buf`. */
  restStart: Int32Array;
  restEnd: Int32Array;
  /** Each word's size as Pagefind counts it when cutting chunks: per page, positions + 1. */
  size: Int32Array;
  /** Pages whose metaLocs were renumbered: their positions' bytes, re-encoded. */
  rewritten: Map<number, Uint8Array>;
  /** Diacritic variants of a word (rare), decoded, with absolute page numbers. */
  variants: Map<number, [string, WordPage[]][]>;
}

/**
 * Scans a chunk body. `offset` is added to page numbers; `fields` maps the
 * part's metadata field numbers to the merged ones (null: the same).
 */
export function scanChunk(buf: Uint8Array, offset: number, fields: number[] | null): ScannedChunk {
  let at = 0;
  const outer = head(buf, at);
  if (outer.major !== 4 || outer.n !== 1) throw new Error('索引分片格式不符：应为单元素数组');
  const list = head(buf, outer.next);
  at = list.next;
  const words: string[] = [];
  const firstPage: number[] = [];
  const page: number[] = [];
  const restStart: number[] = [];
  const restEnd: number[] = [];
  const size: number[] = [];
  const rewritten = new Map<number, Uint8Array>();
  const variants = new Map<number, [string, WordPage[]][]>();
  for (let w = 0; w < list.n; w++) {
    const entry = head(buf, at);
    if (entry.major !== 4 || entry.n !== 3) throw new Error(`索引分片格式不符：第 ${at} 字节应为三元素数组`);
    const text = head(buf, entry.next);
    if (text.major !== 3) throw new Error(`索引分片格式不符：第 ${entry.next} 字节应为字符串`);
    words.push(utf8.decode(buf.subarray(text.next, text.next + text.n)));
    at = text.next + text.n;
    const pages = head(buf, at);
    at = pages.next;
    firstPage.push(page.length);
    let abs = offset;
    let wordSize = 0;
    for (let p = 0; p < pages.n; p++) {
      const triple = head(buf, at);
      const num = head(buf, triple.next);
      abs += num.n;
      page.push(abs);
      restStart.push(num.next);
      const locs = skipInts(buf, num.next);
      const metaStart = locs.next;
      const meta = skipInts(buf, metaStart);
      restEnd.push(meta.next);
      wordSize += locs.count + meta.count + 1;
      if (fields && meta.count) {
        const renumbered = renumberFields(decode(buf.subarray(metaStart, meta.next)) as number[], fields);
        rewritten.set(page.length - 1, Buffer.concat([buf.subarray(num.next, metaStart), encode(renumbered)]));
      }
      at = meta.next;
    }
    size.push(wordSize);
    const variantList = head(buf, at);
    if (variantList.n) {
      const end = skipVariants(buf, at);
      const decoded = decode(buf.subarray(at, end)) as [string, WordPage[]][];
      for (const [, vPages] of decoded) {
        let vAbs = offset;
        for (const p of vPages) {
          vAbs += p[0];
          p[0] = vAbs;
          if (fields) p[2] = renumberFields(p[2], fields);
        }
      }
      variants.set(w, decoded);
      at = end;
    } else at = variantList.next;
  }
  firstPage.push(page.length);
  return {
    buf,
    words,
    firstPage: Int32Array.from(firstPage),
    page: Int32Array.from(page),
    restStart: Int32Array.from(restStart),
    restEnd: Int32Array.from(restEnd),
    size: Int32Array.from(size),
    rewritten,
    variants,
  };
}

/** The end of a variants array: [[form, [[page, locs, metaLocs]…]]…]. */
function skipVariants(buf: Uint8Array, at: number): number {
  const list = head(buf, at);
  let p = list.next;
  for (let i = 0; i < list.n; i++) {
    const pair = head(buf, p);
    const form = head(buf, pair.next);
    p = form.next + form.n;
    const pages = head(buf, p);
    p = pages.next;
    for (let j = 0; j < pages.n; j++) {
      const triple = head(buf, p);
      const num = head(buf, triple.next);
      p = skipInts(buf, skipInts(buf, num.next).next).next;
    }
  }
  return p;
}

/** A word of one chunk. */
export interface WordRef {
  chunk: ScannedChunk;
  index: number;
}

/** A growing byte buffer with CBOR heads. */
class Writer {
  private buf = new Uint8Array(1 << 16);
  length = 0;
  private room(n: number) {
    if (this.length + n <= this.buf.length) return;
    const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    bigger.set(this.buf.subarray(0, this.length));
    this.buf = bigger;
  }
  head(major: number, n: number) {
    this.room(9);
    const m = major << 5;
    const b = this.buf;
    if (n < 24) b[this.length++] = m | n;
    else if (n < 0x100) {
      b[this.length++] = m | 24;
      b[this.length++] = n;
    } else if (n < 0x10000) {
      b[this.length++] = m | 25;
      b[this.length++] = n >> 8;
      b[this.length++] = n & 255;
    } else if (n < 0x100000000) {
      b[this.length++] = m | 26;
      for (let s = 24; s >= 0; s -= 8) b[this.length++] = (n >>> s) & 255;
    } else throw new Error(`数值过大：${n}`);
  }
  bytes(src: Uint8Array) {
    this.room(src.length);
    this.buf.set(src, this.length);
    this.length += src.length;
  }
  done(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

const encoder = new TextEncoder();

/**
 * The body of an index chunk holding `words`: each a list of the same word
 * from one or more parts, in page order, whose pages are joined.
 */
export function writeChunk(words: WordRef[][]): Uint8Array {
  const w = new Writer();
  w.head(4, 1);
  w.head(4, words.length);
  for (const refs of words) {
    const { chunk: first, index } = refs[0];
    w.head(4, 3);
    const text = encoder.encode(first.words[index]);
    w.head(3, text.length);
    w.bytes(text);
    let count = 0;
    for (const r of refs) count += r.chunk.firstPage[r.index + 1] - r.chunk.firstPage[r.index];
    w.head(4, count);
    let last = 0;
    for (const { chunk, index: i } of refs) {
      for (let p = chunk.firstPage[i]; p < chunk.firstPage[i + 1]; p++) {
        w.head(4, 3);
        w.head(0, chunk.page[p] - last);
        last = chunk.page[p];
        w.bytes(chunk.rewritten.get(p) ?? chunk.buf.subarray(chunk.restStart[p], chunk.restEnd[p]));
      }
    }
    const variants = mergeVariants(refs);
    if (!variants.length) w.head(4, 0);
    else w.bytes(encode(variants));
  }
  return w.done();
}

/** A word's diacritic variants from every part, joined by form, page numbers delta-coded again. */
function mergeVariants(refs: WordRef[]): [string, WordPage[]][] {
  const merged: [string, WordPage[]][] = [];
  for (const { chunk, index } of refs) {
    for (const [form, pages] of chunk.variants.get(index) ?? []) {
      const v = merged.find((x) => x[0] === form);
      if (v) v[1].push(...pages.map((p) => [...p] as WordPage));
      else merged.push([form, pages.map((p) => [...p] as WordPage)]);
    }
  }
  for (const [, pages] of merged) {
    let last = 0;
    for (const p of pages) {
      const abs = p[0];
      p[0] = abs - last;
      last = abs;
    }
  }
  return merged;
}
