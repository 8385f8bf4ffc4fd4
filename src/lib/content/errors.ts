/**
 * A problem in a content file, reported as one line an editor can act on:
 * `path/to/file.mdx:LINE: field: what is wrong (what was expected)`.
 */
export interface ContentProblem {
  file: string;
  line?: number;
  field?: string;
  message: string;
  severity: 'error' | 'warning';
  /** Set on placeholders `npm run new` leaves, which an editor is expected to fill in. */
  unfinished?: boolean;
}

/** One problem as the line editors see: `path:LINE: field: message`. */
export function formatProblem(p: ContentProblem): string {
  const where = p.line ? `${p.file}:${p.line}` : p.file;
  const prefix = p.severity === 'warning' ? '警告：' : '';
  return `${where}: ${prefix}${p.field ? `${p.field}: ` : ''}${p.message}`;
}

/** Thrown when content cannot be published; carries every problem found, not only the first. */
export class ContentError extends Error {
  readonly problems: ContentProblem[];
  constructor(problems: ContentProblem[]) {
    super(`内容有 ${problems.length} 处问题：\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentError';
    this.problems = problems;
  }
}
