/**
 * Runs a reader's query against Pagefind: every term an exact phrase (see
 * search-text.ts), all terms required. Pagefind joins several quoted phrases
 * into one, so each term is searched on its own and the results intersected.
 * Works with pagefind.js in the browser and in Node (the quality tests).
 */
import { queryPhrases } from './text.ts';

export interface PagefindResult {
  id: string;
  score: number;
  data: () => Promise<PagefindResultData>;
}

export interface PagefindResultData {
  url: string;
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
}

export type Filters = Record<string, string[]>;
export type SortOrder = 'relevance' | 'date';

export interface ArchiveSearch {
  phrases: string[];
  results: PagefindResult[];
  /** Facet counts for the results, per filter name and value. */
  counts: Record<string, Record<string, number>>;
}

const sortOption = (sort: SortOrder) => (sort === 'date' ? { date: 'desc' as const } : undefined);

async function intersect(api: PagefindApi, phrases: string[], filters: Filters, sort: SortOrder): Promise<PagefindResult[]> {
  const searches = await Promise.all(phrases.map((p) => api.search(p, { filters, sort: sortOption(sort) })));
  if (searches.some((s) => !s)) return [];
  const [first, ...rest] = searches as PagefindSearch[];
  const others = rest.map((s) => new Map(s.results.map((r) => [r.id, r.score])));
  return first.results
    .filter((r) => others.every((m) => m.has(r.id)))
    .map((r) => ({ ...r, score: others.reduce((sum, m) => sum + (m.get(r.id) ?? 0), r.score) }))
    .sort((a, b) => (sort === 'date' ? 0 : b.score - a.score));
}

export async function searchArchive(api: PagefindApi, query: string, filters: Filters = {}, sort: SortOrder = 'relevance'): Promise<ArchiveSearch> {
  const phrases = queryPhrases(query);
  if (!phrases.length) return { phrases, results: [], counts: {} };
  if (phrases.length === 1) {
    const found = await api.search(phrases[0], { filters, sort: sortOption(sort) });
    return { phrases, results: found?.results ?? [], counts: found?.filters ?? {} };
  }
  const results = await intersect(api, phrases, filters, sort);
  // Facet counts of an intersection: Pagefind counts per term, so count each
  // value that the first term can still reach by intersecting under it.
  const first = await api.search(phrases[0], { filters, sort: sortOption(sort) });
  const counts: Record<string, Record<string, number>> = {};
  for (const [name, values] of Object.entries(first?.filters ?? {})) {
    counts[name] = {};
    for (const [value, n] of Object.entries(values)) {
      if (n === 0) {
        counts[name][value] = 0;
        continue;
      }
      const narrowed = { ...filters, [name]: [value] };
      counts[name][value] = (await intersect(api, phrases, narrowed, sort)).length;
    }
  }
  return { phrases, results, counts };
}
