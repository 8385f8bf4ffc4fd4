/**
 * How Chinese text meets the search index. Pagefind's own handling splits
 * indexed Chinese with jieba and queries with the browser's Intl.Segmenter;
 * the two disagree, so substrings and phrases go missing. Jianbao instead
 * indexes every Han character and every punctuation mark as a word of its
 * own (Latin words and numbers stay whole) and turns every query term into
 * an exact phrase over the same units. Any contiguous run of an article's
 * text is then found, punctuation included, and nothing that is not there.
 */

const HAN = /\p{Script=Han}/u;
const LATIN = /^(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+$/u;
/**
 * One unit: a Han character, a run of other letters and digits, whitespace,
 * or any other single character (a mark).
 */
const UNIT_RE = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+|\s+|./gsu;
/** Pagefind's phrase delimiter cannot be a word character. */
const NOT_A_MARK = /["\\]/;
/** Quote marks a reader may wrap a term in to mean "this exact phrase". */
const WRAPPING_QUOTES = /^["“”「」『』‘’'《》]+|["“”「」『』‘’'《》]+$/g;

/** Letters and digits in their plain form (全角 ＡＢ１２ → AB12), other characters untouched. */
function plainWord(unit: string): string {
  return LATIN.test(unit) ? unit.normalize('NFKC').toLowerCase() : unit;
}

/** The units of a text, whitespace dropped, in order. */
export function searchUnits(text: string): string[] {
  const out: string[] = [];
  for (const unit of text.normalize('NFC').match(UNIT_RE) ?? []) {
    if (/^\s+$/.test(unit) || NOT_A_MARK.test(unit)) continue;
    out.push(plainWord(unit));
  }
  return out;
}

/** Text as it goes into the index: its units separated by spaces. */
export function indexText(text: string): string {
  return searchUnits(text).join(' ');
}

/**
 * The marks (punctuation, symbols) that occur in some texts: Pagefind must
 * treat them as word characters (its includeCharacters) so they are indexed
 * as words rather than breaking phrases.
 */
export function marksIn(texts: Iterable<string>): string {
  const marks = new Set<string>();
  for (const t of texts) for (const m of t.matchAll(/[^\p{L}\p{N}\p{M}\s"\\]/gu)) marks.add(m[0]);
  return [...marks].sort().join('');
}

/**
 * Splits what a reader typed into terms that must all occur: spaces separate
 * terms, "quoted text" (or “quoted text”) is one term with its spaces ignored,
 * as Chinese has none. Each term becomes an exact phrase query for Pagefind,
 * e.g. 斗虎巷 → "斗 虎 巷".
 */
export function queryPhrases(query: string): string[] {
  const terms: string[] = [];
  // A quoted stretch is one term only when it stands alone: “一竿子”插到底 is one run of text.
  for (const m of query.matchAll(/"([^"]*)"(?=\s|$)|“([^”]*)”(?=\s|$)|(\S+)/g)) terms.push(m[1] ?? m[2] ?? m[3] ?? '');
  const phrases = new Set<string>();
  for (const term of terms) {
    const units = searchUnits(term.replace(/\s+/g, '').replace(WRAPPING_QUOTES, ''));
    if (units.length) phrases.add(`"${units.join(' ')}"`);
  }
  return [...phrases];
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

function decodeEntities(s: string): string {
  return s.replace(/&(lt|gt|amp|quot|#39|#x27|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#x27': "'", apos: "'" })[e] ?? _);
}

/**
 * Turns a Pagefind excerpt of spaced index text back into the text as
 * written, as plain-text parts with the matched ones marked (never HTML, so
 * bulletin text such as <script> can only ever be shown, not run).
 */
export function excerptParts(excerpt: string): ExcerptPart[] {
  const raw: ExcerptPart[] = [];
  for (const [i, chunk] of excerpt.split(/<\/?mark>/).entries()) {
    if (chunk) raw.push({ text: decodeEntities(chunk), mark: i % 2 === 1 });
  }
  // The indexer's spaces go; a space stays only between two Latin words or numbers.
  const flat = raw.map((p) => p.text).join('');
  const keep = [...flat].map((ch, i) => ch !== ' ' || (/[\p{L}\p{N}]/u.test(flat[i - 1] ?? '') && !HAN.test(flat[i - 1]) && /[\p{L}\p{N}]/u.test(flat[i + 1] ?? '') && !HAN.test(flat[i + 1])));
  const out: ExcerptPart[] = [];
  let at = 0;
  for (const part of raw) {
    let text = '';
    for (let i = 0; i < part.text.length; i++) if (keep[at + i]) text += part.text[i];
    at += part.text.length;
    if (!text) continue;
    const prev = out.at(-1);
    if (prev && prev.mark === part.mark) prev.text += text;
    else out.push({ text, mark: part.mark });
  }
  return out;
}
