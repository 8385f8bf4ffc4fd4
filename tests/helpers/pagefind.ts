/** Loads a built site's real dist/pagefind/pagefind.js in Node, fetching over loopback. */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import type { PagefindApi } from '../../src/lib/search/query.ts';
import { serveDir, type Served } from '../../src/lib/site/static-server.ts';

export interface LoadedPagefind {
  api: PagefindApi;
  server: Served;
}

export async function loadPagefind(dist: string): Promise<LoadedPagefind> {
  const server = await serveDir(dist);
  const mod = await import(pathToFileURL(path.join(dist, 'pagefind/pagefind.js')).href);
  await mod.options({ basePath: `${server.url}/pagefind/` });
  await mod.init();
  await mod.filters();
  return { api: mod as PagefindApi, server };
}

/** Loads the index of `dist` for a describe block and closes its server afterwards. */
export function usePagefind(dist: string): { readonly api: PagefindApi } {
  let loaded: LoadedPagefind | undefined;
  beforeAll(async () => void (loaded = await loadPagefind(dist)));
  afterAll(async () => loaded?.server.close());
  return {
    get api() {
      return loaded!.api;
    },
  };
}
