/**
 * The build's last guard on article bodies, a remark plugin in the Markdown
 * processor that renders them: bulletin text is data, so whatever reaches a
 * page is Markdown/GFM plus <br>, <sup> and <sub>, with links and images as
 * mdx-safety.ts allows. Anything else is removed from the page and reported
 * (the content loader then stops the build, naming file and line); the
 * loader and `npm run check` have reported the same things on the source.
 */
import type { Html, Root } from 'mdast';
import type { Processor } from 'unified';
import { visit, SKIP } from 'unist-util-visit';
import { normalizeBase } from '../settings.ts';
import { findUnsafeNodes, imageUrlProblem, linkUrlProblem, SAFE_HTML } from './mdx-safety.ts';

export interface GuardViolation {
  /** 1-based line within the body. */
  line: number;
  message: string;
}

/** Where the plugin leaves what it removed, for the caller to report (`file.data.astro.frontmatter`). */
export const VIOLATIONS_KEY = 'jianbaoViolations';

/**
 * The violations in a Markdown tree (the rules of mdx-safety.ts), removing
 * each offending node: raw HTML other than the allowed elements, and links or
 * images outside the allowed schemes.
 */
export function guardTree(tree: Root): GuardViolation[] {
  const found = findUnsafeNodes(tree);
  visit(tree, (node, index, parent) => {
    if (node.type === 'html' && !SAFE_HTML.test((node as Html).value)) {
      parent?.children.splice(index!, 1);
      return [SKIP, index!];
    }
    if (node.type === 'link' && linkUrlProblem(node.url)) node.url = '#';
    // A definition serves links or images (findUnsafeNodes tells which and reports); one fit for neither goes.
    if (node.type === 'definition' && linkUrlProblem(node.url) && imageUrlProblem(node.url)) node.url = '#';
    if (node.type === 'image' && imageUrlProblem(node.url)) node.url = '#';
    return undefined;
  });
  return found;
}

/** A site path (`/archive/`, `/tu.png`): from the site's root, not the host's; `//host/…` is another site. */
const SITE_PATH = /^\/(?![/\\])/;

/**
 * Site paths in a body's links and images, put under the site's base path:
 * an editor writes `/archive/` for the archive page wherever the site is
 * served, and under BASE_PATH=/jb/ that page is /jb/archive/.
 */
export function rebaseSitePaths(tree: Root, base: string): void {
  const prefix = normalizeBase(base).slice(0, -1);
  if (!prefix) return;
  visit(tree, (node) => {
    // A path already under the base (written for this site as served) stays as written.
    if ((node.type === 'link' || node.type === 'definition' || node.type === 'image') && SITE_PATH.test(node.url) && !node.url.startsWith(`${prefix}/`)) node.url = `${prefix}${node.url}`;
  });
}

export interface GuardOptions {
  /** The site's base path (settings.ts basePath()): site paths in a body are put under it. */
  base?: string;
}

/**
 * The remark plugin: Markdown as MDX reads it (no indented code blocks, so
 * leading spaces never turn a paragraph into code), guarded as above, with
 * site paths under the site's base path.
 */
export function remarkBulletinGuard(this: Processor, options: GuardOptions = {}) {
  const data = this.data() as { micromarkExtensions?: unknown[] };
  const extensions = (data.micromarkExtensions ??= []);
  extensions.push({ disable: { null: ['codeIndented'] } });
  return (tree: Root, file: { data: Record<string, unknown> }): void => {
    const violations = guardTree(tree);
    rebaseSitePaths(tree, options.base ?? '/');
    if (!violations.length) return;
    const astro = (file.data.astro ??= {}) as { frontmatter?: Record<string, unknown> };
    (astro.frontmatter ??= {})[VIOLATIONS_KEY] = violations;
  };
}
