/** The site works under the strict Content-Security-Policy documented in README. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { CSP, SEARCH_CSP } from '../../src/lib/site/csp.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { useSiteInBrowser } from './harness.ts';

const site = useSiteInBrowser(inject('contentDist'), (p) => ({
  'Content-Security-Policy': p.startsWith('/search/') || p.startsWith('/pagefind/') ? SEARCH_CSP : CSP,
}));

describe('Content-Security-Policy', () => {
  it('blocks nothing on reading, search and print pages', async () => {
    const page = await site.browser.newPage();
    const refused: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused/.test(m.text())) refused.push(m.text());
    });
    await page.goto(`${site.url}/liaocheng-wenming/2021/28/`);
    await page.goto(`${site.url}/search/?q=${encodeURIComponent('斗虎巷')}`);
    await page.waitForSelector('.search-result');
    await page.goto(`${site.url}/liaocheng-wenming/2021/28/print/`);
    await page.waitForSelector('html[data-print-ready]');
    expect(refused).toEqual([]);
    await page.close();
  });

  it('is the policy README tells operators to send', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(CSP);
    expect(readme).toContain(SEARCH_CSP);
  });
});
