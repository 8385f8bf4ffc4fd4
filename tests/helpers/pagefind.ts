/** Loads a built site's real dist/pagefind/pagefind.js in Node, fetching over loopback. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { CHUNKS_FILE } from '../../src/lib/search/chunks.ts';
import type { PagefindApi } from '../../src/lib/search/query.ts';
import { serveDir, type Served } from '../../src/lib/site/static-server.ts';

export interface LoadedPagefind {
  api: PagefindApi;
  /** The index chunks' word ranges, for searchArchive. */
  ranges: [string, string][];
  server: Served;
}

export async function loadPagefind(dist: string): Promise<LoadedPagefind> {
  const server = await serveDir(dist);
  const mod = await import(pathToFileURL(path.join(dist, 'pagefind/pagefind.js')).href);
  await mod.options({ basePath: `${server.url}/pagefind/` });
  await mod.init();
  await mod.filters();
  const ranges = JSON.parse(readFileSync(path.join(dist, 'pagefind', CHUNKS_FILE), 'utf8'));
  return { api: mod as PagefindApi, ranges, server };
}

/** Loads the index of `dist` for a describe block and closes its server afterwards. */
export function usePagefind(dist: string): { readonly api: PagefindApi; readonly ranges: [string, string][] } {
  let loaded: LoadedPagefind | undefined;
  beforeAll(async () => void (loaded = await loadPagefind(dist)));
  afterAll(async () => loaded?.server.close());
  return {
    get api() {
      return loaded!.api;
    },
    get ranges() {
      return loaded!.ranges;
    },
  };
}
