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

const zhCollator = new Intl.Collator('zh-CN');

/** Pinyin order for Chinese names (units, facets): the one comparator every list uses. */
export function compareZh(a: string, b: string): number {
  return zhCollator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** 733 KB / 1.2 MB: a PDF's size as office staff read it. */
export function fileSizeZh(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** 下载 PDF（8 页，733 KB）, leaving out what the build did not measure. */
export function pdfLinkLabel(pages?: number, bytes?: number): string {
  const parts = [pages ? `${pages} 页` : '', bytes ? fileSizeZh(bytes) : ''].filter(Boolean);
  return parts.length ? `下载 PDF（${parts.join('，')}）` : '下载 PDF';
}

/** 聊城市…工作简报2021年第28期.pdf: the name a downloaded PDF keeps in the Downloads folder. */
export function pdfDownloadName(issue: { series: { title: string }; year: number; number: number }): string {
  const safe = issue.series.title.replace(/[\\/:*?"<>|\s]+/g, '');
  return `${safe}${issue.year}年第${issue.number}期.pdf`;
}

/** 2021-05-12 → 5: month of a YYYY-MM-DD date. */
export function monthOf(iso: string): number {
  return Number(iso.slice(5, 7));
}

/** 2021-05-12 → 5月12日, for lists already grouped by year. */
export function monthDayZh(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  return `${m}月${d}日`;
}
