/**
 * Frontmatter is data too: markup in every text field of a series, issue and
 * article (titles, units, recipients, summaries, tags) must come out as text
 * on every page, in the feeds and in the catalogue, never as elements or
 * attributes. A real build of a small tree whose every field is an attack.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { allFiles, readPage, textOf } from '../helpers/dist.ts';

const tree = path.join(PROJECT_ROOT, 'tests/fixtures/unsafe/frontmatter');
// Every payload calls alert with a marker starting "fm-".
const MARKER = /alert\(['`]fm-/;

describe('markup in frontmatter', () => {
  let dist: string;
  beforeAll(async () => {
    dist = (await buildSite(tree, { CHROMIUM_PATH: '/nonexistent/chromium' })).outDir;
  }, 300_000);

  it('never becomes an element or an attribute on any page', () => {
    const pages = allFiles(dist).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    const injected: string[] = [];
    for (const file of pages) {
      for (const el of parse(readFileSync(path.join(dist, file), 'utf8')).querySelectorAll('*')) {
        const attrs = Object.entries(el.attributes);
        if (attrs.some(([name]) => /^on/i.test(name))) injected.push(`${file}: <${el.tagName} ${attrs.map(([n]) => n).join(' ')}>`);
        if (['SCRIPT', 'IFRAME', 'IMG', 'B'].includes(el.tagName) && MARKER.test(el.toString())) injected.push(`${file}: ${el.toString().slice(0, 80)}`);
        if (el.tagName === 'SCRIPT' && MARKER.test(el.text)) injected.push(`${file}: script ${el.text.slice(0, 60)}`);
      }
    }
    expect(injected).toEqual([]);
  });

  it('shows it as typed text where readers see it', () => {
    const page = readPage(dist, '/epsilon/2024/1/wen/');
    expect(textOf(page.querySelector('title')!)).toContain("</title><script>alert('fm-article-title')</script>标题");
    expect(textOf(page.querySelector('h1')!)).toBe("</title><script>alert('fm-article-title')</script>标题 ]]> &amp;");
    expect(textOf(page.querySelector('.article-heading__unit')!)).toBe(`"><img src=x onerror=alert('fm-article-unit')>单位`);
  });

  it('keeps the feeds free of raw markup and the catalogue valid JSON', () => {
    for (const feed of allFiles(dist).filter((f) => f.endsWith('.xml'))) {
      const xml = readFileSync(path.join(dist, feed), 'utf8');
      expect(xml, feed).not.toMatch(/<(script|img|svg|iframe|b)\b/i);
      // No CDATA section was closed early: every "]]>" in the text is escaped.
      expect(xml, feed).not.toContain(']]><');
    }
    const catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
    expect(JSON.stringify(catalog)).toContain("alert('fm-article-title')");
  });
});
