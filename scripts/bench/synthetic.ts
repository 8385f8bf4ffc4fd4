/**
 * A synthetic bulletin archive for benchmarks: varied Chinese text of
 * realistic length, reporting units, tables, several series, valid
 * frontmatter. Deterministic for a given seed, so runs compare.
 */
import type { ContentFile } from '../../src/lib/editor/issue-files.ts';
import { frontmatter } from '../../src/lib/editor/issue-files.ts';
import { articleOrderPrefix, issueDir } from '../../src/lib/content/layout.ts';

const UNITS = [
  '东昌府区', '开发区', '度假区', '高新区', '茌平区', '阳谷县', '莘县', '东阿县', '冠县', '高唐县', '临清市',
  '市公安局', '市教育和体育局', '市住房和城乡建设局', '市城市管理局', '市生态环境局', '市交通运输局', '市卫生健康委',
  '市市场监管综合执法支队', '市消防救援支队', '团市委', '市妇联', '市总工会', '市文明办', '古楼街道', '柳园街道',
];
const SUBJECTS = ['市委', '市政府', '区委', '各街道', '各社区', '执法人员', '志愿者', '网格员', '督导组', '各责任单位', '党员干部', '居民群众'];
const VERBS = ['深入推进', '扎实开展', '全面落实', '持续加大', '认真组织', '集中整治', '统筹推进', '细化分解', '逐项排查', '着力提升', '广泛宣传', '建立健全'];
const OBJECTS = [
  '背街小巷环境整治', '小广告清理', '农贸市场规范管理', '文明交通劝导', '垃圾分类', '老旧小区改造', '消防通道治理', '共享单车停放',
  '食品安全检测', '社会主义核心价值观宣传', '新时代文明实践', '志愿服务活动', '网格化管理机制', '占道经营整治', '油烟污染治理',
  '公益广告设置', '窨井盖排查', '违法建设拆除', '校园周边环境整治', '门前五包责任制',
];
const TAILS = ['取得明显成效', '形成长效机制', '营造了浓厚氛围', '群众满意度不断提升', '确保各项任务落到实处', '推动工作常态长效', '为创建工作打下坚实基础'];
const PLACES = ['斗虎巷', '龙山街', '柳园路', '东昌湖', '光岳楼', '米市街', '古楼路', '兴华路', '花园路', '振兴路', '湖南路', '建设路'];

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export interface SyntheticOptions {
  articles: number;
  seed?: number;
  /** Articles per issue (average). */
  perIssue?: number;
  series?: number;
}

export function syntheticArchive(options: SyntheticOptions): ContentFile[] {
  const rand = rng(options.seed ?? 28);
  const pick = <T,>(list: T[]) => list[Math.floor(rand() * list.length)];
  const perIssue = options.perIssue ?? 6;
  const seriesCount = options.series ?? 3;
  const files: ContentFile[] = [];
  const seriesIds = Array.from({ length: seriesCount }, (_, i) => `series-${i + 1}`);
  seriesIds.forEach((id, i) =>
    files.push({ path: `series/${id}.yaml`, text: `title: 测试市第${i + 1}工作简报\nissuer: 测试市第${i + 1}工作办公室\n` }),
  );
  const sentence = () => `${pick(SUBJECTS)}${pick(VERBS)}${pick(OBJECTS)}，在${pick(PLACES)}等重点区域${pick(VERBS)}${pick(OBJECTS)}，${pick(TAILS)}。`;
  const paragraph = () => Array.from({ length: 2 + Math.floor(rand() * 5) }, sentence).join('');
  let made = 0;
  let issueNo = 0;
  while (made < options.articles) {
    const series = seriesIds[issueNo % seriesCount];
    const perSeries = Math.floor(issueNo / seriesCount);
    const year = 2005 + Math.floor(perSeries / 50);
    const number = (perSeries % 50) + 1;
    // About weekly: issue n of a year comes out on day 7n - 4, so dates follow the numbers.
    const date = new Date(Date.UTC(year, 0, 7 * number - 4)).toISOString().slice(0, 10);
    const dir = issueDir({ series, year, number });
    files.push({
      path: `${dir}/index.mdx`,
      text: frontmatter({ number, total: perSeries + 1, date, reportTo: ['市委常委', '市政府副市长'], sendTo: ['各县（市、区）委', '市直各部门'], copies: 200 }),
    });
    const count = Math.min(options.articles - made, Math.max(1, perIssue - 2 + Math.floor(rand() * 5)));
    for (let a = 1; a <= count; a++) {
      const unit = rand() < 0.8 ? pick(UNITS) : undefined;
      const title = `${pick(VERBS)}${pick(OBJECTS)}${pick(TAILS)}`;
      const paras = Array.from({ length: 3 + Math.floor(rand() * 4) }, paragraph);
      if (rand() < 0.1) paras.splice(1, 0, `| 项目 | 数量 |\n| --- | --- |\n| ${pick(OBJECTS)} | ${Math.floor(rand() * 500)} |\n| ${pick(OBJECTS)} | ${Math.floor(rand() * 500)} |`);
      files.push({ path: `${dir}/${articleOrderPrefix(a)}-wen-${made + a}.mdx`, text: frontmatter({ title, unit }, paras.join('\n\n')) });
    }
    made += count;
    issueNo++;
  }
  return files;
}
