/**
 * The build's own guard on article bodies, a remark plugin in the Markdown
 * processor that renders them: bulletin text is data, so whatever reaches a
 * page is Markdown/GFM plus <br>, <sup> and <sub>, with links and images to
 * http(s), mailto, tel, relative paths or anchors only. Anything else is
 * removed from the page and reported (the content loader then stops the
 * build, naming file and line); `npm run check` reports the same things
 * earlier. Comments are dropped so notes to editors are never published.
 */
import type { Html, Root } from 'mdast';
import type { Processor } from 'unified';
import { visit, SKIP } from 'unist-util-visit';

/** Inline HTML elements an article may use, without attributes. */
export const ALLOWED_ELEMENTS = ['br', 'sup', 'sub'] as const;
const ALLOWED_TAG = new RegExp(`^<\\/?(?:${ALLOWED_ELEMENTS.join('|')})\\s*\\/?>$`, 'i');

/** Whether a link or image target may appear on a page. */
export function isSafeUrl(url: string): boolean {
  // Browsers ignore control characters and white space inside a scheme ("java\tscript:").
  const squeezed = url.replace(/[\u0000-\u0020\u007f-\u009f]/g, '');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(squeezed);
  return !scheme || ['http', 'https', 'mailto', 'tel'].includes(scheme[1].toLowerCase());
}

export interface GuardViolation {
  /** 1-based line within the body. */
  line: number;
  message: string;
}

/** Where the plugin leaves what it removed, for the caller to report (`file.data.astro.frontmatter`). */
export const VIOLATIONS_KEY = 'jianbaoViolations';

const ALLOWED_TEXT = `正文只能用 Markdown（段落、强调、列表、表格、链接、图片）以及 ${ALLOWED_ELEMENTS.map((e) => `<${e}>`).join('、')}`;

/** The violations in a Markdown tree, removing each offending node. */
export function guardTree(tree: Root): GuardViolation[] {
  const found: GuardViolation[] = [];
  visit(tree, (node, index, parent) => {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'html') {
      const value = (node as Html).value.trim();
      const comment = /^<!--[\s\S]*-->$/.test(value);
      if (!comment && !ALLOWED_TAG.test(value)) found.push({ line, message: `不允许使用 HTML“${value.slice(0, 40)}”（${ALLOWED_TEXT}）` });
      if (comment || !ALLOWED_TAG.test(value)) {
        parent?.children.splice(index!, 1);
        return [SKIP, index!];
      }
    }
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !isSafeUrl(node.url)) {
      found.push({ line, message: `不允许的链接地址“${node.url.slice(0, 40)}”（链接和图片只能指向 http、https、mailto、tel 或站内路径）` });
      node.url = '#';
    }
    return undefined;
  });
  return found;
}

/**
 * The remark plugin: Markdown as MDX reads it (no indented code blocks, so
 * leading spaces never turn a paragraph into code), guarded as above.
 */
export function remarkBulletinGuard(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  const extensions = (data.micromarkExtensions ??= []);
  extensions.push({ disable: { null: ['codeIndented'] } });
  return (tree: Root, file: { data: Record<string, unknown> }): void => {
    const violations = guardTree(tree);
    if (!violations.length) return;
    const astro = (file.data.astro ??= {}) as { frontmatter?: Record<string, unknown> };
    (astro.frontmatter ??= {})[VIOLATIONS_KEY] = violations;
  };
}
