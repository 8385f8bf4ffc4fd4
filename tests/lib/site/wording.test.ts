import { describe, expect, it } from 'vitest';
import { buildArchive } from '../../../src/lib/site/archive.ts';
import { documentTitle, footerRecords, homeSeries, ICP_URL, siteTitle, statusNotice } from '../../../src/lib/site/wording.ts';

const archive = (ids: string[]) =>
  buildArchive({ series: ids.map((id) => ({ key: id, file: `series/${id}.yaml`, data: { title: `${id}简报`, issuer: '办' } })), issues: [], articles: [] });

describe('site name and <title>', () => {
  it('takes site.yaml’s name first, then the only series, then a generic name', () => {
    expect(siteTitle(archive(['a']), { name: '某市简报网' })).toBe('某市简报网');
    expect(siteTitle(archive(['a']))).toBe('a简报');
    expect(siteTitle(archive(['a', 'b']))).toBe('工作简报档案');
  });

  it('does not repeat the site name when the page title already has it', () => {
    expect(documentTitle('聊城市创建全国文明城市工作简报 2021年第 28 期', '聊城市创建全国文明城市工作简报')).toBe('聊城市创建全国文明城市工作简报 2021年第 28 期');
    expect(documentTitle('往期简报', '某市简报')).toBe('往期简报 - 某市简报');
    expect(documentTitle(undefined, '某市简报')).toBe('某市简报');
  });
});

describe('homeSeries', () => {
  it('finds site.yaml’s default series and rejects an unknown id in Chinese', () => {
    expect(homeSeries(archive(['a', 'b']), { defaultSeries: 'b' })!.id).toBe('b');
    expect(homeSeries(archive(['a', 'b']), {})).toBeUndefined();
    expect(() => homeSeries(archive(['a']), { defaultSeries: 'zz' })).toThrow(/defaultSeries: 没有编号为“zz”的简报系列/);
  });
});

describe('footerRecords', () => {
  it('shows only the fields that are set, in gov.cn order, with the record links', () => {
    expect(footerRecords({})).toEqual([]);
    const all = footerRecords({ host: '市政府办公室', contact: '电话 1', icp: '鲁ICP备1号', police: '鲁公网安备 37150202000123号', siteCode: '3715000001' });
    expect(all.map((r) => r.label)).toEqual(['主办单位', '联系方式', 'ICP备案号', '公安备案号', '网站标识码']);
    expect(all[2].href).toBe(ICP_URL);
    expect(all[3].href).toContain('37150202000123');
    expect(footerRecords({ icp: '鲁ICP备1号' }).map((r) => r.label)).toEqual(['ICP备案号']);
  });
});

describe('statusNotice', () => {
  it('labels drafts and internal issues', () => {
    expect(statusNotice('draft').label).toBe('草稿');
    expect(statusNotice('internal').label).toBe('内部');
  });
});
