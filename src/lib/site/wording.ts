/** Site-wide wording derived from the archive. */
import type { Archive, Series } from './archive.ts';
import type { SiteData } from '../content/schema.ts';

/** site.yaml's name, else the masthead of the only series, else a generic name. */
export function siteTitle(archive: Archive, site: SiteData = {}): string {
  return site.name ?? (archive.series.length === 1 ? archive.series[0].title : '工作简报档案');
}

/** The <title> text: the page's own title, then the site name unless the title already says it. */
export function documentTitle(title: string | undefined, site: string): string {
  if (!title || title === site) return site;
  return title.includes(site) ? title : `${title} - ${site}`;
}

/** The series whose newest issue the home page leads with: site.yaml's defaultSeries, else any. */
export function homeSeries(archive: Archive, site: SiteData = {}): Series | undefined {
  if (!site.defaultSeries) return undefined;
  const series = archive.series.find((s) => s.id === site.defaultSeries);
  if (!series) {
    throw new Error(`site.yaml: defaultSeries: 没有编号为“${site.defaultSeries}”的简报系列（应为以下之一：${archive.series.map((s) => s.id).join('、')}）`);
  }
  return series;
}

export interface FooterRecord {
  label: string;
  text: string;
  href?: string;
}

/** MIIT's ICP record lookup, where every ICP备案号 must link. */
export const ICP_URL = 'https://beian.miit.gov.cn/';

/** The footer's 主办单位/联系方式/备案 lines, in the order gov.cn sites print them; only those set. */
export function footerRecords(site: SiteData): FooterRecord[] {
  const records: (FooterRecord | undefined)[] = [
    site.host ? { label: '主办单位', text: site.host } : undefined,
    site.contact ? { label: '联系方式', text: site.contact } : undefined,
    site.icp ? { label: 'ICP备案号', text: site.icp, href: ICP_URL } : undefined,
    site.police
      ? { label: '公安备案号', text: site.police, href: policeRecordUrl(site.police) }
      : undefined,
    site.siteCode ? { label: '网站标识码', text: site.siteCode } : undefined,
  ];
  return records.filter((r): r is FooterRecord => r !== undefined);
}

/** The public-security record page of a 公网安备 number (its digits). */
export function policeRecordUrl(record: string): string | undefined {
  const code = record.replace(/\D/g, '');
  return code ? `https://beian.mps.gov.cn/#/query/webSearch?code=${code}` : undefined;
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

/** What the 草稿/内部 banner says about an issue that is not public. */
export function statusNotice(status: 'draft' | 'internal'): { label: string; text: string } {
  return status === 'draft'
    ? { label: '草稿', text: '本期尚未发布，只在本地预览（npm run dev）中可见；改为 status: published 后才会进入网站。' }
    : { label: '内部', text: '本期为内部简报，只出现在内部版本（BULLETIN_INCLUDE=internal）和本地预览中，公开网站不含本期。' };
}
