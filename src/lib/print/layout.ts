/**
 * The print layout's numbers in millimetres, as print.css declares them and
 * the PDF tests measure them (README, 打印 / Print layout).
 */

/** A4 page. */
export const PAGE = { width: 210, height: 297 } as const;
/** 版心 (text block): 37 mm from the top, 28 mm from the binding edge; 156 × 225 mm. */
export const TEXT_BLOCK = { top: 37, inner: 28, outer: 26, width: 156, height: 225 } as const;
/** Lines per full page. */
export const LINES_PER_PAGE = 22;
/** Line pitch: 28.98 pt, the nearest pitch at which Chromium fits exactly 22 lines in 225 mm. */
export const LINE_PITCH_MM = (28.98 * 25.4) / 72;
/** Characters per full body line. */
export const CHARS_PER_LINE = 28;
/** Character pitch on body lines: 156 mm / 28. */
export const CHAR_PITCH_MM = TEXT_BLOCK.width / CHARS_PER_LINE;
/**
 * Vertical origin (print.css --first-line-offset = 0): line k of every page
 * fills 37 + k × pitch to 37 + (k + 1) × pitch mm, its text centred in it, so
 * the first line's text is centred this far below the top of the 版心.
 */
export const FIRST_LINE_CENTRE_MM = LINE_PITCH_MM / 2;
/** Page numbers and 报尾 text: 4号 (14 pt); one 字 at that size, in mm. */
export const SMALL_CHAR_MM = (14 * 25.4) / 72;
/** Page number: centre of the 一字线 stroke below the bottom of the 版心 (GB/T 9704 §7.5). */
export const PAGE_NUMBER_DASH_BELOW_MM = 7;
/** 报尾 rules: first and last, and those between rows (GB/T 9704 §7.4.1). */
export const CLOSING_OUTER_RULE_MM = 0.35;
export const CLOSING_INNER_RULE_MM = 0.25;
/** Red rule under the issuer and date. */
export const RED_RULE_MM = 0.5;
