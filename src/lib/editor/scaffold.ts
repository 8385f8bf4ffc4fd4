/**
 * Starting the next issue: numbering, what carries over from the previous
 * issue, and the placeholders `npm run check` reports until they are written.
 */
import type { IssueData } from '../content/schema.ts';

export { ARTICLE_PLACEHOLDER, TITLE_PLACEHOLDER } from '../content/placeholders.ts';

export interface ExistingIssue {
  year: number;
  data: IssueData;
}

export interface NextIssue {
  year: number;
  number: number;
  total?: number;
  data: Partial<IssueData>;
}

/**
 * The issue after the latest one of a series: next number within the year
 * (1 in a new year), next running total when the series keeps one, and the
 * distribution of the latest issue.
 */
export function nextIssue(existing: ExistingIssue[], date: string): NextIssue {
  const year = Number(date.slice(0, 4));
  const latest = [...existing].sort((a, b) => a.year - b.year || a.data.number - b.data.number).at(-1);
  const sameYear = existing.filter((e) => e.year === year);
  const number = sameYear.length ? Math.max(...sameYear.map((e) => e.data.number)) + 1 : 1;
  const withTotal = existing.filter((e) => e.data.total !== undefined);
  const total = withTotal.length ? Math.max(...withTotal.map((e) => e.data.total!)) + 1 : undefined;
  const d = latest?.data;
  return {
    year,
    number,
    total,
    data: {
      number,
      total,
      date,
      issuer: d?.issuer,
      classification: d?.classification,
      reportTo: d?.reportTo,
      copyTo: d?.copyTo,
      sendTo: d?.sendTo,
      copies: d?.copies,
      status: 'draft',
    },
  };
}
