/**
 * Articles per reporting unit per year: the 信息采用 count offices keep to
 * see which units' reports were taken up.
 */
import type { Archive } from './archive.ts';

export interface UnitStatsRow {
  name: string;
  url: string;
  /** Count per year, in the order of `years`. */
  counts: number[];
  total: number;
}

export interface UnitStats {
  /** Oldest first, like a spreadsheet. */
  years: number[];
  /** Most articles first. */
  rows: UnitStatsRow[];
  totals: number[];
}

export function unitStats(archive: Archive): UnitStats {
  const years = archive.years.map((y) => y.year).sort((a, b) => a - b);
  const col = new Map(years.map((y, i) => [y, i]));
  const rows = archive.units.map((unit) => {
    const counts = years.map(() => 0);
    for (const a of unit.articles) counts[col.get(a.issue.year)!]++;
    return { name: unit.name, url: unit.url, counts, total: unit.articles.length };
  });
  rows.sort((a, b) => b.total - a.total || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const totals = years.map((_, i) => rows.reduce((n, r) => n + r.counts[i], 0));
  return { years, rows, totals };
}
