/**
 * The TrueType copy of the 小标宋 stand-in: real Noto Serif CJK SC Bold from
 * the Debian package in, a TrueType font out whose glyphs, advances and
 * vertical metrics are the source's.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { describe, expect, it } from 'vitest';
import { findStandIn, TITLE_FAMILY, titleFaceRule, trueTypeTitleFace } from '../../../src/lib/print/title-face.ts';

const TITLE = '聊城市创建全国文明城市工作简报';

describe('trueTypeTitleFace', () => {
  const standIn = findStandIn();

  it('finds the stand-in installed by README’s install line (fonts-noto-cjk)', () => {
    expect(standIn?.postscriptName).toMatch(/^NotoSerifCJKsc-(Bold|Black)$/);
  });

  it('writes a TrueType font with the source’s glyphs, advances and vertical metrics for exactly the characters asked', () => {
    const ttf = trueTypeTitleFace(`${TITLE} 第28期`, standIn!);
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-face-')), 'title.ttf');
    writeFileSync(file, ttf);
    // fontconfig reads it as TrueType (glyf outlines), which Chromium embeds as CID TrueType, not Type 3.
    expect(execFileSync('fc-query', ['-f', '%{fontformat}|%{family}', file], { encoding: 'utf8' })).toBe(`TrueType|${TITLE_FAMILY}`);

    const out = fontkit.create(ttf) as fontkit.Font;
    const src = fontkit.openSync(standIn!.file, standIn!.postscriptName) as fontkit.Font;
    expect(out.unitsPerEm).toBe(src.unitsPerEm);
    expect([out.hhea.ascent, out.hhea.descent, out.hhea.lineGap]).toEqual([src.hhea.ascent, src.hhea.descent, src.hhea.lineGap]);
    expect([out['OS/2'].typoAscender, out['OS/2'].typoDescender, out['OS/2'].winAscent, out['OS/2'].winDescent]).toEqual([
      src['OS/2'].typoAscender,
      src['OS/2'].typoDescender,
      src['OS/2'].winAscent,
      src['OS/2'].winDescent,
    ]);
    for (const ch of `${TITLE}第28期`) {
      const cp = ch.codePointAt(0)!;
      const a = out.glyphForCodePoint(cp);
      const b = src.glyphForCodePoint(cp);
      expect(out.hasGlyphForCodePoint(cp), ch).toBe(true);
      expect(a.advanceWidth, ch).toBe(b.advanceWidth);
      // Quadratic curves approximate the cubic ones: the outline's extent stays within 1 % of the em.
      for (const k of ['minX', 'minY', 'maxX', 'maxY'] as const) expect(Math.abs(a.bbox[k] - b.bbox[k]), `${ch} ${k}`).toBeLessThanOrEqual(src.unitsPerEm / 100);
    }
    // Only what was asked: another character of the source is not in the copy.
    expect(out.hasGlyphForCodePoint('鲁'.codePointAt(0)!)).toBe(false);
  });

  it('leaves out characters the source lacks, so they fall back as before', () => {
    const ttf = trueTypeTitleFace('简报\u{1F600}', standIn!);
    const out = fontkit.create(ttf) as fontkit.Font;
    expect(out.hasGlyphForCodePoint(0x1f600)).toBe(false);
    expect(out.hasGlyphForCodePoint('简'.codePointAt(0)!)).toBe(true);
  });

  it('keeps the ideographic space of a title, with the source’s advance, and skips line breaks', () => {
    const out = fontkit.create(trueTypeTitleFace('关于\u3000开展\n工作', standIn!)) as fontkit.Font;
    const src = fontkit.openSync(standIn!.file, standIn!.postscriptName) as fontkit.Font;
    expect(out.hasGlyphForCodePoint(0x3000)).toBe(true);
    expect(out.glyphForCodePoint(0x3000).advanceWidth).toBe(src.glyphForCodePoint(0x3000).advanceWidth);
    expect(out.hasGlyphForCodePoint(0x0a)).toBe(false);
  });

  it('is declared for the title role at the weight the print CSS uses', () => {
    const rule = titleFaceRule(trueTypeTitleFace('简报', standIn!));
    expect(rule).toMatch(new RegExp(`font-family: "${TITLE_FAMILY}"; font-weight: 400; src: url\\(data:font/ttf;base64,[A-Za-z0-9+/=]+\\) format\\("truetype"\\)`));
  });
});
