/**
 * Pagefind loads, for each query word, only the index chunk whose word range
 * holds it — so a prefix whose words run on into the next chunks misses them.
 * @see https://github.com/Pagefind/pagefind (pagefind_web request_indexes: strict chunk only)
 * The build therefore lists the chunks' word ranges beside the index
 * (CHUNKS_FILE), and a short term's search adds probe words: words that occur
 * nowhere (Pagefind drops them from the search) but sort into each further
 * chunk, so Pagefind loads it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';

export const CHUNKS_FILE = 'jianbao-chunks.json';

/** A minimal CBOR reader: enough for Pagefind's metadata (numbers, strings, arrays, maps). */
function readCbor(buf: Uint8Array): unknown {
  let at = 0;
  const dec = new TextDecoder();
  const length = (info: number): number => {
    if (info < 24) return info;
    const n = 2 ** (info - 24);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + buf[at++];
    return v;
  };
  const item = (): unknown => {
    const head = buf[at++];
    const major = head >> 5;
    const info = head & 31;
    if (major === 7) return info === 20 ? false : info === 21 ? true : null;
    const n = length(info);
    if (major === 0) return n;
    if (major === 1) return -1 - n;
    if (major === 2 || major === 3) {
      const bytes = buf.subarray(at, at + n);
      at += n;
      return major === 3 ? dec.decode(bytes) : bytes;
    }
    if (major === 4) return Array.from({ length: n }, item);
    if (major === 5) return Object.fromEntries(Array.from({ length: n }, () => [item(), item()]));
    return item();
  };
  return item();
}

/** Reads the word range of every index chunk from a written Pagefind bundle and stores the list beside it. */
export function writeChunkRanges(bundleDir: string): [string, string][] {
  const entry = JSON.parse(readFileSync(path.join(bundleDir, 'pagefind-entry.json'), 'utf8')) as { languages: Record<string, { hash: string }> };
  const ranges: [string, string][] = [];
  for (const { hash } of Object.values(entry.languages)) {
    const raw = gunzipSync(readFileSync(path.join(bundleDir, `pagefind.${hash}.pf_meta`)));
    const meta = readCbor(raw.subarray('pagefind_dcd'.length)) as unknown[];
    for (const chunk of meta[2] as [string, string, string][]) ranges.push([chunk[0], chunk[1]]);
  }
  ranges.sort((a, b) => (a[0] < b[0] ? -1 : 1));
  writeFileSync(path.join(bundleDir, CHUNKS_FILE), JSON.stringify(ranges));
  return ranges;
}
