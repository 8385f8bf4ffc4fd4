/**
 * Runs a reader's query against Pagefind with Jianbao's index words (see
 * text.ts): every term must occur exactly, title and unit matches rank first,
 * and facet counts describe exactly the results. The number of Pagefind
 * searches depends on the number of terms only, never on the facets.
 * Works with pagefind.js in the browser and in Node (the quality tests).
 */
import { GRAM, matchesHeading, phraseQuery, prefixWord, probeWords, queryTerms, type QueryTerm } from './text.ts';

export interface PagefindResult {
  id: string;
  score: number;
  /** Positions of the matched index words in the article's index text. */
  words: number[];
  data: () => Promise<PagefindResultData>;
}

export interface PagefindResultData {
  url: string;
  content: string;
  excerpt: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

export interface PagefindSearch {
  results: PagefindResult[];
  filters: Record<string, Record<string, number>>;
}

export interface PagefindApi {
  search(term: string | null, options?: { filters?: Record<string, string[]>; sort?: Record<string, 'asc' | 'desc'> }): Promise<PagefindSearch | null>;
  filters(): Promise<Record<string, Record<string, number>>>;
  /** Loads the index chunks a query needs, without searching. */
  preload(term: string): Promise<void>;
}

export type Filters = Record<string, string[]>;
/** The index chunks' word ranges (jianbao-chunks.json), or a loader of them: only a term shorter than GRAM units needs them. */
export type ChunkRanges = [string, string][] | (() => Promise<[string, string][]>);
export type SortOrder = 'relevance' | 'date';

export interface ArchiveSearch {
  terms: QueryTerm[];
  results: PagefindResult[];
  /** Facet counts for the results, per filter name and value. */
  counts: Record<string, Record<string, number>>;
  /** How many Pagefind searches the query took (for the benchmark). */
  searches: number;
}

const sortOption = (sort: SortOrder) => (sort === 'date' ? { date: 'desc' as const } : undefined);

/**
 * Searches the archive. All short terms go into one Pagefind search (its
 * words must all occur, and its filter counts are then the counts of the
 * answer); terms longer than GRAM units are checked as exact phrases.
 */
export async function searchArchive(
  api: PagefindApi,
  query: string,
  filters: Filters = {},
  sort: SortOrder = 'relevance',
  /** The index chunks' word ranges (jianbao-chunks.json): without them a short, common term may miss articles. */
  ranges: ChunkRanges = [],
): Promise<ArchiveSearch> {
  const terms = queryTerms(query);
  let searches = 0;
  const search = async (q: string) => {
    searches++;
    return (await api.search(q, { filters, sort: sortOption(sort) })) ?? { results: [], filters: {} };
  };
  const none = (): ArchiveSearch => ({ terms, results: [], counts: {}, searches });
  if (!terms.length) return none();

  const long = terms.filter((t) => t.keys.length > GRAM);
  const words = terms.map((t) => prefixWord(t.keys));
  // A term shorter than GRAM units is a prefix whose words may run over several index chunks:
  // load them all first (probe words sort into them but are nobody's words).
  const short = terms.filter((t) => t.keys.length < GRAM);
  if (short.length) {
    // Loaded only here, so a query of GRAM units or more never fetches the list.
    const known = typeof ranges === 'function' ? await ranges() : ranges;
    const probes = short.flatMap((t) => probeWords(prefixWord(t.keys), known));
    if (probes.length) await api.preload(probes.join(' '));
  }
  const [main, ...checks] = await Promise.all([
    terms.length === 1 && long.length ? search(phraseQuery(long[0].keys)) : search(words.join(' ')),
    // Pagefind leaves out a word that occurs nowhere instead of failing, so with
    // several terms each must be seen to occur on its own.
    ...(terms.length > 1 ? words.map((w) => search(w)) : []),
    ...(terms.length > 1 ? long.map((t) => search(phraseQuery(t.keys))) : []),
  ]);
  if (checks.slice(0, words.length).some((c) => !c.results.length)) return none();
  const phrases = checks.slice(words.length).map((c) => new Set(c.results.map((r) => r.id)));
  let results = main.results.filter((r) => phrases.every((p) => p.has(r.id)));

  const counts = structuredClone(main.filters);
  if (results.length < main.results.length) {
    // Articles where a long term's first units occur but not the whole term: take them out of the counts.
    const kept = new Set(results.map((r) => r.id));
    const dropped = await Promise.all(main.results.filter((r) => !kept.has(r.id)).map((r) => r.data()));
    for (const d of dropped) for (const [name, values] of Object.entries(d.filters)) for (const v of values) if (counts[name]?.[v]) counts[name][v]--;
  }

  if (sort === 'relevance') {
    // Title and unit matches first (their index words come first: see BODY_AT), each group in Pagefind's order.
    results = [...results.filter((r) => matchesHeading(r.words)), ...results.filter((r) => !matchesHeading(r.words))];
  }
  return { terms, results, counts, searches };
}
