/**
 * Gates over real builds: every internal link and asset resolves, the main
 * page types are valid HTML (Nu Html Checker), feeds and sitemap describe
 * the public archive only.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'node-html-parser';
import { describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { distPath } from '../../src/lib/site/dist.ts';
import { allFiles } from '../helpers/dist.ts';

const SITE = 'http://localhost:4321';

function brokenLinks(dist: string): string[] {
  const broken: string[] = [];
  for (const file of allFiles(dist).filter((f) => f.endsWith('.html'))) {
    const html = parse(readFileSync(path.join(dist, file), 'utf8'));
    const pageUrl = new URL(`/${file.replace(/index\.html$/, '')}`, SITE);
    for (const el of html.querySelectorAll('[href], [src]')) {
      const ref = el.getAttribute('href') ?? el.getAttribute('src')!;
      if (/^(mailto:|tel:|data:|#)/.test(ref) || el.getAttribute('rel') === 'schema.DC') continue;
      const url = new URL(ref, pageUrl);
      if (url.origin !== SITE) continue;
      const target = distPath(dist, url.pathname);
      if (!existsSync(target) && !existsSync(path.join(target, 'index.html'))) broken.push(`${file}: ${ref}`);
    }
  }
  return broken;
}

describe('links', () => {
  it('resolve for every page of the fixture archive and of content/', () => {
    expect(brokenLinks(inject('fixtureDist'))).toEqual([]);
    expect(brokenLinks(inject('contentDist'))).toEqual([]);
  });
});

describe('HTML validity (Nu Html Checker)', () => {
  it('finds no errors on the main page types', () => {
    const dist = inject('contentDist');
    const fixture = inject('fixtureDist');
    const pages = [
      ...['/', '/archive/', '/archive/2021/', '/liaocheng-wenming/', '/liaocheng-wenming/2021/28/', '/liaocheng-wenming/2021/28/san-ge-qianghua/',
        '/liaocheng-wenming/2021/28/print/', '/units/', '/units/dongchangfuqu/', '/units/stats/', '/search/', '/404.html'].map((u) => distPath(dist, u)),
      ...['/alpha/2023/1/', '/alpha/2023/1/zhi-shou/'].map((u) => distPath(fixture, u)),
    ];
    const jar = path.join(PROJECT_ROOT, 'node_modules/vnu-jar/build/dist/vnu.jar');
    let out = '';
    try {
      execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...pages], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      out = String((e as { stderr?: string }).stderr ?? e);
    }
    const messages = out ? (JSON.parse(out).messages as { type: string; url: string; message: string }[]) : [];
    expect(messages.filter((m) => m.type === 'error').map((m) => `${m.url.split('/dist/')[1]}: ${m.message}`)).toEqual([]);
  });
});

describe('feeds and sitemap', () => {
  it('list published issues and articles with absolute links, and never print views', () => {
    const dist = inject('fixtureDist');
    const rss = readFileSync(path.join(dist, 'rss.xml'), 'utf8');
    expect([...rss.matchAll(/<item><title>([^<]+)<\/title>/g)].map((m) => m[1])).toEqual([
      '测试市安全生产简报 2024年第 1 期', '测试市工作简报 2024年第 1 期', '测试市工作简报 2023年第 2 期', '测试市工作简报 2023年第 1 期',
    ]);
    expect(rss).toContain(`<link>${SITE}/alpha/2023/1/</link>`);
    const articles = readFileSync(path.join(dist, 'articles.xml'), 'utf8');
    expect(articles).toContain('<title>东区：元旦假期值守工作平稳有序</title>');
    const sitemap = readFileSync(path.join(dist, 'sitemap-0.xml'), 'utf8');
    expect(sitemap).toContain(`${SITE}/alpha/2023/1/zhi-shou/`);
    expect(sitemap).not.toContain('/print/');
    expect(sitemap).not.toContain('/alpha/2024/2/');
  });

  it('puts canonical, Open Graph and Dublin Core metadata on reading pages', () => {
    const page = parse(readFileSync(distPath(inject('contentDist'), '/liaocheng-wenming/2021/28/san-ge-qianghua/'), 'utf8'));
    expect(page.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`${SITE}/liaocheng-wenming/2021/28/san-ge-qianghua/`);
    expect(page.querySelector('meta[property="og:type"]')!.getAttribute('content')).toBe('article');
    expect(page.querySelector('meta[name="DC.creator"]')!.getAttribute('content')).toBe('东昌府区');
    expect(page.querySelector('meta[name="DC.date"]')!.getAttribute('content')).toBe('2021-05-12');
    expect(page.querySelector('html')!.getAttribute('lang')).toBe('zh-CN');
  });
});

describe('unit statistics', () => {
  it('counts articles per unit per year in a table and a bar chart', () => {
    const page = parse(readFileSync(distPath(inject('fixtureDist'), '/units/stats/'), 'utf8'));
    const rows = page.querySelectorAll('.stats-table tbody tr').map((tr) => tr.querySelectorAll('th, td').map((c) => c.textContent.trim()));
    expect(rows[0]).toEqual(['东区', '2', '1', '3']);
    expect(page.querySelectorAll('.unit-chart svg rect')).toHaveLength(rows.length);
    expect(page.querySelectorAll('script')).toHaveLength(0);
  });
});
