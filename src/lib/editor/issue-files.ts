/**
 * Lays an imported or scaffolded issue out as content files: the issue's
 * index.mdx and one NN-slug.mdx per article, with YAML frontmatter.
 */
import { stringify } from 'yaml';
import type { ImportedIssue } from './importer.ts';
import { escapeMdxText } from '../content/mdx-text.ts';
import { articleOrderPrefix, issueDir } from '../content/layout.ts';
import { titleSlug } from '../content/slug.ts';

export interface ContentFile {
  /** Relative to the content root. */
  path: string;
  text: string;
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

export function issueFiles(issue: ImportedIssue, seriesId: string, seriesIssuer: string): ContentFile[] {
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
        },
        issue.intro ? body(issue.intro.split('\n\n')) : '',
      ),
    },
  ];
  const slugs = articleSlugs(issue.articles.map((a) => a.title));
  issue.articles.forEach((a, i) => {
    files.push({
      path: `${dir}/${articleOrderPrefix(i + 1)}-${slugs[i]}.mdx`,
      text: frontmatter({ title: a.title, unit: a.unit ?? undefined }, body(a.paragraphs)),
    });
  });
  return files;
}

export function seriesFile(id: string, title: string, issuer: string): ContentFile {
  return { path: `series/${id}.yaml`, text: stringify({ title, issuer }, { lineWidth: 0 }) };
}
