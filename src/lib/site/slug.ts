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

/**
 * Assigns each name a distinct slug; names are taken in sorted order so the
 * same set of names always yields the same slugs, whatever order they came in.
 */
export function uniqueSlugs(names: Iterable<string>): Map<string, string> {
  const out = new Map<string, string>();
  // "stats" is the statistics page under /units/.
  const taken = new Set<string>(['stats']);
  for (const name of [...new Set(names)].sort()) {
    const base = asciiSlug(name);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    out.set(name, slug);
  }
  return out;
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
