/**
 * The files of a written Pagefind bundle (Pagefind 1.6, pinned in
 * package.json): what the build reads back to list chunk ranges and to merge
 * the archive's index parts. Index, filter, metadata and fragment files are
 * gzipped CBOR (fragments JSON) after a fixed header; the entry file names the
 * metadata file of each language.
 * @see https://github.com/Pagefind/pagefind (pagefind/src/index, pagefind/src/output)
 */
import { decode, encode } from 'cborg';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { readFileFast } from '../concurrency.ts';
import { gunzip, gunzipSync, gzip, constants as zlib } from 'node:zlib';

const HEADER = Buffer.from('pagefind_dcd');
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** pagefind-entry.json */
export interface PagefindEntry {
  version: string;
  languages: Record<string, { hash: string; wasm: string | null; page_count: number }>;
  include_characters?: string[];
  [other: string]: unknown;
}

/** A page in the metadata: its fragment's hash, its word count, then fields Pagefind keeps there (copied as they are). */
export type MetaPage = [string, number, ...unknown[]];
/** An index chunk in the metadata: the words it covers (prefixes) and its hash. */
export type MetaChunk = [from: string, to: string, hash: string];
/** pagefind.<hash>.pf_meta */
export type PagefindMeta = [version: string, pages: MetaPage[], chunks: MetaChunk[], filters: [name: string, hash: string][], sorts: [key: string, pages: number[]][], metaFields: string[]];
/** Where a word occurs on one page: page number (delta-coded in files), positions with weight marks, positions in metadata fields. */
export type WordPage = [page: number, locs: number[], metaLocs: number[]];
/** An index word, its pages and its diacritic variants (each with pages). */
export type IndexWord = [word: string, pages: WordPage[], variants: [form: string, pages: WordPage[]][]];
/** index/<hash>.pf_index */
export type IndexChunk = [words: IndexWord[]];
/** filter/<hash>.pf_filter: a filter's values, each with its pages in order. */
export type FilterIndex = [name: string, values: [value: string, pages: number[]][]];

function unwrap(raw: Buffer, file: string): Buffer {
  if (!raw.subarray(0, HEADER.length).equals(HEADER)) throw new Error(`${file}: not a Pagefind file (header missing)`);
  return raw.subarray(HEADER.length);
}

/** Reads a gzipped Pagefind CBOR file. */
export async function readPagefindFile<T>(file: string): Promise<T> {
  return decode(unwrap(await gunzipAsync(await readFileFast(file)), file)) as T;
}

/** Reads a gzipped Pagefind CBOR file, synchronously. */
export function readPagefindFileSync<T>(file: string): T {
  return decode(unwrap(gunzipSync(readFileSync(file)), file)) as T;
}

/** The raw (unzipped, header removed) bytes of a Pagefind file: what its hash is made from. */
export async function pagefindFileBody(file: string): Promise<Buffer> {
  return unwrap(await gunzipAsync(await readFileFast(file)), file);
}

/** A value as the body of a Pagefind file: CBOR (what the file's hash is made from). */
export function pagefindBody(value: unknown): Uint8Array {
  return encode(value);
}

/**
 * The file of a body: header and body, gzipped. Pagefind uses zlib's best
 * level; for the index chunks, which a merge writes anew on every publish,
 * the default level is 5× faster (6,000 articles: 1.4 s instead of 6.8 s)
 * for files 1.4 % larger, so `tight` is for the small files every first
 * query loads.
 */
export function pagefindFile(body: Uint8Array, tight = false): Promise<Buffer> {
  return gzipAsync(Buffer.concat([HEADER, body]), { level: tight ? zlib.Z_BEST_COMPRESSION : zlib.Z_DEFAULT_COMPRESSION });
}

/** The entry file of a bundle. */
export function readEntry(bundleDir: string): PagefindEntry {
  return JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as PagefindEntry;
}

/** The file of a bundle's metadata for one language. */
export function metaFile(bundleDir: string, hash: string): string {
  return path.join(bundleDir, `pagefind.${hash}.pf_meta`);
}

/** The file of an index chunk. */
export function indexFile(bundleDir: string, hash: string): string {
  return path.join(bundleDir, 'index', `${hash}.pf_index`);
}

/** The file of a filter's index. */
export function filterFile(bundleDir: string, hash: string): string {
  return path.join(bundleDir, 'filter', `${hash}.pf_filter`);
}

/** The file of a page's fragment. */
export function fragmentFile(bundleDir: string, hash: string): string {
  return path.join(bundleDir, 'fragment', `${hash}.pf_fragment`);
}

/**
 * A file name from its content: language, underscore, `length` hex digits of
 * the SHA-1 (Pagefind's own names differ in detail; readers only need them
 * unique and stable).
 */
export function contentHash(language: string, bytes: Uint8Array, length: number): string {
  return `${language}_${createHash('sha1').update(bytes).digest('hex').slice(0, length)}`;
}

/** Orders strings as Pagefind (Rust) does: by UTF-8 bytes, which is code point order, not UTF-16's. */
export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort after every other BMP character in code point order.
    const sx = x >= 0xd800 && x <= 0xdfff;
    const sy = y >= 0xd800 && y <= 0xdfff;
    if (sx !== sy) return sx ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
