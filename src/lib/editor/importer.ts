/**
 * Entry point for plain-text bulletins already decoded to a string (tests,
 * callers that hold text). Files of every format go through
 * `import/read.ts`; the structure is recognised once, in `import/parse.ts`.
 */
import { parseDocument } from './import/parse.ts';
import { textLines } from './import/txt.ts';
import type { ImportedIssue } from './import/model.ts';

export { ImportError, type ImportedArticle, type ImportedIssue } from './import/model.ts';
export { looksLikeUnit, normalizeSpaces, rejoinParagraphs } from './import/parse.ts';

/** Parses a bulletin given as text; throws ImportError naming the line. */
export function parseBulletin(source: string): ImportedIssue {
  return parseDocument({ format: 'txt', detail: '文本', lines: textLines(source), media: [], warnings: [] }).issue;
}
