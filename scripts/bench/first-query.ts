/**
 * What a browser downloads for its first search: pagefind.js, the wasm, the
 * index entry, metadata, the index chunks the query needs, the filter index
 * and the fragments of the first page of results. Measured by loading the
 * real pagefind.js with a fetch that counts bytes.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { searchArchive, type PagefindApi } from '../../src/lib/search/query.ts';
import { serveDir } from '../../src/lib/site/static-server.ts';

export interface FirstQueryBytes {
  pagefindJs: number;
  fetched: number;
  requests: number;
  results: number;
  /** Pagefind searches the query took. */
  searches: number;
}

/** Bytes fetched for a first search of `query`, with the facets of `filters` applied. */
export async function firstQueryBytes(distDir: string, query: string, shown = 10, filters: Record<string, string[]> = {}): Promise<FirstQueryBytes> {
  const server = await serveDir(distDir);
  const realFetch = globalThis.fetch;
  let fetched = 0;
  let requests = 0;
  globalThis.fetch = async (input, init) => {
    const res = await realFetch(input, init);
    const body = await res.arrayBuffer();
    fetched += body.byteLength;
    requests++;
    return new Response(body, { status: res.status, headers: res.headers });
  };
  try {
    const mod = await import(`${pathToFileURL(path.join(distDir, 'pagefind/pagefind.js')).href}?bench=${Date.now()}`);
    await mod.options({ basePath: `${server.url}/pagefind/` });
    await mod.init();
    await mod.filters();
    // As the search page does: the chunks' word list only if a term is short enough to need it.
    const ranges = async () => (await globalThis.fetch(`${server.url}/pagefind/jianbao-chunks.json`)).json();
    const found = await searchArchive(mod as PagefindApi, query, filters, 'relevance', ranges);
    await Promise.all(found.results.slice(0, shown).map((r) => r.data()));
    return { pagefindJs: statSync(path.join(distDir, 'pagefind/pagefind.js')).size, fetched, requests, results: found.results.length, searches: found.searches };
  } finally {
    globalThis.fetch = realFetch;
    await server.close();
  }
}
