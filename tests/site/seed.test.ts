/**
 * The sample issue in content/ is a real bulletin (../shared/seeds). Its
 * files and its built pages must carry exactly what the expected structure says.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import matter from 'gray-matter';
import { describe, expect, inject, it } from 'vitest';
import { readPage, textOf } from '../helpers/dist.ts';
import { PROJECT_ROOT } from '../helpers/build.ts';
import seed from './seed-expected.ts';
import { statSync } from 'node:fs';
import { distPath } from '../../src/lib/site/dist.ts';
import { pdfInfo } from '../helpers/pdf.ts';

const dist = inject('contentDist');
const issueDir = path.join(PROJECT_ROOT, 'content/issues/liaocheng-wenming/2021/028');

describe('seed issue 28 in content/', () => {
  it('stores every field, title, unit and paragraph exactly', () => {
    const issue = matter(readFileSync(path.join(issueDir, 'index.mdx'), 'utf8'));
    const series = matter(`---\n${readFileSync(path.join(PROJECT_ROOT, 'content/series/liaocheng-wenming.yaml'), 'utf8')}---\n`);
    const articles = readdirSync(issueDir).filter((f) => f !== 'index.mdx').sort().map((f) => {
      const { data, content } = matter(readFileSync(path.join(issueDir, f), 'utf8'));
      return { unit: data.unit ?? null, title: data.title, paragraphs: content.trim().split(/\n\s*\n/) };
    });
    const d = issue.data;
    expect({
      series: series.data.title,
      number: d.number,
      total: d.total ?? null,
      date: d.date instanceof Date ? d.date.toISOString().slice(0, 10) : d.date,
      issuer: d.issuer ?? series.data.issuer,
      classification: d.classification ?? null,
      intro: issue.content.trim() || null,
      reportTo: d.reportTo ?? [],
      copyTo: d.copyTo ?? [],
      sendTo: d.sendTo ?? [],
      copies: d.copies,
      articles,
    }).toEqual(seed);
  });

  it('shows every paragraph of every article on the built issue page, in order', () => {
    const page = readPage(dist, '/liaocheng-wenming/2021/28/');
    const sections = page.querySelectorAll('.issue-article');
    expect(sections).toHaveLength(seed.articles.length);
    seed.articles.forEach((a, i) => {
      expect(textOf(sections[i].querySelector('.article-heading__title')!)).toBe(a.title);
      expect(sections[i].querySelector('.article-heading__unit')?.textContent.trim() ?? null).toBe(a.unit);
      expect(sections[i].querySelectorAll('.prose p').map((p) => p.textContent)).toEqual(a.paragraphs);
    });
    expect(textOf(page.querySelector('.masthead__issuer')!)).toBe(seed.issuer);
    expect(textOf(page.querySelector('.masthead__date')!)).toBe('2021年5月12日');
    expect(textOf(page.querySelector('.masthead__number')!)).toBe('第 28 期');
    expect(page.querySelectorAll('.closing p').map(textOf)).toEqual([
      `报：${seed.reportTo.join('，')}`,
      `发：${seed.sendTo.join('，')}`,
      `共印 ${seed.copies} 份`,
    ]);
  });

  it('gives each article a page of its own with the same text', () => {
    const page = readPage(dist, '/liaocheng-wenming/2021/28/san-ge-qianghua/');
    expect(page.querySelectorAll('.prose p').map((p) => p.textContent)).toEqual(seed.articles[1].paragraphs);
  });

  it('labels every PDF link with the page count and size of the PDF the build rendered', () => {
    const link = readPage(dist, '/liaocheng-wenming/2021/28/').querySelector('.pdf-links__pdf')!;
    const file = distPath(dist, link.getAttribute('href')!);
    // Measured independently of the build: poppler's page count, the file's size.
    const expected = `下载 PDF（${pdfInfo(file).pages} 页，${Math.round(statSync(file).size / 1024)} KB）`;
    expect(textOf(link)).toBe(expected);
    const listed = readPage(dist, '/archive/').querySelectorAll('.pdf-links__pdf').find((a) => a.getAttribute('href') === link.getAttribute('href'))!;
    expect(listed.getAttribute('aria-label')).toBe(expected);
  });
});
