/**
 * Query time on the real /search/ page in Chromium: cold (a fresh browser
 * context loads the page, pagefind.js, the wasm and the index chunks, then
 * shows the first results) and warm (a second query on the same page, with
 * what is already loaded reused). Wall time from navigation or submit to the
 * results being on screen, as a reader waits for them. The site is served as
 * static hosts serve it (text gzipped), and the cold query's Pagefind files
 * are counted as they come over the wire and once decoded — in the browser
 * the runtime is pagefind.js and its worker script, which a count in Node
 * (first-query.ts) does not see.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/lib/print/chromium.ts';
import { serveDir } from '../../src/lib/site/static-server.ts';

export interface BrowserQueryTimes {
  coldMs: number;
  warmMs: number;
  /** The cold query's requests under /pagefind/: how many, bytes transferred, bytes once decoded. */
  cold: { requests: number; transferredBytes: number; decodedBytes: number };
}

const done = (before: string | undefined) => document.documentElement.dataset.searchDone !== before && !/正在/.test(document.querySelector('#search-status')?.textContent ?? '');

/** Times `query` cold and then `warmQuery` warm on the /search/ page of a built site. */
export async function browserQueryTimes(distDir: string, chromiumPath: string, query: string, warmQuery: string): Promise<BrowserQueryTimes> {
  const server = await serveDir(distDir, '/', { compress: true });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await (await browser.newContext()).newPage();
    const counted: Promise<[number, number]>[] = [];
    page.on('requestfinished', (request) => {
      if (!new URL(request.url()).pathname.startsWith('/pagefind/')) return;
      counted.push(Promise.all([request.sizes(), request.response()]).then(async ([sizes, res]) => [sizes.responseBodySize, (await res?.body())?.length ?? 0]));
    });
    let t = performance.now();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(done, undefined, { timeout: 120_000 });
    const coldMs = performance.now() - t;
    const sizes = await Promise.all(counted.splice(0));
    const cold = { requests: sizes.length, transferredBytes: sizes.reduce((a, [n]) => a + n, 0), decodedBytes: sizes.reduce((a, [, n]) => a + n, 0) };
    const before = await page.evaluate(() => document.documentElement.dataset.searchDone);
    await page.fill('#search-q', warmQuery);
    t = performance.now();
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(done, before, { timeout: 120_000 });
    return { coldMs, warmMs: performance.now() - t, cold };
  } finally {
    await browser.close();
    await server.close();
  }
}
