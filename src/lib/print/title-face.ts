/**
 * The 小标宋 stand-in as TrueType for PDFs. Without an official 小标宋 the
 * print view's titles use Noto Serif CJK SC Bold (Black when installed), whose
 * outlines are CFF: Chromium's PDF writer embeds such faces as Type 3 fonts,
 * one per few dozen glyphs, which some viewers and print shops' RIPs reject.
 * A TrueType copy holding only the characters a print page needs embeds as
 * one CID TrueType font instead. Advance widths and vertical metrics are the
 * source face's own, so the page lays out exactly as with the installed face.
 */
import { execFileSync } from 'node:child_process';
import * as fontkit from 'fontkit';
import { Font as EditableFont } from 'fonteditor-core';

/** The family name the print CSS gives the 小标宋 role (src/styles/print.css). */
export const TITLE_FAMILY = 'JB XiaoBiaoSong';

/** Stand-ins in the order the print CSS tries them: the heavier face first. */
const STAND_INS = ['NotoSerifCJKsc-Black', 'NotoSerifCJKsc-Bold'];

interface StandIn {
  file: string;
  postscriptName: string;
}

let found: StandIn | null | undefined;

/** The installed stand-in face (file and name), as fontconfig finds it; null when none is installed. */
export function findStandIn(): StandIn | null {
  if (found !== undefined) return found;
  found = null;
  for (const name of STAND_INS) {
    try {
      const [file, ps] = execFileSync('fc-match', ['-f', '%{file}\n%{postscriptname}', `:postscriptname=${name}`], { encoding: 'utf8' }).split('\n');
      // fc-match always answers with something: only an exact match is the stand-in.
      if (ps === name && file) {
        found = { file, postscriptName: name };
        break;
      }
    } catch {
      break; // no fontconfig: nothing to convert
    }
  }
  return found;
}

const opened = new Map<string, fontkit.Font>();

function openFace(s: StandIn): fontkit.Font {
  let face = opened.get(s.postscriptName);
  if (!face) {
    const f = fontkit.openSync(s.file, s.postscriptName);
    if (!('glyphForCodePoint' in f)) throw new Error(`${s.file} 中没有 ${s.postscriptName}`);
    face = f as fontkit.Font;
    opened.set(s.postscriptName, face);
  }
  return face;
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * A TrueType font named TITLE_FAMILY with the stand-in's glyphs for `chars`
 * (characters the face lacks are left out, so they fall back as before).
 * Cubic outlines become quadratic ones (fonteditor-core); metrics are copied.
 */
export function trueTypeTitleFace(chars: Iterable<string>, standIn: StandIn): Buffer {
  const face = openFace(standIn);
  const glyphs: string[] = [];
  for (const ch of new Set(chars)) {
    const cp = ch.codePointAt(0)!;
    // Spaces the face has (U+3000 in a title) come along too, with their advance and no outline.
    if (cp < 0x20 || !face.hasGlyphForCodePoint(cp)) continue;
    const g = face.glyphForCodePoint(cp);
    glyphs.push(`<glyph unicode="${escapeXml(ch)}" horiz-adv-x="${g.advanceWidth}" d="${g.path.toSVG()}"/>`);
  }
  // An SVG font is the one outline format both libraries share: fontkit draws the glyphs, fonteditor-core writes TrueType.
  const svg =
    `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><defs><font horiz-adv-x="${face.unitsPerEm}">` +
    `<font-face font-family="${TITLE_FAMILY}" units-per-em="${face.unitsPerEm}" ascent="${face.ascent}" descent="${face.descent}"/>` +
    `<missing-glyph horiz-adv-x="${face.unitsPerEm}"/>${glyphs.join('')}</font></defs></svg>`;
  const font = EditableFont.create(svg, { type: 'svg' });
  const ttf = font.get();
  const os2 = face['OS/2'];
  ttf.hhea.ascent = face.hhea.ascent;
  ttf.hhea.descent = face.hhea.descent;
  ttf.hhea.lineGap = face.hhea.lineGap;
  Object.assign(ttf['OS/2'], {
    sTypoAscender: os2.typoAscender,
    sTypoDescender: os2.typoDescender,
    sTypoLineGap: os2.typoLineGap,
    usWinAscent: os2.winAscent,
    usWinDescent: os2.winDescent,
    usWeightClass: os2.usWeightClass,
    // Keep the source's choice between typographic and hhea/win metrics (USE_TYPO_METRICS, bit 7).
    fsSelection: (ttf['OS/2'].fsSelection & ~0x80) | (os2.fsSelection.useTypoMetrics ? 0x80 : 0),
  });
  // Short enough for tools that print names in fixed columns (pdffonts: 37 with the subset tag).
  const ps = `JBXiaoBiaoSong-NotoSerif${standIn.postscriptName.split('-').at(-1)}`;
  Object.assign(ttf.name, { fontFamily: TITLE_FAMILY, fontSubFamily: 'Regular', fullName: ps, postScriptName: ps, uniqueSubFamily: ps });
  return font.write({ type: 'ttf', toBuffer: true });
}

/** A @font-face rule that puts `ttf` first for the title role (it comes after the print CSS's own, so it wins). */
export function titleFaceRule(ttf: Buffer): string {
  return `@font-face { font-family: "${TITLE_FAMILY}"; font-weight: 400; src: url(data:font/ttf;base64,${ttf.toString('base64')}) format("truetype"); }`;
}
