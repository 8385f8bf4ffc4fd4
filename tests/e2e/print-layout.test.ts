/**
 * The print layout measured in real PDFs (issue #12): the seed issue from the
 * content build, and the print fixtures (one page, many pages with long
 * 报/送/发 lists, no 报尾, an internal issue, a duplex series), built here
 * for the intranet so the internal issue is included. Every number comes
 * from the PDF: word boxes from pdftotext -bbox, rules and page-number
 * strokes from ink in pdftoppm rasters.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  CHAR_PITCH_MM,
  CHARS_PER_LINE,
  CLOSING_INNER_RULE_MM,
  CLOSING_OUTER_RULE_MM,
  FIRST_LINE_CENTRE_MM,
  LINE_PITCH_MM,
  LINES_PER_PAGE,
  PAGE_NUMBER_DASH_BELOW_MM,
  RED_RULE_MM,
  SMALL_CHAR_MM,
  TEXT_BLOCK,
} from '../../src/lib/print/layout.ts';
import type { Catalog, CatalogIssue } from '../../src/lib/site/catalog.ts';
import { distPath } from '../../src/lib/site/dist.ts';
import { buildSite, PROJECT_ROOT, type BuildResult } from '../helpers/build.ts';
import { pdfInfo, pdfText, pdfToPng } from '../helpers/pdf.ts';
import { blockLeft, bodyHeight, inkBottom, pageNumberInk, pdfFonts, ruleEnds, rulesOnPage, textLines, type MeasuredPage, type TextLine } from '../helpers/print-measure.ts';
import { PrintPage } from './pages/PrintPage.ts';
import { useSiteInBrowser } from './harness.ts';

const BLOCK_BOTTOM = TEXT_BLOCK.top + TEXT_BLOCK.height;
const LABEL = /^[报送发]：/;

interface Subject {
  name: string;
  dist: string;
  issue: CatalogIssue;
  pdf: string;
  firstPageNumber: boolean;
  duplex: boolean;
}

const contentDist = inject('contentDist');
let build: BuildResult;
const subjects: Subject[] = [];

function catalog(dist: string): Catalog {
  return JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
}

function subject(dist: string, series: string, year: number, number: number, opts: Partial<Subject> = {}): Subject {
  const issue = catalog(dist).issues.find((i) => i.series === series && i.year === year && i.number === number);
  if (!issue?.pdfUrl) throw new Error(`${series} ${year} 第${number}期 has no PDF in ${dist}`);
  return { name: `${series}/${year}/${number}`, dist, issue, pdf: distPath(dist, issue.pdfUrl), firstPageNumber: true, duplex: false, ...opts };
}

beforeAll(async () => {
  build = await buildSite(path.join(PROJECT_ROOT, 'tests/fixtures/print'), { BULLETIN_INCLUDE: 'internal' });
  subjects.push(
    subject(contentDist, 'liaocheng-wenming', 2021, 28),
    subject(build.outDir, 'dan-mian', 2024, 1),
    subject(build.outDir, 'dan-mian', 2024, 2),
    subject(build.outDir, 'dan-mian', 2024, 3),
    subject(build.outDir, 'dan-mian', 2024, 4),
    subject(build.outDir, 'shuang-mian', 2024, 1, { firstPageNumber: false, duplex: true }),
    subject(build.outDir, 'shuang-mian', 2024, 2, { firstPageNumber: false, duplex: true }),
  );
  const out = path.join(PROJECT_ROOT, 'test-results/print');
  mkdirSync(out, { recursive: true });
  for (const s of subjects) pdfToPng(s.pdf, path.join(out, s.name.replaceAll('/', '-')), 1, pdfInfo(s.pdf).pages);
}, 600_000);

afterAll(async () => {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  const out = Object.fromEntries([...figures].map(([k, f]) => [k, { min: round(f.min), max: round(f.max), n: f.n }]));
  writeFileSync(path.join(PROJECT_ROOT, 'test-results/print/measurements.json'), `${JSON.stringify(out, null, 2)}\n`);
  if (build) await rm(path.dirname(build.outDir), { recursive: true, force: true });
});

/** Measured figures, range per quantity over all subjects: written to test-results/print/measurements.json for the record. */
const figures = new Map<string, { min: number; max: number; n: number }>();
function note(what: string, value: number): void {
  const f = figures.get(what) ?? { min: Infinity, max: -Infinity, n: 0 };
  figures.set(what, { min: Math.min(f.min, value), max: Math.max(f.max, value), n: f.n + 1 });
}

const measured = new Map<string, MeasuredPage[]>();
function pagesOf(s: Subject): MeasuredPage[] {
  if (!measured.has(s.pdf)) measured.set(s.pdf, textLines(s.pdf));
  return measured.get(s.pdf)!;
}
const near = (a: number, b: number, tol: number) => Math.abs(a - b) <= tol;

/** Lines set in the body size (the body, contents, 期号, issuer/date), which must sit on the grid. */
function gridLines(s: Subject) {
  const pages = pagesOf(s);
  const h = bodyHeight(pages);
  return pages.map((p) => ({ ...p, grid: p.lines.filter((l) => near(l.height, h, 0.05)) }));
}
/** The 报尾's text lines (its own size) on the last page. */
function closingLines(s: Subject): TextLine[] {
  const last = pagesOf(s).at(-1)!;
  const start = last.lines.findIndex((l) => LABEL.test(l.text) || /^共印/.test(l.text));
  if (start < 0) return [];
  const h = last.lines[start].height;
  return last.lines.slice(start).filter((l) => near(l.height, h, 0.05));
}
const hasClosing = (s: Subject) => s.issue.reportTo.length + s.issue.copyTo.length + s.issue.sendTo.length > 0 || s.issue.copies !== null;

/** The document's grid origin: the median offset of body-size line centres from 37 mm + (k + ½) × pitch. */
function gridOrigin(s: Subject): number {
  const offsets = gridLines(s)
    .flatMap((p) => p.grid)
    .map((l) => (l.slot - Math.round(l.slot)) * LINE_PITCH_MM)
    .sort((a, b) => a - b);
  return offsets[Math.floor(offsets.length / 2)];
}

describe('goal 1: one line grid on every page, 22 lines on full pages', () => {
  it('puts every body-size line of every page on y₀ + k × pitch, the same y₀ on all pages (±0.2 mm)', () => {
    for (const s of subjects) {
      const y0 = gridOrigin(s);
      for (const p of gridLines(s)) {
        for (const l of p.grid) {
          const off = (l.slot - Math.round(l.slot)) * LINE_PITCH_MM - y0;
          note('G1 baseline off the grid, mm', off);
          expect(Math.abs(off), `${s.name} p${p.page} "${l.text.slice(0, 12)}" at ${l.centre.toFixed(2)} mm`).toBeLessThanOrEqual(0.2);
          expect(Math.round(l.slot), `${s.name} p${p.page} inside the text block`).toBeGreaterThanOrEqual(0);
          expect(Math.round(l.slot)).toBeLessThan(LINES_PER_PAGE);
        }
      }
    }
  });

  it('fills every page the text runs on from to the 22nd line', () => {
    let fullPages = 0;
    for (const s of subjects) {
      const pages = gridLines(s);
      for (const [i, p] of pages.slice(0, -1).entries()) {
        const next = pages[i + 1];
        const nextFirst = next.lines[0];
        // Only a heading (kept with its text) or the 报尾 (never split) may leave space at a page foot.
        const continues = nextFirst && next.grid[0] === nextFirst && near(nextFirst.slot, 0, 0.1) && !LABEL.test(nextFirst.text);
        if (!continues) continue;
        const slots = p.grid.map((l) => Math.round(l.slot));
        expect(Math.max(...slots), `${s.name} p${p.page} ends on line 22`).toBe(LINES_PER_PAGE - 1);
        if (p.grid.length === p.lines.length) {
          expect(new Set(slots).size, `${s.name} p${p.page} holds 22 lines`).toBe(LINES_PER_PAGE);
          fullPages++;
        }
      }
    }
    expect(fullPages, 'the fixtures include full pages').toBeGreaterThanOrEqual(3);
  });
});

/** Characters that may not begin a line, and that may not end one (line-break: strict; no break either side of a quotation mark). */
const NO_START = /[。，、；：？！）》」』】〉”’…—·]/;
const NO_END = /[（《「『【〈“‘]/;

/** Body lines (flush left or indented 2 字) with the line after them in the same paragraph, on this page or the next, if any. */
function bodyLines(p: MeasuredPage & { grid: TextLine[] }, nextPage?: MeasuredPage & { grid: TextLine[] }) {
  const cells = (l: TextLine, page: MeasuredPage) => (l.left - page.blockLeft) / CHAR_PITCH_MM;
  return p.grid
    .filter((l) => near(cells(l, p), 0, 0.05) || near(cells(l, p), 2, 0.05))
    .map((l) => {
      let next = p.grid.find((n) => near(n.slot, l.slot + 1, 0.1));
      if (next && !near(cells(next, p), 0, 0.05)) next = undefined;
      if (!next && near(l.slot, LINES_PER_PAGE - 1, 0.1) && nextPage) {
        const first = nextPage.lines[0];
        if (first && nextPage.grid[0] === first && near(first.slot, 0, 0.1) && near(cells(first, nextPage), 0, 0.05)) next = first;
      }
      return { line: l, indent: Math.round(cells(l, p)), next };
    });
}

describe('goal 2: 28 cells a line on the block edges', () => {
  it('ends every line that its paragraph continues after on the right edge (±0.2 mm)', () => {
    let full = 0;
    for (const s of subjects) {
      const pages = gridLines(s);
      for (const [i, p] of pages.entries()) {
        for (const { line, next } of bodyLines(p, pages[i + 1])) {
          if (!next) continue;
          note('G2 full line right end − block edge, mm', line.right - p.blockRight);
          expect(Math.abs(line.right - p.blockRight), `${s.name} p${p.page} "${line.text.slice(0, 12)}" ends at ${line.right.toFixed(2)}`).toBeLessThanOrEqual(0.2);
          full++;
        }
      }
    }
    expect(full).toBeGreaterThan(200);
  });

  it('keeps every character of a line without Latin text in its cell: k-th at k × 5.5714 mm (±0.3 mm)', () => {
    let checked = 0;
    let kinsoku = 0;
    for (const s of subjects) {
      const pages = gridLines(s);
      for (const [i, p] of pages.entries()) {
        for (const { line, indent, next } of bodyLines(p, pages[i + 1])) {
          const chars = [...line.text.replace(/\s/g, '')];
          if (chars.some((c) => /[\x21-\x7e]/.test(c))) continue;
          const missing = CHARS_PER_LINE - indent - chars.length;
          if (next && missing > 0) {
            // Fewer characters spread over 28 cells: only where the line breaker may not break (避头尾, or no break either side of a quotation mark).
            const head = [...next.text.replace(/\s/g, '')].slice(0, missing + 1);
            expect(head.some((c) => NO_START.test(c)) || NO_END.test(chars.at(-1)!), `${s.name} p${p.page} "${line.text}" is ${missing} short`).toBe(true);
            kinsoku++;
            continue;
          }
          if (next) expect(indent + chars.length, `${s.name} p${p.page} "${line.text}"`).toBe(CHARS_PER_LINE);
          // The last character's cell ends where the k-th rule puts it: (indent + n) cells from the edge.
          const expected = p.blockLeft + (indent + chars.length) * CHAR_PITCH_MM;
          note('G2 last cell end − k × 5.5714 mm, mm', line.right - expected);
          expect(Math.abs(line.right - expected), `${s.name} p${p.page} "${chars.slice(0, 14).join('')}…" ends ${(line.right - expected).toFixed(2)} mm off its cell`).toBeLessThanOrEqual(0.3);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(kinsoku).toBeLessThan(checked / 4);
  });
});

describe('goal 3: page numbers', () => {
  it('puts the 一字线 stroke centre 7 mm below the block (269.0 ± 0.3 mm), 1 字 in from the outer edge', () => {
    for (const s of subjects) {
      const n = pdfInfo(s.pdf).pages;
      for (let page = 1; page <= n; page++) {
        const ink = pageNumberInk(s.pdf, page);
        if (!ink) continue;
        const left = blockLeft(page);
        note('G3 page-number dash centre, mm from top', ink.dashCentre);
        note(page % 2 ? 'G3 odd: number right edge − (block right − 1 字), mm' : 'G3 even: number left edge − (block left + 1 字), mm', page % 2 ? ink.right - (left + TEXT_BLOCK.width - SMALL_CHAR_MM) : ink.left - (left + SMALL_CHAR_MM));
        expect(Math.abs(ink.dashCentre - (BLOCK_BOTTOM + PAGE_NUMBER_DASH_BELOW_MM)), `${s.name} p${page} dash at ${ink.dashCentre.toFixed(2)}`).toBeLessThanOrEqual(0.3);
        if (page % 2) expect(Math.abs(ink.right - (left + TEXT_BLOCK.width - SMALL_CHAR_MM)), `${s.name} p${page} right edge ${ink.right.toFixed(2)}`).toBeLessThanOrEqual(0.5);
        else expect(Math.abs(ink.left - (left + SMALL_CHAR_MM)), `${s.name} p${page} left edge ${ink.left.toFixed(2)}`).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it('numbers every page "— N —", except page 1 where the series says so', () => {
    for (const s of subjects.filter((x) => !x.duplex)) {
      const n = pdfInfo(s.pdf).pages;
      for (let page = 1; page <= n; page++) {
        const numbered = pageNumberInk(s.pdf, page) !== undefined;
        expect(numbered, `${s.name} p${page}`).toBe(page > 1 || s.firstPageNumber);
      }
      expect(pdfText(s.pdf)).toMatch(new RegExp(`— ${n} —`));
    }
    const duplex = subjects.find((x) => x.duplex)!;
    expect(pageNumberInk(duplex.pdf, 1), 'print.firstPageNumber: false leaves page 1 unnumbered').toBeUndefined();
  });
});

describe('goal 4: rules at their declared weights', () => {
  it('draws the 报尾 rules 0.35 / 0.25 / 0.35 mm (±0.03), 156 mm long, the last on the block bottom (±0.3 mm)', () => {
    for (const s of subjects.filter(hasClosing)) {
      const last = pdfInfo(s.pdf).pages;
      const lines = closingLines(s);
      const found = rulesOnPage(s.pdf, last, lines[0].top - 4, BLOCK_BOTTOM + 2);
      const rows = lines.filter((l) => LABEL.test(l.text) || /^共印/.test(l.text)).length;
      expect(found.length, `${s.name}: a rule above, between and below ${rows} rows`).toBe(rows + 1);
      found.forEach((r, i) => {
        const weight = i === 0 || i === found.length - 1 ? CLOSING_OUTER_RULE_MM : CLOSING_INNER_RULE_MM;
        note(weight === CLOSING_OUTER_RULE_MM ? 'G4 报尾 outer rule weight, mm' : 'G4 报尾 inner rule weight, mm', r.thickness);
        expect(Math.abs(r.thickness - weight), `${s.name} rule ${i + 1}: ${r.thickness.toFixed(3)} mm`).toBeLessThanOrEqual(0.03);
        const ends = ruleEnds(s.pdf, last, r)!;
        expect(Math.abs(ends.left - blockLeft(last)), `${s.name} rule ${i + 1} left end`).toBeLessThanOrEqual(0.2);
        note('G4 报尾 rule length, mm', ends.right - ends.left);
        expect(Math.abs(ends.right - ends.left - TEXT_BLOCK.width), `${s.name} rule ${i + 1} length`).toBeLessThanOrEqual(0.2);
      });
      note('G4 last 报尾 rule bottom − block bottom, mm', found.at(-1)!.bottom - BLOCK_BOTTOM);
      expect(Math.abs(found.at(-1)!.bottom - BLOCK_BOTTOM), `${s.name} last rule bottom ${found.at(-1)!.bottom.toFixed(3)}`).toBeLessThanOrEqual(0.3);
    }
  });

  it('keeps the 报尾 whole, on the last page only', () => {
    for (const s of subjects.filter(hasClosing)) {
      const pages = pagesOf(s);
      for (const p of pages.slice(0, -1)) expect(p.lines.some((l) => LABEL.test(l.text) || /共印/.test(l.text)), `${s.name} p${p.page}`).toBe(false);
      const want = [s.issue.reportTo, s.issue.copyTo, s.issue.sendTo].filter((l) => l.length).length + (s.issue.copies ? 1 : 0);
      expect(closingLines(s).filter((l) => LABEL.test(l.text) || /^共印/.test(l.text))).toHaveLength(want);
    }
  });

  it('draws the red rule at its declared weight, 156 mm long, 4 mm below the issuer and date (±0.3 mm)', () => {
    for (const s of subjects) {
      const meta = pagesOf(s)[0].lines.find((l) => /\d{4}年\d{1,2}月\d{1,2}日/.test(l.text))!;
      const [red] = rulesOnPage(s.pdf, 1, meta.bottom, meta.bottom + LINE_PITCH_MM);
      expect(red, `${s.name} has a red rule`).toBeDefined();
      note('G4 red rule weight, mm', red.thickness);
      expect(Math.abs(red.thickness - RED_RULE_MM), `${s.name} red rule ${red.thickness.toFixed(3)} mm`).toBeLessThanOrEqual(0.03);
      const ends = ruleEnds(s.pdf, 1, red)!;
      const glyphs = inkBottom(s.pdf, 1, TEXT_BLOCK.inner, meta.top - 1, TEXT_BLOCK.width, red.top - meta.top + 0.9)!;
      note('red rule top below issuer/date glyphs, mm', red.top - glyphs);
      expect(Math.abs(red.top - glyphs - 4), `${s.name} red rule ${(red.top - glyphs).toFixed(2)} mm below the issuer/date glyphs`).toBeLessThanOrEqual(0.3);
      expect(Math.abs(ends.left - TEXT_BLOCK.inner)).toBeLessThanOrEqual(0.2);
      expect(Math.abs(ends.right - ends.left - TEXT_BLOCK.width)).toBeLessThanOrEqual(0.2);
    }
  });
});

describe('goal 5: 报尾 text', () => {
  it('hangs wrapped lines under the first character after the colon, with 1 字 insets both sides (±0.3 mm)', () => {
    let wrapped = 0;
    for (const s of subjects.filter(hasClosing)) {
      const last = pagesOf(s).at(-1)!;
      let labelLeft = NaN;
      for (const l of closingLines(s)) {
        expect(l.right, `${s.name} "${l.text.slice(0, 10)}" inside the right inset`).toBeLessThanOrEqual(last.blockRight - SMALL_CHAR_MM + 0.3);
        if (/^共印/.test(l.text)) {
          note('G5 共印 right end − (block right − 1 字), mm', l.right - (last.blockRight - SMALL_CHAR_MM));
          expect(Math.abs(l.right - (last.blockRight - SMALL_CHAR_MM)), `${s.name} 共印 ends 1 字 in`).toBeLessThanOrEqual(0.3);
        } else if (LABEL.test(l.text)) {
          labelLeft = l.left;
          note('G5 label left − (block left + 1 字), mm', l.left - (last.blockLeft + SMALL_CHAR_MM));
          expect(Math.abs(l.left - (last.blockLeft + SMALL_CHAR_MM)), `${s.name} "${l.text.slice(0, 3)}" 1 字 in`).toBeLessThanOrEqual(0.3);
        } else {
          note('G5 wrapped line left − first character after the colon, mm', l.left - (labelLeft + 2 * SMALL_CHAR_MM));
          expect(Math.abs(l.left - (labelLeft + 2 * SMALL_CHAR_MM)), `${s.name} "${l.text.slice(0, 6)}" under the first character after the colon`).toBeLessThanOrEqual(0.3);
          wrapped++;
        }
      }
    }
    expect(wrapped, 'the long lists wrap').toBeGreaterThanOrEqual(8);
  });
});

describe('goal 6: stated vertical origin', () => {
  it('centres the first line of every page 5.11 mm below the 37 mm margin (±0.3 mm)', () => {
    for (const s of subjects) {
      for (const p of gridLines(s)) {
        const first = p.grid.find((l) => Math.round(l.slot) === 0);
        if (!first) continue;
        note('G6 first line centre, mm from top (declared 42.11)', first.centre);
        expect(Math.abs(first.centre - (TEXT_BLOCK.top + FIRST_LINE_CENTRE_MM)), `${s.name} p${p.page} first line centre ${first.centre.toFixed(2)}`).toBeLessThanOrEqual(0.3);
      }
    }
  });
});

describe('goal 7: fonts', () => {
  it('embeds the body, Kai and page-number faces as CID TrueType fonts, not Type 3', () => {
    const installed = (family: string) => execFileSync('fc-list', [`:family=${family}`], { encoding: 'utf8' }).trim() !== '';
    for (const s of subjects) {
      const fonts = pdfFonts(s.pdf);
      const cid = fonts.filter((f) => f.type === 'CID TrueType').map((f) => f.name);
      const body = installed('FangSong') || installed('仿宋') ? /FangSong/i : /WenKai/;
      expect(cid.some((n) => body.test(n)), `${s.name} body face among ${cid.join(', ')}`).toBe(true);
      expect(cid.some((n) => /UMing|SimSun|Song/i.test(n)), `${s.name} page-number 宋体`).toBe(true);
    }
  });

  it('embeds no Type 3 font: without an official 小标宋 the titles go in as a TrueType copy of the stand-in', () => {
    const official = ['FZXiaoBiaoSong-B05S', '方正小标宋简体', '方正小标宋_GBK'].some((f) => execFileSync('fc-list', [`:family=${f}`], { encoding: 'utf8' }).trim() !== '');
    for (const s of subjects) {
      const fonts = pdfFonts(s.pdf);
      expect(fonts.filter((f) => f.type !== 'CID TrueType'), `${s.name}: ${fonts.map((f) => `${f.name} ${f.type}`).join(', ')}`).toEqual([]);
      if (!official) expect(fonts.some((f) => /\+JBXiaoBiaoSong-NotoSerif(Bold|Black)$/.test(f.name)), `${s.name} title face`).toBe(true);
    }
  });

  it('says which faces were substituted in the build log', () => {
    const log = build.stdout + build.stderr;
    const official = execFileSync('fc-list', [':family=FangSong'], { encoding: 'utf8' }).trim();
    if (official) expect(log).not.toMatch(/正文仿宋未安装/);
    else expect(log).toMatch(/字体替代：.*正文仿宋未安装，以霞鹜文楷/);
  });
});

describe('goal 9: duplex series', () => {
  it('puts the 报尾 on an even page, after an unnumbered blank page when the text ends on an even page', () => {
    let blanks = 0;
    for (const s of subjects.filter((x) => x.duplex)) {
      const pages = pagesOf(s);
      expect(pages.length % 2, `${s.name}: the 报尾 page is even`).toBe(0);
      const closingPage = pages.at(-1)!;
      expect(closingPage.lines.some((l) => LABEL.test(l.text))).toBe(true);
      expect(Math.abs(closingLines(s).at(-1)!.bottom - BLOCK_BOTTOM), `${s.name}: 报尾 at the page foot`).toBeLessThan(LINE_PITCH_MM);
      const before = pages.at(-2)!;
      if (before.lines.length === 0) {
        blanks++;
        expect(pageNumberInk(s.pdf, before.page), `${s.name}: blank page unnumbered`).toBeUndefined();
        expect(pageNumberInk(s.pdf, closingPage.page), `${s.name}: 报尾 page after a blank one unnumbered`).toBeUndefined();
        expect(before.page % 2, 'the blank page is odd: the text ended on an even page').toBe(1);
      } else {
        expect(pageNumberInk(s.pdf, closingPage.page), `${s.name}: 报尾 page numbered`).toBeDefined();
      }
    }
    expect(blanks, 'a fixture needs the blank page').toBe(1);
  });
});

describe('issues that used to break the PDF step (#10)', () => {
  it('builds an issue with no 报/送/发 and no copies, and one with a malformed link', () => {
    const none = subjects.find((x) => x.name === 'dan-mian/2024/2')!;
    expect(pdfInfo(none.pdf).pages).toBe(1);
    expect(closingLines(none)).toEqual([]);
    const bad = subjects.find((x) => x.name === 'dan-mian/2024/1')!;
    expect(pdfText(bad.pdf)).toContain('查看附件');
  });

  it('marks internal material 内部 on the printed page (intranet build)', () => {
    const internal = subjects.find((x) => x.name === 'dan-mian/2024/4')!;
    expect(pagesOf(internal)[0].lines[0].text).toMatch(/内\s*部$/);
    const published = subjects.find((x) => x.name === 'dan-mian/2024/1')!;
    expect(pdfText(published.pdf)).not.toMatch(/内\s*部/);
  });

  it('gives the PDF the issue as its title, without （打印版）', () => {
    for (const s of subjects) {
      const title = /Title:\s+(.*)/.exec(execFileSync('pdfinfo', [s.pdf], { encoding: 'utf8' }))?.[1] ?? '';
      expect(title).toMatch(/期$/);
    }
  });
});

describe('goal 10: screen and paper agree', () => {
  const site = useSiteInBrowser(contentDist);
  const squash = (t: string) => t.replace(/\s+|—\s*\d+\s*—|[◆：:]/g, '');

  it('shows on screen the pages of the PDF, character for character', async () => {
    for (const s of subjects.filter((x) => ['liaocheng-wenming/2021/28', 'dan-mian/2024/3', 'shuang-mian/2024/1'].includes(x.name))) {
      // Each subject is served from its own build.
      const { serveDir } = await import('../../src/lib/site/static-server.ts');
      const server = await serveDir(s.dist);
      try {
        const view = await PrintPage.open(await site.browser.newPage(), server.url, s.issue.printUrl);
        const pdfPagesText = pagesOf(s).map((p) => squash(p.lines.map((l) => l.text).join('')));
        expect(await view.pageCount(), s.name).toBe(pdfPagesText.length);
        expect(await view.sheetCount(), s.name).toBe(pdfPagesText.length);
        // Characters per page, sorted: pdftotext orders glyphs within a line its own way.
        const chars = (t: string) => [...t].sort().join('');
        const screen = (await view.pageTexts()).map(squash);
        while (screen.length < pdfPagesText.length) screen.push('');
        expect(screen.map(chars), s.name).toEqual(pdfPagesText.map(chars));
        const numbers = await view.sheetNumbers();
        numbers.forEach((n, i) => expect(n !== '', `${s.name} sheet ${i + 1} numbered as on paper`).toBe(pageNumberInk(s.pdf, i + 1) !== undefined));
        await view.page.close();
      } finally {
        await server.close();
      }
    }
  });

  it('fits a phone screen without sideways scrolling, and says which faces are stand-ins', async () => {
    const seed = subjects[0];
    const page = await site.browser.newPage({ viewport: { width: 375, height: 740 } });
    const view = await PrintPage.open(page, site.url, seed.issue.printUrl);
    const { content, viewport } = await view.overflow();
    expect(content).toBeLessThanOrEqual(viewport);
    expect(await view.printButtonVisible()).toBe(true);
    const official = execFileSync('fc-list', [':family=FangSong'], { encoding: 'utf8' }).trim();
    if (!official) expect(await view.fontNote()).toMatch(/正文仿宋未安装/);
    await page.close();
  });

  it('prints without JavaScript: the toolbar says how, and the favicon is linked', async () => {
    const seed = subjects[0];
    const context = await site.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${site.url}${seed.issue.printUrl}`);
    expect(await page.locator('.print-noscript').innerText()).toMatch(/Ctrl\+P/);
    expect(await page.locator('#print-button').isVisible()).toBe(false);
    expect(await page.locator('link[rel="icon"]').getAttribute('href')).toMatch(/favicon\.svg$/);
    await context.close();
  });
});
