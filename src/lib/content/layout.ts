/**
 * Where content lives and where it is published. Paths inside the content
 * tree are the contract editors work to; URLs are what readers bookmark, so
 * both are built here and nowhere else.
 */

export const SERIES_ID_RE = /^[a-z0-9][a-z0-9-]*$/;
export const ARTICLE_SLUG_RE = /^[a-z0-9][a-z0-9-]*$/;

/** Ids that would collide with the site's own pages. */
export const RESERVED_SERIES_IDS = new Set(['archive', 'units', 'search', 'pagefind', 'catalog', 'assets', 'pdf', 'rss', 'articles']);
export const RESERVED_ARTICLE_SLUGS = new Set(['print']);

export interface IssuePathInfo {
  series: string;
  year: number;
  number: number;
}

export interface ArticlePathInfo extends IssuePathInfo {
  order: number;
  slug: string;
}

/** Zero-padded folder name of an issue number: 28 → "028". */
export function issueFolderName(number: number): string {
  return String(number).padStart(3, '0');
}

/** Zero-padded running-order prefix of an article file: 3 → "03". */
export function articleOrderPrefix(order: number): string {
  return String(order).padStart(2, '0');
}

/** Folder of an issue relative to the content root. */
export function issueDir(info: IssuePathInfo): string {
  return `issues/${info.series}/${info.year}/${issueFolderName(info.number)}`;
}

export type ParsedContentPath =
  | { kind: 'series'; series: string }
  | ({ kind: 'issue' } & IssuePathInfo)
  | ({ kind: 'article' } & ArticlePathInfo)
  | { kind: 'unknown'; expected: string };

/** Extensions of issue and article files; images beside them are assets. */
const TEXT_EXT = /\.mdx?$/;
/** File types a picture beside an article may have (an article names it ./tu.png). */
export const IMAGE_EXTENSIONS: readonly string[] = ['png', 'jpg', 'jpeg', 'gif', 'webp'];
const ASSET_EXT = new RegExp(`\\.(${[...IMAGE_EXTENSIONS, 'svg'].join('|')})$`);
const ISSUE_DIR_RE = /^issues\/([^/]+)\/(\d{4})\/(\d{3,})\//;
const ISSUE_FILES = 'issues/<系列>/<年份>/<三位期号>/index.mdx 或 issues/<系列>/<年份>/<三位期号>/<两位序号>-<网址名>.mdx';

/**
 * Reads a path relative to the content root ("issues/x/2021/028/index.mdx")
 * and says what it is, or what was expected instead.
 */
export function parseContentPath(rel: string): ParsedContentPath {
  const path = rel.replaceAll('\\', '/');
  const series = /^series\/([^/]+)\.ya?ml$/.exec(path);
  if (series) {
    if (RESERVED_SERIES_IDS.has(series[1])) {
      return { kind: 'unknown', expected: `系列名不能用 ${[...RESERVED_SERIES_IDS].join('、')}（这些是网站自己的页面）` };
    }
    return SERIES_ID_RE.test(series[1])
      ? { kind: 'series', series: series[1] }
      : { kind: 'unknown', expected: '系列文件名应由小写字母、数字和连字符组成，例如 series/liaocheng.yaml' };
  }
  const dir = ISSUE_DIR_RE.exec(path);
  if (!dir) return { kind: 'unknown', expected: `文件位置不对（应为 ${ISSUE_FILES}）` };
  const [prefix, seriesId, year, num] = dir;
  if (!SERIES_ID_RE.test(seriesId)) return { kind: 'unknown', expected: '系列文件夹名应由小写字母、数字和连字符组成' };
  const number = Number(num);
  if (number < 1 || num !== issueFolderName(number)) {
    return { kind: 'unknown', expected: `期号文件夹应为补足三位的期号，例如 028（现为“${num}”）` };
  }
  const base = { series: seriesId, year: Number(year), number };
  const file = path.slice(prefix.length);
  if (/^index\.mdx?$/.test(file)) return { kind: 'issue', ...base };
  const art = /^(\d{2,})-([^/]+)\.mdx?$/.exec(file);
  if (art && RESERVED_ARTICLE_SLUGS.has(art[2])) {
    return { kind: 'unknown', expected: `文章网址名不能是“${art[2]}”（这是本期打印版的网址）` };
  }
  if (art && ARTICLE_SLUG_RE.test(art[2]) && Number(art[1]) >= 1) {
    return { kind: 'article', ...base, order: Number(art[1]), slug: art[2] };
  }
  return {
    kind: 'unknown',
    expected: '文章文件名应为“两位序号-网址名.mdx”，直接放在期号文件夹里（序号从 01 起；网址名用小写字母、数字和连字符，例如 02-san-ge-qianghua.mdx）',
  };
}

/** Dot files and folders (.git, .DS_Store, .staging-*) are never content, for any reader. */
export function isHiddenPath(rel: string): boolean {
  return rel.split('/').some((part) => part.startsWith('.'));
}

export type ContentPathKind =
  | ParsedContentPath
  | { kind: 'units' }
  | { kind: 'site' }
  | { kind: 'doc' }
  | { kind: 'asset' };

/**
 * What any file below the content root is: a content file, an image beside
 * an article, a settings file, or something no reader uses (with what was
 * expected there). Every reader of the tree goes by this.
 */
export function classifyContentPath(rel: string): ContentPathKind {
  const path = rel.replaceAll('\\', '/');
  if (path === 'units.yaml') return { kind: 'units' };
  if (path === 'site.yaml') return { kind: 'site' };
  // Notes for editors beside the content (编辑指南.md) and their screenshots (编辑指南-1-期刊页.png):
  // documentation, read by no part of the build.
  if (/^[^/]+\.(md|png)$/.test(path)) return { kind: 'doc' };
  const ext = /\.[^./]+$/.exec(path)?.[0] ?? '';
  if (ext !== ext.toLowerCase() && (TEXT_EXT.test(ext.toLowerCase()) || /^\.ya?ml$/.test(ext.toLowerCase()) || ASSET_EXT.test(ext.toLowerCase()))) {
    return { kind: 'unknown', expected: `扩展名应为小写（把“${ext}”改为“${ext.toLowerCase()}”），否则网站不会读它` };
  }
  if (path.startsWith('series/')) {
    if (!/\.ya?ml$/.test(path)) return { kind: 'unknown', expected: 'series/ 里只能放系列文件 <系列>.yaml' };
    return parseContentPath(path);
  }
  if (path.startsWith('issues/')) {
    if (ASSET_EXT.test(path) && ISSUE_DIR_RE.test(path) && path.split("/").length >= 5) return { kind: 'asset' };
    if (!TEXT_EXT.test(path)) return { kind: 'unknown', expected: `issues/ 里只能放简报和文章文件（${ISSUE_FILES}）以及文章的图片` };
    return parseContentPath(path);
  }
  return { kind: 'unknown', expected: '内容文件夹里只能有 series/、issues/、site.yaml、units.yaml 和说明文档 *.md 及其配图 *.png（这个文件或文件夹不会被网站读取）' };
}

/**
 * Whether a file under the content root can change the site: not hidden, not
 * notes for editors (编辑指南.md and its screenshots). The build keys its shards
 * on these files only, so editing the guide or committing into a content
 * repository's .git/ rebuilds nothing.
 */
export function feedsTheSite(rel: string): boolean {
  return !isHiddenPath(rel) && classifyContentPath(rel).kind !== 'doc';
}

/** How a body is parsed: .md files as CommonMark, .mdx files as MDX (both then held to Markdown). */
export function bodyFormat(file: string): 'md' | 'mdx' {
  return file.endsWith('.md') ? 'md' : 'mdx';
}
