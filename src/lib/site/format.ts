/** Display forms used on screen and in print. */

/** 2021-05-12 → 2021年5月12日, as printed in the masthead. */
export function formatDateZh(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** 28 → 第 28 期 (the spaces are thin in print, plain on screen). */
export function issueLabel(number: number): string {
  return `第 ${number} 期`;
}

/** 312 → 总第 312 期. */
export function totalLabel(total: number): string {
  return `总第 ${total} 期`;
}

/** Year of a YYYY-MM-DD date. */
export function yearOf(iso: string): number {
  return Number(iso.slice(0, 4));
}

/** The mark shown wherever an issue that is not public appears: 内部 (intranet builds), 草稿 (previews). */
export function statusMark(status: 'published' | 'internal' | 'draft'): string | undefined {
  return status === 'internal' ? '内部' : status === 'draft' ? '草稿' : undefined;
}

/** A title with the issue's status mark in front, for feeds and other plain-text places: 【内部】… */
export function markedTitle(title: string, status: 'published' | 'internal' | 'draft'): string {
  const mark = statusMark(status);
  return mark ? `【${mark}】${title}` : title;
}
