/**
 * What a schema cannot see: rules across files of a content tree — folders
 * against frontmatter, numbering and dates within a series, duplicates and
 * blanks anywhere in an issue, placeholders left by `npm run new`,
 * classification against publication, unit URLs that would clash.
 */
import { parseContentPath, type IssuePathInfo } from './layout.ts';
import type { ContentTree } from './read.ts';
import { ARTICLE_PLACEHOLDER, PLACEHOLDER_SLUG_RE, TITLE_PLACEHOLDER } from './placeholders.ts';
import { cleanText, type IssueData } from './schema.ts';
import { titleSlug, unitSlugs } from './slug.ts';

type Add = (rel: string, line: number | undefined, field: string | undefined, message: string, severity?: 'error' | 'warning', unfinished?: boolean) => void;

/** Marks that forbid public release: 秘密、机密、绝密 (with or without ★ and a term). */
export const SECRET_MARK = /秘密|机密|绝密/;
/** Marks that ask for restricted circulation: 内部资料、内部参阅、注意保存. */
export const INTERNAL_MARK = /内部|注意保存|参阅|限国内/;

const dirOf = (file: string) => file.slice(0, file.lastIndexOf('/'));

/** Applies the cross-file rules to a read tree, reporting through `add`. */
export function validateTree(tree: ContentTree, add: Add): void {
  const seriesById = new Map(tree.series.map((s) => [parseContentPath(s.file), s] as const).flatMap(([p, s]) => (p.kind === 'series' ? [[p.series, s] as const] : [])));
  if (!tree.series.length && !tree.problems.some((p) => p.severity === 'error')) {
    add('series', undefined, undefined, '内容里没有任何简报系列（应至少有一个 series/<系列>.yaml，写明 title 和 issuer）');
  }
  // A series file that is there but has an error of its own says so itself: nothing follows from it.
  const seriesFileFailed = (id: string) => tree.failedFiles.has(`series/${id}.yaml`) || tree.failedFiles.has(`series/${id}.yml`);
  const home = tree.site.defaultSeries;
  if (home && tree.series.length && !seriesById.has(home) && !seriesFileFailed(home)) {
    add('site.yaml', tree.siteLineOf(['defaultSeries']), 'defaultSeries', `没有编号为“${home}”的简报系列（应为 series/ 下某个文件的名字：${[...seriesById.keys()].join('、')}）`);
  }

  interface IssueInfo extends IssuePathInfo {
    entry: ContentTree['issues'][number];
    data?: IssueData;
    articles: ContentTree['articles'];
  }
  const issues = new Map<string, IssueInfo>();
  for (const entry of tree.issues) {
    const p = parseContentPath(entry.file);
    if (p.kind !== 'issue') continue;
    const info: IssueInfo = { ...p, entry, data: entry.data, articles: [] };
    const twin = issues.get(dirOf(entry.file));
    if (twin) {
      add(entry.file, 1, undefined, `这一期已有 ${twin.entry.file}（每期只能有一个 index.mdx）`);
      continue;
    }
    issues.set(dirOf(entry.file), info);
    if (!entry.data) continue;
    const d = entry.data;
    if (!seriesById.has(p.series) && !seriesFileFailed(p.series)) add(entry.file, 1, undefined, `未知的简报系列“${p.series}”（应有文件 series/${p.series}.yaml）`);
    if (d.number !== p.number) add(entry.file, entry.lineOf(['number']), 'number', `是 ${d.number}，但文件夹是第 ${p.number} 期（两者应一致）`);
    if (Number(d.date.slice(0, 4)) !== p.year) add(entry.file, entry.lineOf(['date']), 'date', `是 ${d.date.slice(0, 4)} 年，但文件夹是 ${p.year} 年（日期应在 ${p.year} 年内）`);
  }

  for (const entry of tree.articles) {
    const dir = dirOf(entry.file);
    const issue = issues.get(dir);
    if (!issue) {
      add(entry.file, undefined, undefined, `文章不在任何一期里（同一文件夹中应有 ${dir}/index.mdx）`);
      continue;
    }
    issue.articles.push(entry);
  }

  for (const issue of issues.values()) {
    if (!issue.data) continue;
    const draft = issue.data.status === 'draft';
    const unfinished = draft ? 'warning' : 'error';
    if (!issue.articles.length) add(issue.entry.file, 1, undefined, '这一期没有文章（应在 index.mdx 旁放 两位序号-网址名.mdx 文章文件）', unfinished);
    const byOrder = new Map<number, string>();
    const bySlug = new Map<string, string>();
    for (const a of [...issue.articles].sort((x, y) => (x.file < y.file ? -1 : 1))) {
      const p = parseContentPath(a.file);
      if (p.kind !== 'article') continue;
      const other = byOrder.get(p.order);
      if (other) add(a.file, 1, undefined, `序号 ${p.order} 已被 ${other} 使用（每篇文章的序号应不同）`);
      else byOrder.set(p.order, a.file);
      const same = bySlug.get(p.slug);
      if (same) add(a.file, 1, undefined, `网址名“${p.slug}”已被 ${same} 使用（同一期里文章网址名应不同，否则一篇会覆盖另一篇）`);
      else bySlug.set(p.slug, a.file);
      if (PLACEHOLDER_SLUG_RE.test(p.slug)) {
        const better = titleSlug(a.data.title);
        add(
          a.file,
          1,
          undefined,
          `文件名仍是占位名“${p.slug}”，发布后网址就固定为 …/${p.slug}/（请在发布前改名，例如 ${String(p.order).padStart(2, '0')}-${better}.mdx）`,
          unfinished,
        );
      }
      if (!hasBodyText(a.body)) add(a.file, a.bodyLine, undefined, '文章正文为空（应在 frontmatter 下方写正文）', unfinished);
      if (a.body.includes(ARTICLE_PLACEHOLDER)) add(a.file, a.bodyLine, undefined, `未完成：正文仍是占位文字“${ARTICLE_PLACEHOLDER}”（应替换为文章正文）`, unfinished, true);
      if (a.data.title === TITLE_PLACEHOLDER) add(a.file, a.lineOf(['title']), 'title', '未完成：标题仍是占位文字（应填写文章标题）', unfinished, true);
      if (a.data.unit && a.data.title.startsWith(a.data.unit) && a.data.title !== a.data.unit) {
        add(a.file, a.lineOf(['title']), 'title', `标题以报送单位“${a.data.unit}”开头，页面上会显示两遍（标题里可去掉单位名）`, 'warning');
      }
    }
    const series = seriesById.get(issue.series);
    const classification = issue.data.classification ?? series?.data.defaults?.classification;
    if (classification && issue.data.status === 'published') {
      const line = issue.data.classification ? issue.entry.lineOf(['classification']) : issue.entry.lineOf(['status']);
      if (SECRET_MARK.test(classification)) {
        add(issue.entry.file, line, 'classification', `标有“${classification}”的涉密简报不能公开发布（应设 status: internal 仅在内网版发布，或确认解密后去掉标注）`);
      } else if (INTERNAL_MARK.test(classification)) {
        add(issue.entry.file, line, 'classification', `标有“${classification}”却是公开发布（status: published）；如只限内部传阅，应设 status: internal`, 'warning');
      }
    }
  }

  // Numbering within each series: dates follow numbers, 总第 numbers never repeat, gaps are noted.
  const bySeries = new Map<string, IssueInfo[]>();
  for (const i of issues.values()) if (i.data) bySeries.set(i.series, [...(bySeries.get(i.series) ?? []), i]);
  for (const list of bySeries.values()) {
    list.sort((a, b) => a.year - b.year || a.number - b.number);
    const totals = new Map<number, string>();
    for (let k = 0; k < list.length; k++) {
      const b = list[k];
      const a = list[k - 1];
      if (a && a.year === b.year && b.data!.date < a.data!.date) {
        add(b.entry.file, b.entry.lineOf(['date']), 'date', `${b.data!.date} 早于第 ${a.number} 期的日期 ${a.data!.date}（期号越大日期应越晚）`);
      }
      if (a && a.year === b.year && b.number > a.number + 1) {
        add(b.entry.file, b.entry.lineOf(['number']), 'number', `期号不连续：${b.year} 年从第 ${a.number} 期跳到第 ${b.number} 期（应为第 ${a.number + 1} 期）`, 'warning');
      }
      const total = b.data!.total;
      if (total !== undefined) {
        const other = totals.get(total);
        if (other) add(b.entry.file, b.entry.lineOf(['total']), 'total', `总第 ${total} 期已被 ${other} 使用（总期号不能重复）`);
        else totals.set(total, b.entry.file);
      }
    }
  }

  // Unit URLs: derived from each unit's own name, so a clash is an editor's decision, never a silent rename.
  const unitFiles = new Map<string, string>();
  for (const a of tree.articles) if (a.data.unit && !unitFiles.has(a.data.unit)) unitFiles.set(a.data.unit, a.file);
  const { clashes } = unitSlugs(unitFiles.keys(), tree.unitSlugs);
  for (const c of clashes) {
    const last = c.names.at(-1)!;
    add(
      unitFiles.get(last) ?? 'units.yaml',
      undefined,
      'unit',
      c.names.length > 1
        ? `报送单位 ${c.names.map((n) => `“${n}”`).join('和')} 的网址都会是 /units/${c.slug}/（应在 content/units.yaml 中为新增的单位指定网址名，例如“${last}: ${c.slug}-2”）`
        : `报送单位“${last}”的网址名“${c.slug}”与网站页面冲突（应在 content/units.yaml 中另指定一个）`,
    );
  }
}

/** Whether a body has any text once comments and white space are gone. */
export function hasBodyText(body: string): boolean {
  return cleanText(body.replace(/<!--[\s\S]*?-->/g, '').replace(/\{\s*\/\*[\s\S]*?\*\/\s*\}/g, '')).length > 0;
}
