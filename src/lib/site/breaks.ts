/**
 * Where a Chinese heading may break: between words, never inside one.
 * Browsers break CJK text between any two characters, so a masthead can end a
 * line with “…全国文” and start the next with “明城市…”. Headings are segmented
 * at build time and rendered with <wbr> at these points under `word-break: keep-all`.
 */

const segmenter = new Intl.Segmenter('zh-CN', { granularity: 'word' });

// Opening brackets and quotes stay with what follows; closing ones and
// sentence punctuation stay with what precedes (GB/T 15834 line-start/end rules).
const OPENING = /^[“‘（《〈【〔「『(\[]$/u;
const CLOSING = /^[”’）》〉】〕」』)\]，。、；：？！…—·,.;:?!%]+$/u;
const SINGLE_HAN = /^\p{Script=Han}$/u;

// Single characters the dictionary leaves alone that end a word rather than start one
// (测试|市, 阶段|性, 现代|化); every other lone character starts the next word (聊|城市, 小|广告).
const SUFFIX = /^[市县区镇乡村省局委办厅处科室站所队性化们者的地得了着过等]$/u;

/**
 * Splits `text` into runs that must not break inside; a line may break between runs.
 * Lone Han characters are joined to a neighbour, because the dictionary splits
 * names, prefixes and suffixes off as single characters (聊|城市, 李|长|萍, 阶段|性).
 */
export function wordBreaks(text: string): string[] {
  // A title is set on many pages (its issue, the lists, its neighbours) and segmenting it cost a
  // listing process 0.6 s at 6,000 articles: each text is segmented once per process.
  let runs = known.get(text);
  if (!runs) {
    runs = segment(text);
    known.set(text, runs);
  }
  return [...runs];
}

const known = new Map<string, string[]>();

function segment(text: string): string[] {
  const runs: string[] = [];
  let forward = false; // the previous segment must stay with this one
  for (const { segment } of segmenter.segment(text)) {
    const single = SINGLE_HAN.test(segment);
    const glue = runs.length > 0 && (forward || CLOSING.test(segment) || /^\s+$/u.test(segment) || (single && SUFFIX.test(segment)));
    if (glue) runs[runs.length - 1] += segment;
    else runs.push(segment);
    // Numbers stay with their measure word (2021年, 28期).
    forward = OPENING.test(segment) || (single && !SUFFIX.test(segment)) || /^\d+$/u.test(segment);
  }
  return runs;
}
