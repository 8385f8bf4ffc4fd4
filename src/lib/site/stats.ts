/**
 * Articles per reporting unit per year: the 信息采用 count offices keep to
 * see which units' reports were taken up.
 */
import type { Archive } from './archive.ts';
import { compareZh } from './format.ts';

/** Row label for articles that name no 报送单位, so the totals cover every article. */
export const NO_UNIT = '未署单位';

export interface UnitStatsRow {
  name: string;
  /** The unit's page; none for the 未署单位 row. */
  url?: string;
  /** Count per year, in the order of `years`. */
  counts: number[];
  total: number;
}

export interface UnitStats {
  /** Oldest first, like a spreadsheet. */
  years: number[];
  /** Most articles first (ties in pinyin order), then 未署单位 when any article lacks a unit. */
  rows: UnitStatsRow[];
  /** Per year, over all rows: every published article is counted once. */
  totals: number[];
}

/** Articles per unit and year, with the unsigned articles as a last row. */
export function unitStats(archive: Archive): UnitStats {
  const years = archive.years.map((y) => y.year).sort((a, b) => a - b);
  const col = new Map(years.map((y, i) => [y, i]));
  const count = (articles: Archive['articles']) => {
    const counts = years.map(() => 0);
    for (const a of articles) counts[col.get(a.issue.year)!]++;
    return counts;
  };
  const rows: UnitStatsRow[] = archive.units.map((unit) => ({ name: unit.name, url: unit.url, counts: count(unit.articles), total: unit.articles.length }));
  rows.sort((a, b) => b.total - a.total || compareZh(a.name, b.name));
  const unsigned = archive.articles.filter((a) => !a.unit);
  if (unsigned.length) rows.push({ name: NO_UNIT, counts: count(unsigned), total: unsigned.length });
  const totals = years.map((_, i) => rows.reduce((n, r) => n + r.counts[i], 0));
  return { years, rows, totals };
}
