/**
 * A Pagefind bundle read whole and described without its page numbering:
 * pages are named by their fragment files and metadata fields by name, so an
 * index merged from parts can be compared with the one Pagefind writes for
 * all the records at once.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { filterFile, indexFile, metaFile, readEntry, readPagefindFileSync, type FilterIndex, type IndexChunk, type PagefindMeta, type WordPage } from '../../src/lib/search/bundle.ts';
import { PART_FILE, type PartSorts } from '../../src/lib/search/merge.ts';

export interface BundleDescription {
  version: string;
  pageCount: number;
  /** Fragment name → the rest of its metadata entry (word count…). */
  pages: Record<string, unknown[]>;
  chunkRanges: [string, string][];
  metaFields: string[];
  /** Word → page (fragment name) → positions and metadata positions (field names for field marks). */
  words: Record<string, Record<string, [number[], (number | string)[]]>>;
  variants: Record<string, Record<string, Record<string, [number[], (number | string)[]]>>>;
  /** Filter → value → its pages (sorted names). */
  filters: Record<string, Record<string, string[]>>;
  /** Sort key → the pages in order, as their sort values (ties may come in either order), and the set of pages. */
  sorts: Record<string, { values: (string | null)[]; pages: string[] }>;
  /** Every other file (Pagefind's scripts, fragments): relative path → size. */
  files: Record<string, number>;
}

function pageMap(pages: WordPage[], names: string[], fields: string[]): Record<string, [number[], (number | string)[]]> {
  const out: Record<string, [number[], (number | string)[]]> = {};
  let n = 0;
  for (const [delta, locs, metaLocs] of pages) {
    n += delta;
    out[names[n]] = [locs, metaLocs.map((x) => (x < 0 ? `field:${fields[-x - 1]}` : x))];
  }
  return out;
}

/** Reads and describes the bundle in `dir`. */
export function describeBundle(dir: string): BundleDescription {
  const entry = readEntry(dir);
  const [language] = Object.keys(entry.languages);
  const meta = readPagefindFileSync<PagefindMeta>(metaFile(dir, entry.languages[language].hash));
  const [version, pages, chunks, filters, sorts, metaFields] = meta;
  const names = pages.map((p) => p[0]);
  const d: BundleDescription = {
    version,
    pageCount: entry.languages[language].page_count,
    pages: Object.fromEntries(pages.map((p) => [p[0], p.slice(1)])),
    chunkRanges: chunks.map(([from, to]) => [from, to]),
    metaFields,
    words: {},
    variants: {},
    filters: {},
    sorts: {},
    files: {},
  };
  for (const [, , hash] of chunks) {
    for (const [word, wordPages, variants] of readPagefindFileSync<IndexChunk>(indexFile(dir, hash))[0]) {
      d.words[word] = pageMap(wordPages, names, metaFields);
      if (variants.length) d.variants[word] = Object.fromEntries(variants.map(([form, vp]) => [form, pageMap(vp, names, metaFields)]));
    }
  }
  for (const [name, hash] of filters) {
    const [filter, values] = readPagefindFileSync<FilterIndex>(filterFile(dir, hash));
    d.filters[name] = Object.fromEntries(values.map(([v, ps]) => [v, ps.map((n) => names[n]).sort()]));
    if (filter !== name) throw new Error(`${hash}: filter ${filter} listed as ${name}`);
  }
  const sortValues = (JSON.parse(readFileSync(path.join(dir, PART_FILE), 'utf8')) as PartSorts).sorts;
  for (const [key, order] of sorts) d.sorts[key] = { values: order.map((n) => sortValues[key]?.[n] ?? null), pages: order.map((n) => names[n]).sort() };
  const walk = (sub: string) => {
    for (const f of readdirSync(path.join(dir, sub))) {
      const rel = path.join(sub, f);
      if (statSync(path.join(dir, rel)).isDirectory()) {
        if (rel !== 'index' && rel !== 'filter') walk(rel);
      } else if (!/^pagefind\..*\.pf_meta$|^pagefind-entry\.json$|^jianbao-/.test(rel)) d.files[rel] = statSync(path.join(dir, rel)).size;
    }
  };
  walk('');
  return d;
}
