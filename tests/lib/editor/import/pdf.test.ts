/**
 * PDFs made three ways, imported back: Jianbao's own print PDFs (a real
 * build with Chromium), a plain A4 document printed by Chromium with page
 * numbers and a running header, and a Word file converted by LibreOffice.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import matter from 'gray-matter';
import { beforeAll, describe, expect, it } from 'vitest';
import { unescapeMdxText } from '../../../../src/lib/content/mdx-text.ts';
import { writeContent } from '../../../../src/lib/content/write.ts';
import type { Catalog } from '../../../../src/lib/site/catalog.ts';
import { issueFiles, seriesFile } from '../../../../src/lib/editor/issue-files.ts';
import { ImportError, type ImportedIssue } from '../../../../src/lib/editor/import/model.ts';
import { importBulletin } from '../../../../src/lib/editor/import/read.ts';
import { buildSite, PROJECT_ROOT } from '../../../helpers/build.ts';
import { PLAIN_STYLE, printHtml } from './make-pdf.ts';
import { masthead, PNG, title, unit, wordFile } from './word.ts';

const run = promisify(execFile);
const SEED = { series: 'liaocheng-wenming', year: 2021, number: 28 };

/** The issue as its content files and the built catalog say it is, in the importer's shape. */
function expectedIssue(root: string, catalog: Catalog, i: Catalog['issues'][number]): ImportedIssue {
  const dir = path.join(root, 'issues', i.series, String(i.year), String(i.number).padStart(3, '0'));
  const paras = (s: string) => (s.trim() ? s.trim().split(/\n\n/).map((p) => (p.startsWith('|') ? p : unescapeMdxText(p))) : []);
  const intro = paras(matter(readFileSync(path.join(dir, 'index.mdx'), 'utf8')).content);
  const files = readdirSync(dir).filter((f) => /^\d+-.*\.mdx$/.test(f)).sort();
  return {
    series: catalog.series.find((s) => s.id === i.series)!.title,
    number: i.number,
    total: i.total,
    date: i.date,
    issuer: i.issuer,
    classification: i.classification,
    intro: intro.length ? intro.join('\n\n') : null,
    reportTo: i.reportTo,
    copyTo: i.copyTo,
    sendTo: i.sendTo,
    copies: i.copies,
    articles: files.map((f) => {
      const a = matter(readFileSync(path.join(dir, f), 'utf8'));
      return { unit: a.data.unit ?? null, title: a.data.title, paragraphs: paras(a.content) };
    }),
  };
}

/** Compares what matters for a round trip; `markdown` indexes are the reader's business. */
function comparable({ internal, ...issue }: ImportedIssue): ImportedIssue {
  return { ...issue, articles: issue.articles.map(({ unit: u, title: t, paragraphs }) => ({ unit: u, title: t, paragraphs })) };
}

describe('Jianbao’s own PDFs import back to the same issue', () => {
  let root: string;
  let dist: string;
  let catalog: Catalog;
  beforeAll(async () => {
    root = path.join(await mkdtemp(path.join(tmpdir(), 'jianbao-roundtrip-')), 'content');
    // The seed issue (found by its identity), the fixture archive, and two imported issues with the variants.
    cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), root, { recursive: true });
    cpSync(path.join(PROJECT_ROOT, 'content/series', `${SEED.series}.yaml`), path.join(root, 'series', `${SEED.series}.yaml`));
    cpSync(path.join(PROJECT_ROOT, 'content/issues', SEED.series, String(SEED.year), String(SEED.number).padStart(3, '0')), path.join(root, 'issues', SEED.series, String(SEED.year), String(SEED.number).padStart(3, '0')), { recursive: true });
    const variants = await importBulletin(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/import/variants.txt')));
    await writeContent(root, [seriesFile('variants', variants.issue.series, variants.issue.issuer), ...issueFiles(variants.issue, 'variants', variants.issue.issuer)]);
    const built = await buildSite(root, { BULLETIN_INCLUDE: 'internal' });
    dist = built.outDir;
    catalog = JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
  }, 600_000);

  it('builds a PDF for every issue, the seed among them', () => {
    expect(catalog.issues.filter((i) => i.pdfUrl).map((i) => `${i.series}/${i.year}/${i.number}`)).toContain(`${SEED.series}/${SEED.year}/${SEED.number}`);
    expect(catalog.issues.every((i) => i.pdfUrl)).toBe(true);
  });

  it('imports each PDF to exactly its issue: fields, titles, units, paragraphs', async () => {
    expect(catalog.issues.length).toBeGreaterThanOrEqual(7);
    for (const i of catalog.issues) {
      const pdf = readFileSync(path.join(dist, decodeURI(i.pdfUrl!).replace(/^\//, '')));
      const got = await importBulletin(pdf, i.pdfUrl!);
      expect(got.format).toBe('pdf');
      expect(comparable(got.issue), i.pdfUrl!).toEqual(expectedIssue(root, catalog, i));
      // An intranet copy of an internal issue imports as internal again, with or without a mark.
      if (i.status === 'internal') expect(Boolean(got.issue.internal || got.issue.classification), i.pdfUrl!).toBe(true);
    }
  });
});

describe('a PDF printed by Chromium from a plain document', () => {
  const long = '东区组织力量开展燃气安全大排查，共排查餐饮场所一千二百家、居民小区八十个，发现并整改隐患三十六处，对重点单位实行挂牌督办，确保隐患动态清零。';
  const body = Array.from({ length: 14 }, (_, n) => `<p>${long.replace('东区', `第${n + 1}段东区`)}</p>`).join('');
  it('rebuilds paragraphs across pages and drops page numbers and the running header', async () => {
    const html = `<html><head><meta charset="utf-8">${PLAIN_STYLE}</head><body>
      <p class="n">机密★1年</p><p class="c m">某市督查专报</p><p class="c">（第5期）</p>
      <p class="n">某市人民政府督查室编印　　　　　　2021.5.12</p>
      <p class="c">目  录</p><p class="n">★东区推进燃气安全整治</p><p class="n">★西区网格化管理见成效</p>
      <p class="c">东区</p><p class="c t">推进燃气安全整治</p>${body}
      <p class="c">图为东区工作人员检查燃气管道</p>
      <p class="c t">西区网格化管理见成效</p><p>西区把斗虎巷片区划为八个网格。</p>
      <p class="n">抄送：市人大常委会办公室，市政协办公室，</p><p class="n">市纪委监委</p><p class="r">（共印30份）</p>
    </body></html>`;
    const pdf = await printHtml(html, {
      header: '<div style="font-size:10pt;width:100%;text-align:center">某市督查专报</div>',
      footer: '<div style="font-size:12pt;width:100%;text-align:center">— <span class="pageNumber"></span> —</div>',
    });
    const r = await importBulletin(pdf);
    expect(r.detail).toMatch(/PDF，[2-9] 页，去掉页码和页眉 \d+ 行/);
    expect(r.issue).toEqual({
      series: '某市督查专报', number: 5, total: null, date: '2021-05-12', issuer: '某市人民政府督查室', classification: '机密★1年', intro: null,
      reportTo: [], copyTo: ['市人大常委会办公室', '市政协办公室', '市纪委监委'], sendTo: [], copies: 30,
      articles: [
        { unit: '东区', title: '推进燃气安全整治', paragraphs: [...Array.from({ length: 14 }, (_, n) => long.replace('东区', `第${n + 1}段东区`)), '图为东区工作人员检查燃气管道'] },
        { unit: null, title: '西区网格化管理见成效', paragraphs: ['西区把斗虎巷片区划为八个网格。'] },
      ],
    });
  });

  it('drops the running header of a two-page document too', async () => {
    const paras = Array.from({ length: 5 }, (_, n) => `<p>${long.replace('东区', `第${n + 1}段东区`)}</p>`).join('');
    const html = `<html><head><meta charset="utf-8">${PLAIN_STYLE}</head><body><p class="c m">某市督查专报</p><p class="c">第5期</p><p class="n">某市人民政府督查室　　　　2021年5月12日</p>
      <p class="c t">东区推进燃气安全整治</p>${paras}<p style="break-before:page">第6段正文。</p><p class="n">发：各区人民政府</p></body></html>`;
    const r = await importBulletin(await printHtml(html, { header: '<div style="font-size:10pt;width:100%;text-align:center">某市督查专报</div>' }));
    expect(r.detail).toMatch(/PDF，2 页，去掉页码和页眉 [12] 行/);
    expect(r.issue.articles[0].paragraphs).toEqual([...Array.from({ length: 5 }, (_, n) => long.replace('东区', `第${n + 1}段东区`)), '第6段正文。']);
  });

  it('reads a contents list with page numbers at the right margin as contents, not as a table', async () => {
    const item = (t: string, page: number) => `<p class="n" style="position:relative">◆ ${t}<span style="position:absolute;right:0">${page}</span></p>`;
    const html = `<html><head><meta charset="utf-8">${PLAIN_STYLE}</head><body><p class="c m">某市工作简报</p><p class="c">第5期</p><p class="n">某市办公室　　　　　　2021年5月12日</p>
      <p class="c">目  录</p>${item('东区推进燃气安全整治', 1)}${item('西区网格化管理见成效', 2)}
      <p class="c t">东区推进燃气安全整治</p><p>正文一。</p><p class="c t">西区网格化管理见成效</p><p>正文二。</p></body></html>`;
    const r = await importBulletin(await printHtml(html));
    expect(r.issue.articles.map((a) => [a.title, a.paragraphs])).toEqual([['东区推进燃气安全整治', ['正文一。']], ['西区网格化管理见成效', ['正文二。']]]);
  });

  it('stops on a scanned PDF (no text layer), asking for OCR', async () => {
    const pdf = await printHtml(`<html><body><img src="data:image/png;base64,${PNG.toString('base64')}" width="400" height="560"></body></html>`);
    await expect(importBulletin(pdf)).rejects.toThrow(ImportError);
    await expect(importBulletin(pdf)).rejects.toThrow(/没有文字层，是扫描件.*OCR/);
  });
});

describe('a text file printed to PDF by LibreOffice', () => {
  it('keeps each paragraph whole, though its lines end ragged and nothing is indented', async () => {
    // The seed bulletin as a text file with one paragraph per line: LibreOffice sets it left-aligned,
    // unindented, and half-width commas and numbers leave lines a few characters short.
    const seed = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/seed/000_6afe2561fe3ced3e.expected.json'), 'utf8')) as ImportedIssue;
    const text = [
      seed.series, `第 ${seed.number} 期`, seed.issuer, '2021 年 5 月 12 日',
      seed.articles.map((a) => `- ${a.title}`).join('\n'),
      ...seed.articles.flatMap((a) => [a.unit ? `${a.unit} ${a.title}` : a.title, ...a.paragraphs]),
      `报：${seed.reportTo.join('，')}`, `发：${seed.sendTo.join('，')}`, `共印 ${seed.copies} 份`,
    ].join('\n\n');
    const work = await mkdtemp(path.join(tmpdir(), 'jianbao-lo-txt-'));
    await writeFile(path.join(work, 'seed.txt'), `${text}\n`);
    await run('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, path.join(work, 'seed.txt')], { timeout: 240_000 });
    const fromText = await importBulletin(readFileSync(path.join(work, 'seed.txt')));
    const fromPdf = await importBulletin(readFileSync(path.join(work, 'seed.pdf')));
    expect(fromPdf.format).toBe('pdf');
    expect(fromPdf.issue.articles.map((a) => a.paragraphs)).toEqual(fromText.issue.articles.map((a) => a.paragraphs));
    expect(fromText.issue.articles.map((a) => a.paragraphs)).toEqual(seed.articles.map((a) => a.paragraphs));
  }, 300_000);
});

describe('a PDF converted from Word by LibreOffice', () => {
  it('imports to the same issue as the Word file itself', async () => {
    const work = await mkdtemp(path.join(tmpdir(), 'jianbao-lo-'));
    const docx = path.join(work, 'bulletin.docx');
    await writeFile(docx, await wordFile([
      { text: '内部资料', bold: true },
      masthead('某市工作简报'),
      { text: '2021年第5期（总第100期）', centre: true },
      { text: '某市人民政府办公室\t\t\t2021年5月12日' },
      { text: '本期要目', centre: true, bold: true },
      '1.东区推进燃气安全整治',
      '2.西区网格化管理见成效',
      unit('东区'),
      title('推进燃气安全整治'),
      '东区组织力量开展燃气安全大排查，共排查餐饮场所一千二百家、居民小区八十个，发现并整改隐患三十六处，对重点单位实行挂牌督办。',
      '一、加强组织领导',
      '成立工作专班，每周调度。',
      title('西区网格化管理见成效'),
      '西区把斗虎巷片区划为八个网格。',
      { text: '报：市委、市政府领导' },
      { text: '发：各区人民政府' },
      { text: '共印30份', right: true },
    ]));
    // The seed bulletin typed into Word (left-aligned, so lines end ragged), six pages once converted.
    const seed = JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'tests/fixtures/seed/000_6afe2561fe3ced3e.expected.json'), 'utf8')) as ImportedIssue;
    const seedDocx = path.join(work, 'seed.docx');
    await writeFile(seedDocx, await wordFile([
      masthead(seed.series),
      { text: `第${seed.number}期`, centre: true },
      { text: `${seed.issuer}\t\t2021年5月12日` },
      ...seed.articles.map((a) => `◆ ${a.unit ?? ''}${a.title}`),
      ...seed.articles.flatMap((a) => [...(a.unit ? [unit(a.unit)] : []), title(a.title), ...a.paragraphs]),
      { text: `报：${seed.reportTo.join('，')}` },
      { text: `发：${seed.sendTo.join('，')}` },
      { text: `共印${seed.copies}份`, right: true },
    ]));
    await run('soffice', ['--headless', `-env:UserInstallation=file://${work}/profile`, '--convert-to', 'pdf', '--outdir', work, docx, seedDocx], { timeout: 240_000 });
    const fromWord = await importBulletin(readFileSync(docx));
    const fromPdf = await importBulletin(readFileSync(path.join(work, 'bulletin.pdf')));
    expect(fromPdf.format).toBe('pdf');
    expect(fromPdf.issue).toEqual(fromWord.issue);
    expect(fromPdf.issue.total).toBe(100);
    const seedPdf = await importBulletin(readFileSync(path.join(work, 'seed.pdf')));
    expect(seedPdf.detail).toMatch(/PDF，[3-9] 页/);
    expect(seedPdf.issue).toEqual(seed);
  }, 300_000);
});

it('has LibreOffice for the conversion test (apt-get install libreoffice-writer-nogui)', () => {
  expect(existsSync('/usr/bin/soffice') || existsSync('/usr/lib/libreoffice/program/soffice')).toBe(true);
});
