/**
 * One Pagefind index from several. The archive's search index is built in
 * parts (one per year shard of the site, cached like its pages) and merged
 * here into the single index readers load, so publishing an issue indexes
 * one part again instead of the archive, and no Pagefind process holds the
 * whole archive (6,000 articles: 2.9 GB in one). Pagefind's build API can
 * neither update nor merge an index, and its browser-side mergeIndex would
 * make every reader load an index and a wasm per part.
 *
 * The merge streams: each part's index chunks are read in word order, one at
 * a time, and merged words are written out in chunks as Pagefind cuts them.
 * Page numbers follow the parts in the order given; the result is what
 * Pagefind writes for all the records at once, up to that numbering (tested).
 */
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, link, mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { mapLimited } from '../concurrency.ts';
import { writeChunkRanges } from './chunks.ts';
import {
  compareUtf8,
  contentHash,
  filterFile,
  fragmentFile,
  indexFile,
  metaFile,
  pagefindBody,
  pagefindFile,
  pagefindFileBody,
  readEntry,
  readPagefindFile,
  type FilterIndex,
  type MetaChunk,
  type MetaPage,
  type PagefindEntry,
  type PagefindMeta,
} from './bundle.ts';
import { scanChunk, writeChunk, type ScannedChunk, type WordRef } from './word-chunks.ts';

/** Beside each part: the sort values of its pages, by page number (Pagefind's files keep only the order). */
export const PART_FILE = 'jianbao-part.json';

export interface PartSorts {
  /** Sort key → the value of each page (null where a page has none), by page number. */
  sorts: Record<string, (string | null)[]>;
}

/** Pagefind's default chunk size: a chunk closes once its words' pages and positions reach this count. */
export const CHUNK_SIZE = 20000;
/** Hex digits in a file's hash, as Pagefind names them (longer only where two would clash). */
const HASH_DIGITS = 7;

interface Part {
  dir: string;
  language: string;
  entry: PagefindEntry;
  meta: PagefindMeta;
  /** Page number of this part's first page in the merged index. */
  offset: number;
  /** This part's metadata field numbers → the merged index's. */
  fields: number[];
}

/** Reads a part's entry and metadata; null for a part with no pages (Pagefind writes no language then). */
async function readPart(dir: string): Promise<Omit<Part, 'offset' | 'fields'> | null> {
  const entry = readEntry(dir);
  const languages = Object.keys(entry.languages);
  if (!languages.length) return null;
  if (languages.length > 1) throw new Error(`${dir}: 搜索索引分片应只有一种语言，实际为 ${languages.join('、')}`);
  const language = languages[0];
  const meta = await readPagefindFile<PagefindMeta>(metaFile(dir, entry.languages[language].hash));
  return { dir, language, entry, meta };
}

/** Reads one part's words in order, an index chunk at a time (the next one read ahead). */
class Cursor {
  chunk: ScannedChunk | null = null;
  at = -1;
  private next = 0;
  private ahead: Promise<ScannedChunk> | null = null;
  readonly part: Part;
  readonly order: number;
  private readonly fields: number[] | null;
  constructor(part: Part, order: number) {
    this.part = part;
    this.order = order;
    this.fields = part.fields.every((f, i) => f === i) ? null : part.fields;
  }

  private load(i: number): Promise<ScannedChunk> {
    const hash = this.part.meta[2][i][2];
    const loading = pagefindFileBody(indexFile(this.part.dir, hash)).then((body) => scanChunk(body, this.part.offset, this.fields));
    // Read ahead while the merge waits on other files: a failure is reported when it is awaited, not
    // as an unhandled rejection that would end the process before the build can clean up.
    loading.catch(() => undefined);
    return loading;
  }

  /** Moves to the next word; false at the end of the part. */
  async advance(): Promise<boolean> {
    this.at++;
    while (!this.chunk || this.at >= this.chunk.words.length) {
      if (this.next >= this.part.meta[2].length) return false;
      this.chunk = await (this.ahead ?? this.load(this.next));
      this.next++;
      this.ahead = this.next < this.part.meta[2].length ? this.load(this.next) : null;
      this.at = 0;
    }
    return true;
  }

  get word(): string {
    return this.chunk!.words[this.at];
  }

  get ref(): WordRef {
    return { chunk: this.chunk!, index: this.at };
  }
}

/** A binary heap of cursors by current word, then part order (so equal words come part by part). */
class CursorHeap {
  private items: Cursor[] = [];
  private less(a: Cursor, b: Cursor): boolean {
    const c = compareUtf8(a.word, b.word);
    return c < 0 || (c === 0 && a.order < b.order);
  }
  get size(): number {
    return this.items.length;
  }
  peek(): Cursor {
    return this.items[0];
  }
  push(c: Cursor): void {
    const h = this.items;
    h.push(c);
    for (let i = h.length - 1; i > 0; ) {
      const up = (i - 1) >> 1;
      if (!this.less(h[i], h[up])) break;
      [h[i], h[up]] = [h[up], h[i]];
      i = up;
    }
  }
  pop(): Cursor {
    const h = this.items;
    const top = h[0];
    const last = h.pop()!;
    if (h.length) {
      h[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

/** Names files by content hash, longer where two different contents would share a name. */
class Names {
  private taken = new Set<string>();
  private readonly language: string;
  constructor(language: string) {
    this.language = language;
  }
  name(body: Uint8Array, digits = HASH_DIGITS): string {
    let n = digits;
    let name = contentHash(this.language, body, n);
    while (this.taken.has(name) && n < 40) name = contentHash(this.language, body, ++n);
    this.taken.add(name);
    return name;
  }
}

/** Pagefind's chunk ranges: each boundary cut to the shortest prefixes that still tell the chunks apart. */
function trimRanges(chunks: MetaChunk[]): void {
  for (let i = 0; i + 1 < chunks.length; i++) {
    const a = [...chunks[i][1]];
    const b = [...chunks[i + 1][0]];
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common]) common++;
    const aPrefix = a.slice(0, common + 1).join('');
    if (compareUtf8(aPrefix, chunks[i][0]) >= 0) chunks[i][1] = aPrefix;
    chunks[i + 1][0] = b.slice(0, common + 1).join('');
  }
}

/** Whether Pagefind would sort a value as a number (it parses integers and decimals, nothing else). */
const isNumber = (v: string) => /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v);

/** What a merge wrote: counts, and the files taken as they are from the parts. */
export interface MergeReport {
  pages: number;
  words: number;
  chunks: number;
  /** Files of the merged bundle that are a part's file (linked or copied): path relative to the bundle → that file. */
  taken: Map<string, string>;
}

/** Merges the Pagefind bundles in `partDirs` (written with PART_FILE beside them) into one bundle in `outDir`. */
export async function mergeIndexes(partDirs: string[], outDir: string, chunkSize = CHUNK_SIZE): Promise<MergeReport> {
  if (!partDirs.length) throw new Error('没有可合并的搜索索引分片');
  const read = await Promise.all(partDirs.map(readPart));
  const withPages = read.flatMap((p, i) => (p ? [{ ...p, sorts: partSorts(partDirs[i]) }] : []));
  await mkdir(outDir, { recursive: true });
  // Pagefind's own files (script, wasm, UI) are the same in every part.
  const common = partDirs[0];
  for (const f of await readdir(common)) {
    if (f === 'pagefind-entry.json' || f.startsWith('jianbao-') || /^pagefind\..*\.pf_meta$/.test(f)) continue;
    if ((await stat(path.join(common, f))).isFile()) await copyFile(path.join(common, f), path.join(outDir, f));
  }
  if (!withPages.length) {
    // No part has a page: the archive's index is an empty one, as Pagefind writes it.
    await writeFile(path.join(outDir, 'pagefind-entry.json'), readFileSync(path.join(common, 'pagefind-entry.json')));
    writeChunkRanges(outDir);
    return { pages: 0, words: 0, chunks: 0, taken: new Map() };
  }
  const { language, entry } = withPages[0];
  const version = withPages[0].meta[0];
  for (const p of withPages) {
    if (p.language !== language || p.meta[0] !== version) throw new Error(`${p.dir}: 搜索索引分片的语言或 Pagefind 版本（${p.language} ${p.meta[0]}）与其他分片（${language} ${version}）不同`);
  }
  const metaFields = [...new Set(withPages.flatMap((p) => p.meta[5]))].sort(compareUtf8);
  let offset = 0;
  const parts: (Part & { sorts: PartSorts })[] = withPages.map((p) => {
    const part = { ...p, offset, fields: p.meta[5].map((f) => metaFields.indexOf(f)) };
    offset += p.meta[1].length;
    return part;
  });
  const pageCount = offset;

  // Fragments: copied under their names; a name two different pages share is lengthened.
  const fragmentSource = new Map<string, string>();
  const pages: MetaPage[] = [];
  for (const part of parts) {
    for (const page of part.meta[1]) {
      const src = fragmentFile(part.dir, page[0]);
      let name = page[0];
      const other = fragmentSource.get(name);
      if (other !== undefined) {
        const body = await pagefindFileBody(src);
        if (!body.equals(await pagefindFileBody(other))) {
          for (let n = HASH_DIGITS + 1; fragmentSource.has(name); n++) {
            if (n > 40) throw new Error(`${src}: 片段文件名与其他页面冲突，无法区分`);
            name = contentHash(language, body, n);
          }
        }
      }
      fragmentSource.set(name, src);
      pages.push([name, ...page.slice(1)] as MetaPage);
    }
  }
  await mkdir(path.join(outDir, 'fragment'), { recursive: true });
  // Linked, not copied, where the filesystem allows: parts and their merge are files nobody
  // changes in place (a part is replaced whole), and 30,000 copies cost seconds on every publish.
  await mapLimited([...fragmentSource], ([name, src]) => link(src, fragmentFile(outDir, name)).catch(() => copyFile(src, fragmentFile(outDir, name))));

  // Words: a k-way merge of the parts' words, cut into chunks as Pagefind cuts them.
  await mkdir(path.join(outDir, 'index'), { recursive: true });
  const chunkNames = new Names(language);
  const chunks: MetaChunk[] = [];
  const writing = new Set<Promise<void>>();
  let chunk: WordRef[][] = [];
  let size = 0;
  let words = 0;
  const flush = async () => {
    if (!chunk.length) return;
    const body = writeChunk(chunk);
    const name = chunkNames.name(body);
    const firstWord = chunk[0][0];
    const lastWord = chunk.at(-1)![0];
    chunks.push([firstWord.chunk.words[firstWord.index], lastWord.chunk.words[lastWord.index], name]);
    chunk = [];
    size = 0;
    // Compressed and written while the merge goes on.
    const w = pagefindFile(body)
      .then((file) => writeFile(indexFile(outDir, name), file))
      .finally(() => writing.delete(w));
    // Awaited below (race, then all); until then a failure must not count as unhandled.
    w.catch(() => undefined);
    writing.add(w);
    if (writing.size >= 4) await Promise.race(writing);
  };
  const heap = new CursorHeap();
  for (const [order, part] of parts.entries()) {
    const c = new Cursor(part, order);
    if (await c.advance()) heap.push(c);
  }
  while (heap.size) {
    const first = heap.pop();
    const same = [first];
    while (heap.size && heap.peek().word === first.word) same.push(heap.pop());
    const refs = same.map((c) => c.ref);
    for (const r of refs) size += r.chunk.size[r.index];
    chunk.push(refs);
    words++;
    for (const c of same) if (await c.advance()) heap.push(c);
    if (size >= chunkSize) await flush();
  }
  await flush();
  await Promise.all(writing);
  trimRanges(chunks);

  // Filters: each value's pages from every part, values in order.
  const filterValues = new Map<string, Map<string, number[]>>();
  for (const part of parts) {
    for (const [, hash] of part.meta[3]) {
      const [name, values] = await readPagefindFile<FilterIndex>(filterFile(part.dir, hash));
      const merged = filterValues.get(name) ?? new Map<string, number[]>();
      filterValues.set(name, merged);
      for (const [value, valuePages] of values) {
        const list = merged.get(value) ?? [];
        merged.set(value, list);
        for (const n of valuePages) list.push(n + part.offset);
      }
    }
  }
  await mkdir(path.join(outDir, 'filter'), { recursive: true });
  const filterNames = new Names(language);
  const filters: [string, string][] = [];
  for (const name of [...filterValues.keys()].sort(compareUtf8)) {
    const values = [...filterValues.get(name)!].sort((a, b) => compareUtf8(a[0], b[0]));
    const body = pagefindBody([name, values] satisfies FilterIndex);
    const hash = filterNames.name(body);
    await writeFile(filterFile(outDir, hash), await pagefindFile(body, true));
    filters.push([name, hash]);
  }

  // Sorts: every page with a value, by value (as numbers when every value is one), then page number.
  const sortKeys = [...new Set(parts.flatMap((p) => Object.keys(p.sorts.sorts)))].sort(compareUtf8);
  const sorts: [string, number[]][] = sortKeys.map((key) => {
    const valued: [string, number][] = [];
    for (const part of parts) (part.sorts.sorts[key] ?? []).forEach((v, i) => v !== null && valued.push([v, i + part.offset]));
    const numeric = valued.every(([v]) => isNumber(v));
    valued.sort((a, b) => (numeric ? Number(a[0]) - Number(b[0]) : compareUtf8(a[0], b[0])) || a[1] - b[1]);
    return [key, valued.map(([, n]) => n)];
  });

  const meta: PagefindMeta = [version, pages, chunks, filters, sorts, metaFields];
  const body = pagefindBody(meta);
  // Pagefind's metadata hash has as many digits as the language name has letters, plus eight.
  const metaHash = contentHash(language, body, language.length + 8);
  await writeFile(metaFile(outDir, metaHash), await pagefindFile(body, true));
  const outEntry: PagefindEntry = { ...entry, languages: { [language]: { ...entry.languages[language], hash: metaHash, page_count: pageCount } } };
  await writeFile(path.join(outDir, 'pagefind-entry.json'), JSON.stringify(outEntry));
  // The merged index's own sort values, so it can be a part of a larger merge in turn.
  const merged: PartSorts = {
    sorts: Object.fromEntries(sortKeys.map((key) => [key, parts.flatMap((p) => p.sorts.sorts[key] ?? new Array<null>(p.meta[1].length).fill(null))])),
  };
  await writeFile(path.join(outDir, PART_FILE), JSON.stringify(merged));
  writeChunkRanges(outDir);
  const taken = new Map([...fragmentSource].map(([name, src]) => [path.relative(outDir, fragmentFile(outDir, name)).split(path.sep).join('/'), src]));
  return { pages: pageCount, words, chunks: chunks.length, taken };
}

/** A part's sort values (PART_FILE); every part the build writes has one. */
function partSorts(dir: string): PartSorts {
  const file = path.join(dir, PART_FILE);
  if (!existsSync(file)) throw new Error(`${dir}: 缺少 ${PART_FILE}（不是本程序写出的搜索索引分片）`);
  return JSON.parse(readFileSync(file, 'utf8')) as PartSorts;
}
