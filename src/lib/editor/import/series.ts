/**
 * Which series an imported issue belongs to. A bulletin joins an existing
 * series only when its masthead is exactly that series' title (or the user
 * names the series); otherwise it starts a new one whose id never collides
 * with another series' id, however alike the two mastheads are.
 */
import path from 'node:path';
import type { ContentProblem } from '../../content/errors.ts';
import { asciiSlug, titleSlug } from '../../content/slug.ts';

export interface KnownSeries {
  id: string;
  title?: unknown;
}

export interface SeriesChoice {
  id: string;
  /** True when the series does not exist yet and must be created. */
  created: boolean;
}

/** Picks the series for `masthead` among `known` (existing plus those created earlier in the same run). */
export function chooseSeries(masthead: string, known: KnownSeries[], explicit?: string): SeriesChoice {
  if (explicit) return { id: explicit, created: !known.some((s) => s.id === explicit) };
  const same = known.find((s) => s.title === masthead);
  if (same) return { id: same.id, created: false };
  const taken = new Set(known.map((s) => s.id));
  const short = titleSlug(masthead, 40);
  if (!taken.has(short)) return { id: short, created: true };
  // The short id belongs to another masthead (督查专报, 增刊 …): spell the whole masthead, then number it.
  const full = asciiSlug(masthead, 80);
  if (!taken.has(full)) return { id: full, created: true };
  let n = 2;
  while (taken.has(`${full}-${n}`)) n++;
  return { id: `${full}-${n}`, created: true };
}

/**
 * Errors in the series files of a content tree (problems as the reader
 * reports them, file names relative to the working folder): a series whose
 * file does not read is invisible, so an import would start a second series
 * of the same title beside it.
 */
export function seriesFileErrors(root: string, problems: ContentProblem[]): ContentProblem[] {
  const folder = path.join(path.resolve(root), 'series') + path.sep;
  return problems.filter((p) => p.severity === 'error' && path.resolve(p.file).startsWith(folder));
}
