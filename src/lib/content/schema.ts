/**
 * The one definition of Jianbao's content model. The content collections
 * (src/content.config.ts), `npm run check` and the importer all validate
 * against these schemas, so an editor gets the same verdict everywhere.
 */
import { z } from 'astro/zod';

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `s` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

// YAML turns an unquoted 2021-05-12 into a Date; editors should not have to
// care whether they quoted it, so both forms normalise to the same string.
const isoDate = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v),
  z.string().refine(isIsoDate, { message: 'expected a date written YYYY-MM-DD, e.g. 2021-05-12' }),
);

const text = z.string().trim().min(1, { message: 'expected non-empty text' });
const recipients = z.array(text, { message: 'expected a list of recipients (one per line, each starting with "- ")' });
const positiveInt = z.number({ message: 'expected a whole number' }).int({ message: 'expected a whole number' }).min(1, { message: 'expected a number of 1 or more' });

export const STATUSES = ['published', 'internal', 'draft'] as const;

/** Fields an issue may inherit from its series. */
const distribution = {
  /** 密级/标注 printed above the masthead, e.g. 内部资料 注意保存. */
  classification: text.optional(),
  /** 报: recipients above the issuing office. */
  reportTo: recipients.optional(),
  /** 送: peer or unrelated recipients. */
  copyTo: recipients.optional(),
  /** 发: subordinate recipients. */
  sendTo: recipients.optional(),
  /** 共印 N 份: how many copies are printed. */
  copies: positiveInt.optional(),
};

export const seriesSchema = z.strictObject({
  /** Masthead title printed in red, e.g. 聊城市创建全国文明城市工作简报. */
  title: text,
  /** 编印单位: the office that compiles and issues the bulletin. */
  issuer: text,
  /** Short description shown on the series page. */
  description: text.optional(),
  /** Values every new issue of the series starts from. */
  defaults: z.strictObject(distribution).optional(),
  /** How the series prints (print view and PDF). */
  print: z
    .strictObject({
      /** Print the page number on page 1 too (default true; false leaves the masthead page unnumbered). */
      firstPageNumber: z.boolean({ message: 'expected true or false' }).default(true),
      /** Double-sided printing: the 报尾 goes on an even page, after an unnumbered blank page if needed (default false). */
      duplex: z.boolean({ message: 'expected true or false' }).default(false),
    })
    .optional(),
});

export const issueSchema = z.strictObject({
  /** 期号: number of the issue within its year, from 1. */
  number: positiveInt,
  /** 总第 N 期: running number across years, when the series keeps one. */
  total: positiveInt.optional(),
  /** 印发日期, YYYY-MM-DD; its year must match the issue folder. */
  date: isoDate,
  /** Overrides the series' 编印单位 for this issue. */
  issuer: text.optional(),
  ...distribution,
  /** published: public; internal: intranet builds only; draft: never built. */
  status: z.enum(STATUSES, { message: `expected one of ${STATUSES.join(', ')}` }).default('published'),
});

export const articleSchema = z.strictObject({
  /** Article title as printed. */
  title: text,
  /** 报送单位: reporting unit, printed as a kicker above the title. */
  unit: text.optional(),
  /** One-sentence summary for lists and feeds. */
  summary: text.optional(),
  /** Free keywords. */
  tags: z.array(text).optional(),
});

export type SeriesData = z.output<typeof seriesSchema>;
export type IssueData = z.output<typeof issueSchema>;
export type ArticleData = z.output<typeof articleSchema>;
export type Status = (typeof STATUSES)[number];
