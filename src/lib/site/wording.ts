/** Site-wide wording derived from the archive. */
import type { Archive } from './archive.ts';

/** The masthead of the only series, or a generic name when there are several. */
export function siteTitle(archive: Archive): string {
  return archive.series.length === 1 ? archive.series[0].title : '工作简报档案';
}

/** Recipients of one distribution line, as printed: 市委常委，市人大主任、副主任 */
export function recipientsLine(list: string[]): string {
  return list.join('，');
}

/** The 报/送/发 lines that have recipients, in print order. */
export function distributionLines(issue: { reportTo: string[]; copyTo: string[]; sendTo: string[] }) {
  return [
    { label: '报', list: issue.reportTo },
    { label: '送', list: issue.copyTo },
    { label: '发', list: issue.sendTo },
  ]
    .filter((l) => l.list.length > 0)
    .map((l) => ({ label: l.label, text: recipientsLine(l.list) }));
}
