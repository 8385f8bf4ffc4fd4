/**
 * A site served under a folder of its host (BASE_PATH, as README's CI
 * recipes deploy it): site paths written in an article lead into the site,
 * on the article, issue and print pages alike.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { useBuiltContent } from '../helpers/built-content.ts';
import { hasPage, readPage } from '../helpers/dist.ts';

const site = useBuiltContent((content) => {
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), content, { recursive: true });
  const article = path.join(content, 'issues/alpha/2023/001/01-zhi-shou.mdx');
  writeFileSync(article, `${readFileSync(article, 'utf8')}\n详见[往期简报](/archive/)和[单位名单][d]。\n\n![站徽](/favicon.svg)\n\n[d]: /units/\n`);
}, { BASE_PATH: '/jb/' });

describe('an archive under BASE_PATH=/jb/', () => {
  it('puts the site paths of an article under the base on every page that shows it', () => {
    for (const page of ['/jb/alpha/2023/1/zhi-shou/', '/jb/alpha/2023/1/', '/jb/alpha/2023/1/print/']) {
      const body = readPage(site.dist, page.replace(/^\/jb/, ''));
      const hrefs = body.querySelectorAll('a').map((a) => a.getAttribute('href'));
      expect(hrefs, page).toContain('/jb/archive/');
      expect(hrefs, page).toContain('/jb/units/');
      expect(hrefs.filter((h) => h === '/archive/' || h === '/units/'), page).toEqual([]);
      expect(body.querySelectorAll('img').map((i) => i.getAttribute('src')), page).toContain('/jb/favicon.svg');
    }
    // Where they lead exists (dist/ holds the site without its base folder).
    for (const target of ['/jb/archive/', '/jb/units/']) expect(hasPage(site.dist, target.replace(/^\/jb/, '')), target).toBe(true);
  });
});
