/**
 * Pagefind loads, for each query word, only the index chunk whose word range
 * holds it — so a prefix whose words run on into the next chunks misses them.
 * @see https://github.com/Pagefind/pagefind (pagefind_web request_indexes: strict chunk only)
 * The build therefore lists the chunks' word ranges beside the index
 * (CHUNKS_FILE), and a short term's search adds probe words: words that occur
 * nowhere (Pagefind drops them from the search) but sort into each further
 * chunk, so Pagefind loads it.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { compareUtf8, metaFile, readEntry, readPagefindFileSync, type PagefindMeta } from './bundle.ts';

export const CHUNKS_FILE = 'jianbao-chunks.json';

/** Reads the word range of every index chunk from a written Pagefind bundle and stores the list beside it. */
export function writeChunkRanges(bundleDir: string): [string, string][] {
  const ranges: [string, string][] = [];
  for (const { hash } of Object.values(readEntry(bundleDir).languages)) {
    for (const [from, to] of readPagefindFileSync<PagefindMeta>(metaFile(bundleDir, hash))[2]) ranges.push([from, to]);
  }
  ranges.sort((a, b) => compareUtf8(a[0], b[0]));
  writeFileSync(path.join(bundleDir, CHUNKS_FILE), JSON.stringify(ranges));
  return ranges;
}
