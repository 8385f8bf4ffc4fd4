/**
 * Numbers and dates as bulletins print them: Arabic or Chinese numerals
 * (第十二期, 二〇二一年五月十二日, 二0二一年), and the dotted and dashed date forms.
 */

const DIGIT: Record<string, number> = { '〇': 0, '零': 0, 'О': 0, 'Ｏ': 0, '0': 0, '一': 1, '二': 2, '两': 2, '三': 3, '四': 4, '五': 5, '六': 6, '七': 7, '八': 8, '九': 9 };

/** Chinese numeral characters (and the Arabic 0 some typists use for 〇). */
export const CN_NUM = '〇零0Ｏ一二两三四五六七八九十百';

/** Reads 5, ５, 十二, 二十三, 一百零五, 一〇五 as numbers; null when it is none of these. */
export function readNumber(s: string): number | null {
  const t = s.normalize('NFKC').trim();
  if (/^\d+$/.test(t)) return Number(t);
  if (!t || ![...t].every((c) => c in DIGIT || c === '十' || c === '百' || c === 'O')) return null;
  if (!/[十百]/.test(t)) return Number([...t].map((c) => DIGIT[c] ?? 0).join(''));
  let total = 0;
  let digit = 0;
  for (const c of t) {
    if (c === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (c === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = DIGIT[c] ?? 0;
  }
  return total + digit;
}

const N = `[\\d０-９${CN_NUM}]`;
/** A date anywhere in a line: 2021年5月12日, 2021年05月12日, 二〇二一年五月十二日, 2021.5.12, 2021-05-12, 2021/5/12. */
export const DATE_SOURCE = `(${N}{4})\\s*年\\s*(${N}{1,3})\\s*月\\s*(${N}{1,3})\\s*日|(\\d{4})\\s*[.．\\-/－]\\s*(\\d{1,2})\\s*[.．\\-/－]\\s*(\\d{1,2})(?!\\d)`;

export interface FoundDate {
  iso: string;
  /** False for 2021年2月30日: the form is a date but the day does not exist. */
  valid: boolean;
  index: number;
  length: number;
  written: string;
}

/** Finds the last date written in `s` (issuer lines put it at the end). */
export function findDate(s: string): FoundDate | null {
  const re = new RegExp(DATE_SOURCE, 'g');
  let last: RegExpExecArray | null = null;
  for (let m = re.exec(s); m; m = re.exec(s)) last = m;
  if (!last) return null;
  const [y, mo, d] = last[1] ? [last[1], last[2], last[3]] : [last[4], last[5], last[6]];
  const [yy, mm, dd] = [readNumber(y), readNumber(mo), readNumber(d)];
  if (yy === null || mm === null || dd === null) return null;
  const iso = `${String(yy).padStart(4, '0')}-${String(mm).padStart(2, '0')}-${String(dd).padStart(2, '0')}`;
  const check = new Date(`${iso}T00:00:00Z`);
  const valid = !Number.isNaN(check.getTime()) && check.toISOString().slice(0, 10) === iso;
  return { iso, valid, index: last.index, length: last[0].length, written: last[0] };
}
