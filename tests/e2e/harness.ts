/**
 * One Chromium and one loopback server over a built site for a test file:
 * registers the hooks and hands back getters, so each file states only what
 * it tests.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { serveDir, type Served } from '../../src/lib/site/static-server.ts';
import { launchBrowser } from './browser.ts';

export interface SiteInBrowser {
  readonly browser: Browser;
  /** Origin of the served site, e.g. http://127.0.0.1:43567 */
  readonly url: string;
}

export function useSiteInBrowser(dist: string, headers?: (pathname: string) => Record<string, string>): SiteInBrowser {
  let browser: Browser | undefined;
  let server: Served | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    server = await serveDir(dist, '/', { headers, compress: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get browser() {
      return browser!;
    },
    get url() {
      return server!.url;
    },
  };
}
