/**
 * The content collections' loader: the site build reads content/ through
 * the same reader as `npm run check` (`readContent`), so the build publishes
 * exactly what the check validated — same files, same decoding, same YAML,
 * same rules — and refuses to build when the check would fail. Bodies are
 * rendered here with the site's Markdown processor (bulletin text is data:
 * Markdown/GFM and a tiny allowlist, no MDX code), guarded by
 * remark-bulletin-guard; only changed entries are rendered again.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { ContentError, formatProblem, type ContentProblem } from './errors.ts';
import { bodyFormat, classifyContentPath } from './layout.ts';
import { VIOLATIONS_KEY, type GuardViolation } from './markdown-guard.ts';
import { findUnsafeContent } from './mdx-safety.ts';
import { defaultDisplay, errorsOf, readContent, type ContentTree } from './read.ts';
import type { SiteData } from './schema.ts';

export type CollectionName = 'series' | 'issues' | 'articles';

let shared: { root: string; tree: Promise<ContentTree> } | undefined;
let siteOnly: { root: string; site: Promise<SiteData> } | undefined;

/**
 * One read of the tree for all three collections and the site model; dev
 * reads again after a change. `only` limits it to some files (a shard of a
 * sharded build, whose orchestrator has read and checked the whole tree).
 */
export function tree(root: string, only?: (rel: string) => boolean): Promise<ContentTree> {
  if (shared?.root !== root) shared = { root, tree: readContent(root, { only }) };
  return shared.tree;
}

/**
 * Site settings (site.yaml): from the tree when this process has read it (dev),
 * else from that one file. Pages are rendered from Astro's bundle, a module
 * context of its own where the loader's tree is not there: reading the whole
 * tree again for the settings cost every build process 1–2 s at 6,000 articles.
 */
export async function siteSettings(root: string): Promise<SiteData> {
  if (shared?.root === root) return (await shared.tree).site;
  if (siteOnly?.root !== root) siteOnly = { root, site: readContent(root, { only: (rel) => classifyContentPath(rel).kind === 'site' }).then((t) => t.site) };
  return siteOnly.site;
}

// Body text never starts a frontmatter block for Astro's renderer: an empty one goes first (one line).
const EMPTY_FRONTMATTER = '---\n---\n';

/** Loader for one collection of the content tree at `root`. */
export function contentLoader(collection: CollectionName, root: string, only?: (rel: string) => boolean): Loader {
  return {
    name: `jianbao:${collection}`,
    load: async (context: LoaderContext) => {
      await tree(root, only);
      await sync(collection, root, context);
      context.watcher?.on('all', (_event, changed) => {
        if (!path.resolve(changed).startsWith(path.resolve(root) + path.sep)) return;
        shared = undefined;
        siteOnly = undefined;
        void sync(collection, root, context).catch((e) => context.logger.error((e as Error).message));
      });
    },
  };
}

async function sync(collection: CollectionName, root: string, { store, parseData, renderMarkdown, generateDigest, logger, watcher, config }: LoaderContext): Promise<void> {
  const content = await tree(root);
  const errors = errorsOf(content);
  if (errors.length) {
    // A preview (dev) shows what is valid and lists the rest; a build publishes nothing until all is valid.
    if (!watcher) throw new ContentError(errors);
    if (collection === 'series') logger.error(`内容有 ${errors.length} 处错误，这些文件暂不显示：\n${errors.map(formatProblem).join('\n')}`);
  }
  const broken = new Set(errors.map((p) => p.file));
  const entries = collection === 'series' ? content.series : collection === 'issues' ? content.issues : content.articles;
  const seen = new Set<string>();
  const guardProblems: ContentProblem[] = [];
  for (const entry of entries) {
    const absolute = path.join(root, entry.file);
    const filePath = path.relative(new URL('.', config.root).pathname, absolute);
    if (broken.has(defaultDisplay(absolute))) continue;
    seen.add(entry.key);
    const digest = generateDigest(JSON.stringify([entry.data, entry.body]));
    if (store.get(entry.key)?.digest === digest) continue;
    const data = await parseData({ id: entry.key, data: entry.data as Record<string, unknown>, filePath: absolute });
    if (collection === 'series') {
      store.set({ id: entry.key, data, filePath, digest });
      continue;
    }
    for (const v of findUnsafeContent(entry.body, bodyFormat(entry.file))) {
      guardProblems.push({ file: defaultDisplay(absolute), line: v.line + entry.bodyLine - 1, message: v.message, severity: 'error' });
    }
    const rendered = await renderMarkdown(EMPTY_FRONTMATTER + withoutMdxComments(entry.body), { fileURL: pathToFileURL(absolute) });
    const violations = (rendered.metadata?.frontmatter?.[VIOLATIONS_KEY] ?? []) as GuardViolation[];
    for (const v of violations) {
      const problem = { file: defaultDisplay(absolute), line: v.line - 1 + entry.bodyLine - 1, message: v.message, severity: 'error' as const };
      // The source check above has usually named it already; the renderer's guard adds what only it saw.
      if (!guardProblems.some((p) => p.file === problem.file && p.line === problem.line)) guardProblems.push(problem);
    }
    delete rendered.metadata?.frontmatter?.[VIOLATIONS_KEY];
    store.set({ id: entry.key, data, body: entry.body, filePath, digest, rendered, assetImports: rendered.metadata?.imagePaths });
  }
  if (guardProblems.length) {
    if (!watcher) throw new ContentError(guardProblems);
    logger.error(guardProblems.map(formatProblem).join('\n'));
  }
  for (const key of store.keys()) if (!seen.has(key)) store.delete(key);
}

/** The body without MDX comments (notes to editors in braces and slash-star), lines kept so later line numbers hold. */
export function withoutMdxComments(body: string): string {
  return body.replace(/(?<!\\)\{\s*\/\*[\s\S]*?\*\/\s*\}/g, (m) => m.replace(/[^\n]/g, ''));
}
