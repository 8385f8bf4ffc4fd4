/**
 * How Chinese text meets the search index. Pagefind's own handling splits
 * indexed Chinese with jieba and queries with the browser's Intl.Segmenter;
 * the two disagree, so substrings and phrases go missing. Jianbao cuts text
 * into units (a Han character, a mark, or a whole Latin word or number) and
 * indexes, at every unit, the run of the next GRAM units as one word. A query
 * of up to GRAM units is then a prefix of exactly the words where it occurs
 * (one prefix search, one small range of the index); a longer one is an exact
 * phrase of such words. Words are spelt in lowercase letters (see encodeUnit)
 * so that neither jieba nor Intl.Segmenter can split them again, and so a
 * one-character query no longer reads a posting list spanning most pages.
 */

/** Units per index word: queries of up to this many units need one index word. */
export const GRAM = 4;

const LATIN = /^(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+$/u;
/**
 * One unit: a Han character, a run of other letters and digits, whitespace,
 * or any other single character (a mark).
 */
const UNIT_RE = /\p{Script=Han}|(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+|\s+|./gsu;
/** The query syntax's own quote mark is not searchable text. */
const NOT_TEXT = /["\\]/;
/** Quote marks a reader may wrap a term in to mean "this exact phrase". */
const WRAPPING_QUOTES = /^["“”「」『』‘’'《》]+|["“”「」『』‘’'《》]+$/g;
/**
 * Half-width marks read as their full-width twins: 力度,进一步 finds 力度，进一步.
 * Full-width is the form Chinese text is written in, so it is the one stored.
 */
const SAME_MARK: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };

/** A unit as it is matched (letters folded, marks unified) and as it is written. */
export interface Unit {
  key: string;
  text: string;
}

function keyOf(unit: string): string {
  if (LATIN.test(unit)) return unit.normalize('NFKC').toLowerCase();
  return SAME_MARK[unit] ?? unit;
}

/** The units of a text in order, whitespace dropped, each with its matching key and its written form. */
export function textUnits(text: string): Unit[] {
  const out: Unit[] = [];
  // Variation selectors only choose a glyph: 葛󠄀 is 葛.
  for (const unit of text.normalize('NFC').replace(/[\uFE00-\uFE0F\u{E0100}-\u{E01EF}]/gu, '').match(UNIT_RE) ?? []) {
    if (/^\s+$/.test(unit) || NOT_TEXT.test(unit)) continue;
    out.push({ key: keyOf(unit), text: unit });
  }
  return out;
}

/** The matching keys of a text's units: what "contains" compares. */
export function searchUnits(text: string): string[] {
  return textUnits(text).map((u) => u.key);
}

/**
 * A unit spelt in the letters a–y, four per character, closed by z: a fixed
 * width keeps every unit's spelling from being a prefix of another's, and the
 * z makes a one-unit query match whole units only (40 never finds 400).
 */
export function encodeUnit(unit: string): string {
  let out = '';
  for (const ch of unit) {
    // Four letters reach U+5F5E0, past every assigned character but private-use planes, read as U+FFFD.
    let n = ch.codePointAt(0)! < 25 ** 4 ? ch.codePointAt(0)! : 0xfffd;
    let code = '';
    for (let i = 0; i < 4; i++) {
      code = String.fromCharCode(97 + (n % 25)) + code;
      n = Math.floor(n / 25);
    }
    out += code;
  }
  return `${out}z`;
}

/** The first unit spelt in an index word (the inverse of encodeUnit). */
export function decodeFirstUnit(word: string): string {
  const end = word.indexOf('z');
  let out = '';
  for (let i = 0; i + 4 <= end; i += 4) {
    let n = 0;
    for (let j = 0; j < 4; j++) n = n * 25 + (word.charCodeAt(i + j) - 97);
    out += String.fromCodePoint(n);
  }
  return out;
}

/** Fills the index text from the end of the heading words up to BODY_AT; also ends the heading. */
const FILLER = 'zz';
/**
 * Where an article's body words start in its index text. Unit and title
 * words come first, so a result whose matches sit before this position
 * matched its title or unit — Pagefind reports match positions with every
 * result, so title matches are ranked without another search or download.
 */
export const BODY_AT = 96;

/** The index words of one field: at every unit, the next GRAM units (fewer at the end, so no word spans two fields). */
function fieldWords(keys: string[]): string[] {
  const codes = keys.map(encodeUnit);
  return codes.map((_, i) => codes.slice(i, i + GRAM).join(''));
}

/** The text Pagefind indexes for an article: unit and title words, filler up to BODY_AT, then the body's words. */
export function indexText(fields: { body: string; heading: string[] }): string {
  const heading = fields.heading.filter(Boolean).flatMap((h) => fieldWords(searchUnits(h)));
  const filler = new Array<string>(Math.max(1, BODY_AT - heading.length)).fill(FILLER);
  return [...heading, ...filler, ...fieldWords(searchUnits(fields.body))].join(' ');
}

/** Whether a result's match positions (Pagefind's `words`) include one in the unit or title. */
export function matchesHeading(positions: number[]): boolean {
  return positions.some((p) => p < BODY_AT);
}

/** Where a body's written form differs from its keys (, for ，, ABC for abc): enough to show it as written. */
export function writtenForms(body: string): string {
  const diffs: [number, string][] = [];
  textUnits(body).forEach((u, i) => {
    if (u.key !== u.text) diffs.push([i, u.text]);
  });
  return diffs.length ? JSON.stringify(diffs) : '';
}

/** One term of a query: its units' keys and the text a reader sees for it. */
export interface QueryTerm {
  keys: string[];
  label: string;
}

/**
 * Splits what a reader typed into terms that must all occur: spaces separate
 * terms, "quoted text" (or “quoted text”) is one term with its spaces ignored,
 * as Chinese has none; the quotes themselves are not part of the term.
 */
export function queryTerms(query: string): QueryTerm[] {
  const seen = new Map<string, QueryTerm>();
  // A quoted stretch is one term only when it stands alone: “一竿子”插到底 is one run of text.
  for (const m of query.matchAll(/"([^"]*)"(?=\s|$)|“([^”]*)”(?=\s|$)|(\S+)/g)) {
    const label = (m[1] ?? m[2] ?? m[3] ?? '').replace(/\s+/g, '').replace(WRAPPING_QUOTES, '');
    const keys = searchUnits(label);
    if (keys.length && !seen.has(keys.join('\u0000'))) seen.set(keys.join('\u0000'), { keys, label });
  }
  return [...seen.values()];
}

/** The Pagefind query word for a term's first GRAM units: a prefix of every index word where the term starts. */
export function prefixWord(keys: string[]): string {
  return keys.slice(0, GRAM).map(encodeUnit).join('');
}

/** A term longer than GRAM units as an exact Pagefind phrase of the index words along it. */
export function phraseQuery(keys: string[]): string {
  const words = fieldWords(keys).slice(0, keys.length - GRAM + 1);
  return `"${words.join(' ')}"`;
}

export interface ExcerptPart {
  text: string;
  mark: boolean;
}

/** The body's units as written, read back from the index text of an article. */
export function bodyUnits(content: string, written = ''): string[] {
  const words = content.split(' ');
  let start = words.indexOf(FILLER);
  while (words[start] === FILLER) start++;
  const units = words.slice(Math.max(0, start)).filter(Boolean).map(decodeFirstUnit);
  if (written) for (const [i, text] of JSON.parse(written) as [number, string][]) if (i < units.length) units[i] = text;
  return units;
}

const isWord = (u: string) => LATIN.test(u);
/** Marks after which an excerpt may start: it then begins at a clause, not inside one. */
const CLAUSE_END = /^[。！？；，、：!?;,:]$/;

/** Joins units back into text: a space only between two Latin words or numbers, as Chinese has none. */
function joinUnits(units: string[]): string {
  return units.map((u, i) => (i > 0 && isWord(u) && isWord(units[i - 1]) ? ` ${u}` : u)).join('');
}

/**
 * An excerpt of an article's body around the first place a term occurs, as
 * plain-text parts with every occurrence of a term marked, and “…” where the
 * body is cut. When only the title or unit matched, the body's opening.
 * Never HTML: bulletin text such as <script> can only ever be shown, not run.
 */
export function bodyExcerpt(units: string[], terms: string[][], length = 64): ExcerptPart[] {
  const keys = units.map(keyOf);
  const marked = new Array<boolean>(units.length).fill(false);
  let first = -1;
  for (const term of terms) {
    for (let i = 0; i + term.length <= keys.length; i++) {
      if (term.every((k, j) => keys[i + j] === k)) {
        marked.fill(true, i, i + term.length);
        if (first < 0 || i < first) first = i;
      }
    }
  }
  let start = 0;
  if (first > length / 3) {
    // Some context before the match, starting after a clause mark when one is near.
    start = first - Math.floor(length / 3);
    for (let i = start; i < first; i++) {
      if (CLAUSE_END.test(units[i])) {
        start = i + 1;
        break;
      }
    }
  }
  const end = Math.min(units.length, start + length);
  const parts: ExcerptPart[] = [];
  for (let i = start; i < end; ) {
    let j = i;
    while (j < end && marked[j] === marked[i]) j++;
    const space = i > start && isWord(units[i]) && isWord(units[i - 1]) ? ' ' : '';
    parts.push({ text: space + joinUnits(units.slice(i, j)), mark: marked[i] });
    i = j;
  }
  if (start > 0) parts.unshift({ text: '…', mark: false });
  if (end < units.length) parts.push({ text: '…', mark: false });
  // Neighbouring unmarked parts read as one.
  return parts.reduce<ExcerptPart[]>((out, p) => {
    const prev = out.at(-1);
    if (prev && !prev.mark && !p.mark) prev.text += p.text;
    else out.push({ ...p });
    return out;
  }, []);
}


/** What a word of ours or a prefix of one looks like: four letters a–y and z per unit. */
const WORD_PREFIX = /^(?:[a-y]{4}z)*[a-y]{0,4}$/;

/**
 * Probe words for a prefix query: one for each index chunk, after the one
 * Pagefind loads for the prefix itself, that can hold words with that prefix.
 * A probe sorts into its chunk (so Pagefind loads it) but is no word's
 * prefix (so Pagefind drops it from the search). `ranges` are the chunks'
 * first and last words (see chunks.ts).
 */
export function probeWords(prefix: string, ranges: [string, string][]): string[] {
  const end = `${prefix}z`;
  const out: string[] = [];
  for (const [from, to] of ranges) {
    if (to < prefix || from >= end || (from <= prefix && prefix <= to)) continue;
    const candidates = [0, 1, 2, 3, 4, 5].map((m) => `${from}${'a'.repeat(m)}z`).filter((p) => !WORD_PREFIX.test(p));
    // A chunk whose bounds are one string has no room for a probe; one that falls between
    // chunks makes Pagefind load every chunk whose bounds share its start, this one included.
    out.push(candidates.find((p) => p <= to) ?? candidates[0]);
  }
  return out;
}
