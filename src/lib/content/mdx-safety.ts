/**
 * Content is data, not code. An article body may use Markdown/GFM and the
 * elements <br />, <sup> and <sub> (without attributes), nothing else: MDX
 * would otherwise run `import`/`export` and `{…}` expressions on the build
 * machine (and publish what they read), and pass raw HTML such as <script>
 * through to the pages. The same walker serves `npm run check` (which parses
 * a body itself) and the build (the content loader checks every new or
 * changed body, and markdown-guard.ts applies the same walker to the tree the
 * site's Markdown processor renders; bodies are never evaluated as MDX).
 */
import { createProcessor } from '@mdx-js/mdx';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { IMAGE_EXTENSIONS } from './layout.ts';

/** One thing in a body that is not allowed; `line` is 1-based within the text parsed. */
export interface SafetyViolation {
  line: number;
  message: string;
  /** The body did not parse at all (a compiler reports the same error). */
  syntax?: true;
}

/** What an article body may contain, as every message states it. */
export const ALLOWED_CONTENT = '正文只能用 Markdown：段落、标题、强调、列表、表格、引用、链接、图片，以及 <br />、<sup>、<sub>';
/** Elements an article may write, each without attributes. */
export const ALLOWED_ELEMENTS: readonly string[] = ['br', 'sup', 'sub'];
/** URL schemes a link may use; anything without a scheme (relative path, #anchor) is allowed too. */
export const LINK_SCHEMES: readonly string[] = ['http', 'https', 'mailto', 'tel'];
/** URL schemes a remote image may use. */
export const IMAGE_SCHEMES: readonly string[] = ['http', 'https'];
/** File types a local image (a file beside the article) may have. */
export { IMAGE_EXTENSIONS };

const LINK_RULE = `链接只能用 ${LINK_SCHEMES.map((s) => `${s}:`).join('、')} 地址、以 / 开头的站内路径或 #锚点`;
const IMAGE_RULE = `图片只能用 ${IMAGE_SCHEMES.map((s) => `${s}:`).join('、')} 地址、以 / 开头的站内路径，或与本文同一文件夹内的 ${IMAGE_EXTENSIONS.map((e) => `.${e}`).join('、')} 文件`;

// Markdown and GFM nodes that carry no code: they render as escaped text or
// fixed elements. Anything else the parser produces fails closed.
const PLAIN_NODES = new Set([
  'root', 'paragraph', 'heading', 'thematicBreak', 'blockquote', 'list', 'listItem', 'text', 'emphasis', 'strong',
  'delete', 'break', 'inlineCode', 'code', 'table', 'tableRow', 'tableCell', 'footnoteDefinition', 'footnoteReference',
  'linkReference',
]);

interface MdNode {
  type: string;
  value?: string;
  name?: string | null;
  url?: string;
  identifier?: string;
  attributes?: { type: string; name?: string }[];
  children?: MdNode[];
  data?: { estree?: { body?: unknown[] } | null };
  position?: { start: { line: number } };
}

/** A short, single-line quote of what was found, for messages. */
function quote(s: string, max = 40): string {
  // eslint-disable-next-line no-control-regex
  const flat = s.replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

// Browsers drop ASCII tabs and newlines anywhere in a URL and controls and
// spaces around it; dropping every control, space and invisible character is
// stricter still, so "java\tscript:" or "\u200bjavascript:" cannot slip by.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\s\u0000-\u001f\u007f-\u009f\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g;
const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

/** The URL schemes a URL might be read as: as written and percent-decoded, lower-cased. */
function schemesOf(url: string): string[] {
  const forms = [url];
  try {
    forms.push(decodeURIComponent(url));
  } catch {
    // Not percent-decodable: browsers keep the text as written, which is checked.
  }
  const schemes = new Set<string>();
  for (const form of forms) {
    const m = SCHEME.exec(form.replace(INVISIBLE, ''));
    if (m) schemes.add(m[1].toLowerCase());
  }
  return [...schemes];
}

/**
 * Why a link URL (as the parser decoded it) is not allowed, or undefined. A
 * body is shown on its article page, its issue's page and the print view, so
 * a path relative to the page (`../x/`) would lead somewhere else on each.
 */
export function linkUrlProblem(url: string): string | undefined {
  const schemes = schemesOf(url);
  if (schemes.some((s) => !LINK_SCHEMES.includes(s))) return `不允许的链接地址「${quote(url)}」（${LINK_RULE}）`;
  const stripped = url.replace(INVISIBLE, '');
  if (!schemes.length && stripped && !/^[/#?]/.test(stripped)) {
    return `不允许的相对链接「${quote(url)}」（正文会出现在文章页、整期页和打印版上，相对地址在各处指向不同的地方；请写以 / 开头的站内路径，如 /archive/）`;
  }
  return undefined;
}

/**
 * Why an image URL is not allowed, or undefined. A relative image path is
 * imported by Astro at build time (`decodeURI` first), so it must name an image
 * file beside the article: no `..`, no `?raw`/`?url` query, no other file type.
 */
export function imageUrlProblem(url: string): string | undefined {
  const bad = `不允许的图片地址「${quote(url)}」（${IMAGE_RULE}）`;
  const schemes = schemesOf(url);
  if (schemes.length) return schemes.every((s) => IMAGE_SCHEMES.includes(s)) ? undefined : bad;
  const stripped = url.replace(INVISIBLE, '');
  if (stripped === '') return bad;
  // Site-absolute and protocol-relative paths are plain <img src>, never imported.
  if (stripped.startsWith('/') && !stripped.startsWith('/\\')) return undefined;
  let local: string;
  try {
    local = decodeURI(url);
  } catch {
    return bad;
  }
  if (/[?#\\\0]/.test(local) || local.split('/').some((seg) => seg === '..')) return bad;
  const ext = /\.([a-z0-9]+)$/i.exec(local)?.[1]?.toLowerCase();
  return ext && IMAGE_EXTENSIONS.includes(ext) ? undefined : bad;
}

// Raw HTML (only in .md files; MDX has no raw HTML) may be nothing but the
// allowed elements without attributes. HTML comments are refused too: they
// would be published in the page source (in .mdx, {/* … */} never leaves the build).
export const SAFE_HTML = /^(?:\s+|<br\s*\/?>|<\/?su[pb]>)*$/i;

function htmlProblem(html: string): string | undefined {
  if (SAFE_HTML.test(html)) return undefined;
  if (/<!--/.test(html)) return `不允许使用 HTML 注释「${quote(html)}」（注释会原样发布在网页源代码里；编辑备注请写在 .mdx 文件的 {/* … */} 里）`;
  const tags = [...html.matchAll(/<\/?([a-z][a-z0-9:-]*)/gi)].map((m) => m[1].toLowerCase());
  const tag = tags.find((t) => !ALLOWED_ELEMENTS.includes(t));
  if (tag) return `不允许使用 <${tag}> 元素（${ALLOWED_CONTENT}，且不带属性）`;
  if (tags.length) return `不允许给 <${tags[0]}> 加属性「${quote(html)}」（<br />、<sup>、<sub> 只能不带属性使用）`;
  return `不允许使用 HTML「${quote(html)}」（${ALLOWED_CONTENT}；要写尖括号本身，请写作 \\<）`;
}

/** A body's nodes in document order, each with its line, and the identifiers image references use. */
function walk(tree: unknown): { nodes: [MdNode, number][]; imageRefs: Set<string>; linkRefs: Set<string> } {
  const imageRefs = new Set<string>();
  const linkRefs = new Set<string>();
  // Depth-first in document order with an explicit stack: a deeply nested body
  // must not overflow the call stack here (the parser reports that case itself).
  const nodes: [MdNode, number][] = [];
  for (const stack: [MdNode, number][] = [[tree as MdNode, 1]]; stack.length; ) {
    const [node, parentLine] = stack.pop()!;
    const line = node.position?.start.line ?? parentLine;
    nodes.push([node, line]);
    if (node.type === 'imageReference' && node.identifier) imageRefs.add(node.identifier);
    if (node.type === 'linkReference' && node.identifier) linkRefs.add(node.identifier);
    const children = node.children ?? [];
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], line]);
  }
  return { nodes, imageRefs, linkRefs };
}

/** An image file a body names beside itself (`./tu.png`), decoded as Astro decodes it. */
export interface LocalImage {
  path: string;
  line: number;
}

/** The allowed local images of a parsed body: the files its folder must hold. */
function localImagesOf({ nodes, imageRefs }: ReturnType<typeof walk>): LocalImage[] {
  const out: LocalImage[] = [];
  for (const [node, line] of nodes) {
    const url = node.type === 'image' || (node.type === 'definition' && node.identifier && imageRefs.has(node.identifier)) ? (node.url ?? '') : undefined;
    if (url === undefined || imageUrlProblem(url) || schemesOf(url).length || url.replace(INVISIBLE, '').startsWith('/')) continue;
    out.push({ path: decodeURI(url), line });
  }
  return out;
}

/** Every violation in a parsed body (mdast with MDX and GFM nodes), in document order. */
export function findUnsafeNodes(tree: unknown): SafetyViolation[] {
  return unsafeIn(walk(tree));
}

function unsafeIn({ nodes, imageRefs, linkRefs }: ReturnType<typeof walk>): SafetyViolation[] {
  const found: SafetyViolation[] = [];
  for (const [node, line] of nodes) {
    const add = (message: string) => found.push({ line, message });
    switch (node.type) {
      case 'mdxjsEsm': {
        const keyword = /^\s*(import|export)\b/.exec(node.value ?? '')?.[1] ?? 'import/export';
        add(`不允许使用 ${keyword} 语句「${quote(node.value ?? '')}」（${ALLOWED_CONTENT}；正文不能引入或执行代码）`);
        break;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        // `{/* … */}` is MDX's comment: no statement, nothing rendered, nothing run.
        const estree = node.data?.estree;
        const commentOnly = estree != null && Array.isArray(estree.body) && estree.body.length === 0;
        if (!commentOnly) add(`不允许使用 {…} 表达式「{${quote(node.value ?? '')}}」（${ALLOWED_CONTENT}；要写花括号本身，请写作 \\{ 和 \\}）`);
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement': {
        const name = node.name ?? '';
        if (!ALLOWED_ELEMENTS.includes(name)) {
          add(`不允许使用 <${name}> 元素（${ALLOWED_CONTENT}，且不带属性；要写尖括号本身，请写作 \\<）`);
        } else {
          for (const attr of node.attributes ?? []) {
            const what = attr.type === 'mdxJsxAttribute' ? `属性 ${attr.name}` : '属性表达式 {…}';
            add(`不允许给 <${name}> 加${what}（<br />、<sup>、<sub> 只能不带属性使用）`);
          }
        }
        break;
      }
      case 'html': {
        const problem = htmlProblem(node.value ?? '');
        if (problem) add(problem);
        break;
      }
      case 'link': {
        const problem = linkUrlProblem(node.url ?? '');
        if (problem) add(problem);
        break;
      }
      case 'image': {
        const problem = imageUrlProblem(node.url ?? '');
        if (problem) add(problem);
        break;
      }
      case 'definition': {
        // Judged as what uses it: an image's definition may name a file beside the article.
        const url = node.url ?? '';
        const id = node.identifier ?? '';
        const asImage = imageRefs.has(id);
        const problem = (asImage && !linkRefs.has(id) ? undefined : linkUrlProblem(url)) ?? (asImage ? imageUrlProblem(url) : undefined);
        if (problem) add(problem);
        break;
      }
      case 'imageReference':
        break;
      default:
        if (!PLAIN_NODES.has(node.type)) add(`不支持的内容（${node.type}）（${ALLOWED_CONTENT}）`);
    }
  }
  // In .md, <a href="…">x</a> is two HTML nodes that say the same thing: say it once.
  const seen = new Set<string>();
  return found.filter((v) => !seen.has(`${v.line}\0${v.message}`) && Boolean(seen.add(`${v.line}\0${v.message}`)));
}

// remark-gfm's syntax half, from the same packages @astrojs/markdown-remark's
// remark-gfm uses, so tables and autolinks parse exactly as in the build.
function gfmSyntax(this: { data(): unknown }) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfm());
  (data.fromMarkdownExtensions ??= []).push(gfmFromMarkdown());
}

let mdxParser: ReturnType<typeof createProcessor> | undefined;

/** The MDX parser's reasons (English, with positions counted from the body's start) as an editor reads them. */
const PARSE_REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/closing tag for `<([^`>]*)>`/, (m) => `<${m[1]}> 没有对应的结束标签 </${m[1]}>`],
  [/closing slash `\/` in tag/, () => '结束标签 </…> 前面没有对应的开始标签'],
  [/before name|after name|before attribute|in attribute name/, () => '“<”后面不是标签名（小于号 < 会被当作标签的开头）'],
  [/end of file in attribute value/, () => '标签属性的引号没有闭合'],
  [/end of file in expression|closing brace/, () => '“{”没有对应的“}”（花括号会被当作表达式）'],
  [/parse expression/, () => '花括号 { } 之间的文字不是表达式（花括号会被当作表达式）'],
  [/lazy line/, () => '引用或列表中的一行缺少开头的“>”或缩进，里面的标签或表达式没有结束'],
];

function parseReasonZh(reason: string): string {
  for (const [re, say] of PARSE_REASONS) {
    const m = re.exec(reason);
    if (m) return say(m);
  }
  return `无法识别的写法（解析器原文：${reason.replace(/\s*\(\d+:\d+(?:-\d+:\d+)?\)/g, '')}）`;
}

/** What a check learns from parsing one body. */
export interface BodyScan {
  violations: SafetyViolation[];
  /** Image files the body names beside itself; whether they exist is the content tree's question. */
  images: LocalImage[];
}

/**
 * Every violation in an article or issue body (the text after the frontmatter),
 * parsed as the build parses it: MDX + GFM for .mdx, CommonMark + GFM for .md.
 * A body that does not parse is one violation (it could not be checked).
 */
export function findUnsafeContent(body: string, format: 'mdx' | 'md' = 'mdx'): SafetyViolation[] {
  return scanBody(body, format).violations;
}

/** Parses a body as the build does: its violations and the image files beside it that it names. */
export function scanBody(body: string, format: 'mdx' | 'md' = 'mdx'): BodyScan {
  let tree: unknown;
  try {
    if (format === 'md') {
      tree = fromMarkdown(body, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    } else {
      mdxParser ??= createProcessor({ format: 'mdx', remarkPlugins: [gfmSyntax] });
      tree = mdxParser.parse(body);
    }
  } catch (e) {
    const err = e as { line?: number; place?: { line?: number; start?: { line?: number } }; reason?: string; message: string };
    const reason = err.reason ?? err.message.split('\n')[0];
    // Some reasons carry their place only in the text, "(3:1-3:7)": without it the problem was put on line 1.
    const line = err.line ?? err.place?.line ?? err.place?.start?.line ?? (Number(/\((\d+):\d+/.exec(reason)?.[1]) || 1);
    const unclosed = /closing tag for `<(br|sup|sub)>`/.exec(reason);
    const hint = unclosed?.[1] === 'br' ? '换行写作 <br />' : unclosed ? `写作 <${unclosed[1]}>…</${unclosed[1]}>` : `${ALLOWED_CONTENT}；要写 <、{、} 本身，请写作 \\<、\\{、\\}`;
    return { violations: [{ line, message: `MDX 无法解析：${parseReasonZh(reason)}（${hint}）`, syntax: true }], images: [] };
  }
  const walked = walk(tree);
  return { violations: unsafeIn(walked), images: localImagesOf(walked) };
}
