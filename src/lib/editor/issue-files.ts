/**
 * Lays an imported or scaffolded issue out as content files: the issue's
 * index.mdx and one NN-slug.mdx per article, with YAML frontmatter.
 */
import { stringify } from 'yaml';
import type { ImportedArticle, ImportedIssue, MediaFile } from './import/model.ts';
import { escapeMdxText } from '../content/mdx-text.ts';
import { articleOrderPrefix, issueDir } from '../content/layout.ts';
import { titleSlug } from '../content/slug.ts';

export interface ContentFile {
  /** Relative to the content root. */
  path: string;
  text: string;
  /** Binary content (an image); when present it is written instead of `text`. */
  data?: Uint8Array;
}

/** An article's body: paragraphs escaped so MDX shows them literally, tables and images kept as Markdown. */
export function articleBody(article: Pick<ImportedArticle, 'paragraphs' | 'markdown'>): string {
  const raw = new Set(article.markdown ?? []);
  return article.paragraphs.map((p, i) => (raw.has(i) ? p : escapeMdxText(p))).join('\n\n');
}

export function frontmatter(data: Record<string, unknown>, body = ''): string {
  const clean = Object.fromEntries(Object.entries(data).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)));
  return `---\n${stringify(clean, { lineWidth: 0 })}---\n${body ? `\n${body}\n` : ''}`;
}

/** Article slugs from titles (pinyin, shortened), distinct within the issue. */
export function articleSlugs(titles: string[]): string[] {
  const taken = new Set<string>(['print']);
  return titles.map((title) => {
    const base = titleSlug(title);
    let slug = base;
    for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
    taken.add(slug);
    return slug;
  });
}

/**
 * The files of an imported issue. A classification mark makes the issue
 * internal (not public by default); media land beside the articles.
 */
export function issueFiles(issue: ImportedIssue, seriesId: string, seriesIssuer: string, media: MediaFile[] = []): ContentFile[] {
  const dir = issueDir({ series: seriesId, year: Number(issue.date.slice(0, 4)), number: issue.number });
  const body = (paragraphs: string[]) => paragraphs.map(escapeMdxText).join('\n\n');
  const files: ContentFile[] = [
    {
      path: `${dir}/index.mdx`,
      text: frontmatter(
        {
          number: issue.number,
          total: issue.total ?? undefined,
          date: issue.date,
          issuer: issue.issuer === seriesIssuer ? undefined : issue.issuer,
          classification: issue.classification ?? undefined,
          reportTo: issue.reportTo,
          copyTo: issue.copyTo,
          sendTo: issue.sendTo,
          copies: issue.copies ?? undefined,
          status: issue.classification || issue.internal ? 'internal' : undefined,
        },
        issue.intro ? body(issue.intro.split('\n\n')) : '',
      ),
    },
  ];
  const slugs = articleSlugs(issue.articles.map((a) => a.title));
  issue.articles.forEach((a, i) => {
    files.push({
      path: `${dir}/${articleOrderPrefix(i + 1)}-${slugs[i]}.mdx`,
      text: frontmatter({ title: a.title, unit: a.unit ?? undefined }, articleBody(a)),
    });
  });
  for (const m of media) files.push({ path: `${dir}/${m.name}`, text: '', data: m.data });
  return files;
}

export function seriesFile(id: string, title: string, issuer: string): ContentFile {
  return { path: `series/${id}.yaml`, text: stringify({ title, issuer }, { lineWidth: 0 }) };
}
