import { describe, expect, it } from 'vitest';
import { compareZh, fileSizeZh, monthDayZh, pdfDownloadName, pdfLinkLabel } from '../../../src/lib/site/format.ts';

describe('compareZh', () => {
  it('orders unit names by pinyin, not by code point', () => {
    const units = ['市市场监管局', '开发区', '东昌府区', '度假区', '阳谷县'];
    expect([...units].sort(compareZh)).toEqual(['东昌府区', '度假区', '开发区', '市市场监管局', '阳谷县']);
    // Code-point order, which the review found random-looking, differs.
    expect([...units].sort()).not.toEqual([...units].sort(compareZh));
  });

  it('is a total order: distinct names never compare equal', () => {
    expect(compareZh('东区', '东区')).toBe(0);
    expect(compareZh('东区', '東区')).not.toBe(0);
  });
});

describe('PDF link wording', () => {
  it('says pages and size when the build measured them', () => {
    expect(pdfLinkLabel(8, 750_000)).toBe('下载 PDF（8 页，732 KB）');
    expect(pdfLinkLabel(2, 3 * 1024 * 1024)).toBe('下载 PDF（2 页，3.0 MB）');
    expect(pdfLinkLabel(8)).toBe('下载 PDF（8 页）');
    expect(pdfLinkLabel()).toBe('下载 PDF');
  });

  it('rounds sizes as office staff read them', () => {
    expect(fileSizeZh(100)).toBe('1 KB');
    expect(fileSizeZh(1536 * 1024)).toBe('1.5 MB');
  });

  it('names the downloaded file in Chinese after the series, year and number', () => {
    expect(pdfDownloadName({ series: { title: '聊城市创建全国文明城市工作简报' }, year: 2021, number: 28 })).toBe('聊城市创建全国文明城市工作简报2021年第28期.pdf');
    expect(pdfDownloadName({ series: { title: '甲/乙 简报' }, year: 2024, number: 3 })).toBe('甲乙简报2024年第3期.pdf');
  });
});

describe('monthDayZh', () => {
  it('drops the year for lists grouped by year', () => {
    expect(monthDayZh('2021-05-12')).toBe('5月12日');
  });
});
