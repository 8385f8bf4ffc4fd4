/**
 * What every reader (text, Word, PDF) hands the structural parser: the
 * document as a list of lines in reading order, each with where it came from
 * and what the format can tell about it (centred, bold, continues the
 * paragraph above). The parser only ever sees this, so each bulletin
 * variant is recognised once for all formats.
 */

export interface SourceLine {
  /** The line's text, trimmed; spaces inside are kept (they may separate issuer and date). */
  text: string;
  /** 1-based position for messages: a text line, a Word paragraph, a PDF text line. */
  line: number;
  /** Continues the paragraph of the line above (a wrapped line), rather than starting one. */
  cont?: boolean;
  /** May be the second half of a paragraph split by a page break (plain text only: no layout to tell). */
  maybeSplit?: boolean;
  centred?: boolean;
  bold?: boolean;
  /** Clearly larger than body text (masthead, titles). */
  large?: boolean;
  /** Font size relative to the body text (1 = body), when the format tells. */
  size?: number;
  /** Literal Markdown (a GFM table, an image reference) that stands as a paragraph of its own. */
  markdown?: string;
  /** PDF page, for messages. */
  page?: number;
}

/** A file to be written beside an article (an image from a Word file). */
export interface MediaFile {
  /** Name the Markdown references, unique within the document, e.g. image-1.png. */
  name: string;
  data: Uint8Array;
}

export interface ImportWarning {
  line: number;
  message: string;
}

export interface SourceDocument {
  format: 'txt' | 'docx' | 'pdf';
  /** Human description of how it was read, e.g. "GBK 编码" or "3 页". */
  detail: string;
  lines: SourceLine[];
  media: MediaFile[];
  warnings: ImportWarning[];
}

export interface ImportedArticle {
  unit: string | null;
  title: string;
  paragraphs: string[];
  /** Indexes of paragraphs that are literal Markdown (tables, images), written unescaped. */
  markdown?: number[];
  /** The heading as the source wrote it, where that is not unit then title (a unit line under the title): what the nothing-lost check compares. */
  heading?: string;
}

/** An article's heading as its source wrote it, for the nothing-lost checks. */
export function headingAsWritten(a: ImportedArticle): string {
  return a.heading ?? `${a.unit ?? ''}${a.title}`;
}

export type Edition = '增刊' | '特刊' | '专刊';

export interface ImportedIssue {
  series: string;
  number: number;
  total: number | null;
  date: string;
  issuer: string;
  classification: string | null;
  /** Printed as an intranet copy (Jianbao's 内部版本 badge): internal even without a mark. */
  internal?: boolean;
  intro: string | null;
  reportTo: string[];
  copyTo: string[];
  sendTo: string[];
  copies: number | null;
  articles: ImportedArticle[];
}

/** The parse result with what the importer must tell the user but cannot store. */
export interface ImportResult {
  issue: ImportedIssue;
  /** 增刊/特刊/专刊: such an issue is its own series (masthead plus the edition). */
  edition: Edition | null;
  warnings: ImportWarning[];
  media: MediaFile[];
  format: SourceDocument['format'];
  detail: string;
}

/** An input that does not have the expected form; `line` is 1-based. */
export class ImportError extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.name = 'ImportError';
    this.line = line;
  }
}
