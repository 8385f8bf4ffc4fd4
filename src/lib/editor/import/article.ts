/**
 * `new:article --from FILE`: one article a unit sent (Word, PDF or text)
 * added as the next article of an existing issue, its pictures beside it.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatProblem } from '../../content/errors.ts';
import { articleOrderPrefix } from '../../content/layout.ts';
import { errorsAdded } from '../../content/read.ts';
import { articleBody, articleSlugs, frontmatter } from '../issue-files.ts';
import { ImportError } from './model.ts';
import { parseArticle } from './parse.ts';
import { readSource } from './read.ts';

export interface AddedArticle {
  file: string;
  title: string;
  unit: string | null;
  paragraphs: number;
  media: string[];
  detail: string;
  warnings: string[];
}

/** Reads `source` and writes it as the next NN-slug.mdx of `folder`; nothing is written on an error. */
export async function addArticleFrom(folder: string, source: string): Promise<AddedArticle> {
  let doc;
  let article;
  try {
    doc = await readSource(await readFile(source), source);
    article = parseArticle(doc);
  } catch (e) {
    if (e instanceof ImportError) throw new Error(`${source}:${e.line || 1}: ${e.message}`);
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${source}: 文件不存在（应为：一个 .docx、.pdf 或 .txt 文件）`);
    throw e;
  }
  const existing = (await readdir(folder)).filter((f) => /^\d{2,}-.+\.mdx?$/.test(f));
  const order = existing.reduce((max, f) => Math.max(max, Number(f.split('-')[0])), 0) + 1;
  const prefix = articleOrderPrefix(order);
  const taken = existing.map((f) => f.replace(/^\d+-/, '').replace(/\.mdx?$/, ''));
  const slug = articleSlugs([...taken, article.title]).at(-1)!;
  // Pictures are named after the article, so two articles' image-1.png never meet in one folder.
  const media = doc.media.map((m) => ({ ...m, final: `${prefix}-${slug}-${m.name}` }));
  const raw = new Set(article.markdown ?? []);
  const paragraphs = article.paragraphs.map((p, i) => (raw.has(i) ? media.reduce((s, m) => s.replaceAll(`](./${m.name})`, `](./${m.final})`), p) : p));
  const file = path.join(folder, `${prefix}-${slug}.mdx`);
  const text = frontmatter({ title: article.title, unit: article.unit ?? undefined }, articleBody({ paragraphs, markdown: article.markdown }));
  // Read with the tree as check and the build will, before anything is written.
  const absolute = path.resolve(file).split(path.sep).join('/');
  const at = absolute.lastIndexOf('/issues/');
  if (at >= 0) {
    const overlay = new Map([[absolute.slice(at + 1), text]]);
    const added = (await errorsAdded(absolute.slice(0, at), overlay)).filter((p) => p.severity === 'error');
    if (added.length) throw new Error(`${added.map(formatProblem).join('\n')}\n这篇文章会让网站无法构建（见上面的问题）`);
  }
  const written: string[] = [];
  try {
    for (const m of media) {
      const target = path.join(folder, m.final);
      if (existsSync(target)) throw new Error(`${target} 已存在（应为：新文件）`);
      await writeFile(target, m.data, { flag: 'wx' });
      written.push(target);
    }
    await writeFile(file, text, { flag: 'wx' });
  } catch (e) {
    for (const w of written) await rm(w, { force: true });
    throw e;
  }
  return {
    file,
    title: article.title,
    unit: article.unit,
    paragraphs: article.paragraphs.length,
    media: media.map((m) => m.final),
    detail: doc.detail,
    warnings: doc.warnings.map((w) => `${source}:${w.line}: 警告：${w.message}`),
  };
}
