/**
 * Query time on the real /search/ page in Chromium: cold (a fresh browser
 * context loads the page, pagefind.js, the wasm and the index chunks, then
 * shows the first results) and warm (a second query on the same page, with
 * what is already loaded reused). Wall time from navigation or submit to the
 * results being on screen, as a reader waits for them.
 */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/lib/print/chromium.ts';
import { serveDir } from '../../src/lib/site/static-server.ts';

export interface BrowserQueryTimes {
  coldMs: number;
  warmMs: number;
}

const done = (before: string | undefined) => document.documentElement.dataset.searchDone !== before && !/正在/.test(document.querySelector('#search-status')?.textContent ?? '');

/** Times `query` cold and then `warmQuery` warm on the /search/ page of a built site. */
export async function browserQueryTimes(distDir: string, chromiumPath: string, query: string, warmQuery: string): Promise<BrowserQueryTimes> {
  const server = await serveDir(distDir);
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, headless: true });
  try {
    const page = await (await browser.newContext()).newPage();
    let t = performance.now();
    await page.goto(`${server.url}/search/?q=${encodeURIComponent(query)}`);
    await page.waitForFunction(done, undefined, { timeout: 120_000 });
    const coldMs = performance.now() - t;
    const before = await page.evaluate(() => document.documentElement.dataset.searchDone);
    await page.fill('#search-q', warmQuery);
    t = performance.now();
    await page.press('#search-q', 'Enter');
    await page.waitForFunction(done, before, { timeout: 120_000 });
    return { coldMs, warmMs: performance.now() - t };
  } finally {
    await browser.close();
    await server.close();
  }
}
