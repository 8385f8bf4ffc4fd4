/**
 * `npm run dev` is the editors' preview: drafts and internal issues render,
 * each page under a 草稿/内部 banner (builds never contain drafts: fixture-build.test.ts).
 */
import path from 'node:path';
import { parse } from 'node-html-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { startDev, type DevServer } from '../helpers/dev.ts';

let dev: DevServer;
beforeAll(async () => void (dev = await startDev(path.join(PROJECT_ROOT, 'tests/fixtures/archive'))));
afterAll(async () => dev?.stop());

async function page(url: string) {
  const res = await fetch(new URL(url, dev.url));
  return { status: res.status, html: parse(await res.text()) };
}

describe('npm run dev previews unpublished issues', () => {
  it('renders a draft issue and its article under a 草稿 banner', async () => {
    for (const url of ['/alpha/2024/3/', '/alpha/2024/3/cao-gao/']) {
      const { status, html } = await page(url);
      expect(status, url).toBe(200);
      expect(html.querySelector('.status-banner--draft')!.textContent, url).toMatch(/^草稿/);
      expect(html.querySelector('meta[name="robots"]')!.getAttribute('content')).toBe('noindex');
    }
    expect((await page('/alpha/2024/3/')).html.querySelector('.masthead__title')!.textContent).toBe('测试市工作简报');
  });

  it('renders an internal issue under a 内部 banner, and lists both in the archive marked', async () => {
    const { status, html } = await page('/alpha/2024/2/');
    expect(status).toBe(200);
    expect(html.querySelector('.status-banner--internal')!.textContent).toMatch(/^内部/);
    const badges = (await page('/archive/2024/')).html.querySelectorAll('.issue-summary .badge').map((b) => b.textContent);
    expect(badges.sort()).toEqual(['内部', '草稿']);
  });

  it('leaves published pages without a banner', async () => {
    const { status, html } = await page('/alpha/2023/1/');
    expect(status).toBe(200);
    expect(html.querySelector('.status-banner')).toBeNull();
  });
});
