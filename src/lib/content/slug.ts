import { pinyin } from 'pinyin-pro';

/**
 * Readable ASCII id for Chinese text, used where a URL or folder needs one
 * (reporting units, series ids derived from a masthead): 东昌府区 → dongchangfuqu.
 * Latin letters and digits are kept; everything else becomes a hyphen.
 */
export function asciiSlug(text: string, maxLength = 60): string {
  const slug = pinyin(text.normalize('NFKC'), { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'x';
}

/** Slugs no unit may have: "stats" is the statistics page under /units/. */
export const RESERVED_UNIT_SLUGS = new Set(['stats']);

/**
 * The URL slug of each reporting unit: its pinyin, or the slug set for it in
 * content/units.yaml. A slug depends only on the unit's own name (never on
 * which other units exist), so a unit's URL keeps its meaning as content is
 * added; two units that would share a slug are reported as a clash, for an
 * editor to settle in units.yaml, instead of one being renamed silently.
 */
export function unitSlugs(names: Iterable<string>, overrides: ReadonlyMap<string, string> = new Map()): { slugs: Map<string, string>; clashes: { slug: string; names: string[] }[] } {
  const slugs = new Map<string, string>();
  const byslug = new Map<string, string[]>();
  for (const name of [...new Set(names)].sort()) {
    const slug = overrides.get(name) ?? asciiSlug(name);
    slugs.set(name, slug);
    byslug.set(slug, [...(byslug.get(slug) ?? []), name]);
  }
  const clashes = [...byslug]
    .filter(([slug, list]) => list.length > 1 || RESERVED_UNIT_SLUGS.has(slug))
    .map(([slug, list]) => ({ slug, names: list }));
  return { slugs, clashes };
}

const words = new Intl.Segmenter('zh-CN', { granularity: 'word' });

/**
 * A short, readable slug for a title: pinyin word by word, hyphen between
 * words, cut at a word boundary. 李长萍督导检查全国文明城市创建工作 →
 * lichangping-dudao-jiancha-quanguo.
 */
export function titleSlug(text: string, maxLength = 32): string {
  let out = '';
  for (const { segment, isWordLike } of words.segment(text.normalize('NFKC'))) {
    if (!isWordLike) continue;
    const part = asciiSlug(segment);
    if (part === 'x') continue;
    const next = out ? `${out}-${part}` : part;
    if (next.length > maxLength && out) break;
    out = next.slice(0, Math.max(maxLength, part.length > maxLength ? maxLength : next.length));
  }
  return out.replace(/-+$/, '') || 'x';
}
