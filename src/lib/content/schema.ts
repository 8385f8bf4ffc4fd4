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
  z.string({ message: '应为日期，写作 YYYY-MM-DD，例如 2021-05-12' }).refine(isIsoDate, { message: '应为真实存在的日期，写作 YYYY-MM-DD，例如 2021-05-12' }),
);

/** Characters that show nothing: a title made only of them is empty. */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;

/** Text as an editor means it: invisible characters dropped, surrounding spaces (also 全角空格) trimmed. */
export function cleanText(s: string): string {
  return s.replace(INVISIBLE, '').replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

const text = z
  .string({ message: '应为文字' })
  .transform(cleanText)
  .pipe(
    z
      .string()
      .min(1, { message: '不能为空（去掉空格和不可见字符后没有文字）' })
      // Word's manual line break (U+000B) and other control characters make the feeds invalid XML.
      .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), { message: '含有看不见的控制字符（常见于从 Word 复制的手动换行），请删除后重新输入' }),
  );
const recipients = z.array(text, { message: '应为收文单位列表（每行一个，以“- ”开头）' });
const positiveInt = z.number({ message: '应为整数' }).int({ message: '应为整数' }).min(1, { message: '应为 1 或更大的整数' });

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
  status: z.enum(STATUSES, { message: `应为 ${STATUSES.join('、')} 之一（published 公开，internal 仅内网版，draft 草稿）` }).default('published'),
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

/** content/units.yaml: the URL slug of a reporting unit, where its pinyin alone would collide with another unit's. */
export const unitsSchema = z.record(
  text,
  z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '应为小写字母、数字和连字符组成的网址名，例如 dongchangfuqu-dong' }),
);

/** content/site.yaml: who runs the site. Every field is optional; the footer shows only those set. */
export const siteSchema = z.strictObject({
  /** 网站名称 in the header and <title>; default: the only series' title, or 工作简报档案. */
  name: text.optional(),
  /** 网站简介 for the home page's meta description. */
  description: text.optional(),
  /** Id of the series the home page shows as 最新一期 (a file series/<id>.yaml). */
  defaultSeries: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { message: '应为简报系列的编号，即 series/ 下文件的名字（不带 .yaml），如 liaocheng-wenming' }).optional(),
  /** 主办单位, e.g. 聊城市创建全国文明城市工作办公室. */
  host: text.optional(),
  /** 联系方式: telephone, e-mail or postal address, as one line. */
  contact: text.optional(),
  /** ICP备案号, e.g. 鲁ICP备12345678号-1; linked to the MIIT record site. */
  icp: text.optional(),
  /** 公安机关备案号, e.g. 鲁公网安备 37150202000123号. */
  police: text.optional(),
  /** 网站标识码 of government sites, e.g. 3715000001 (YAML may read it as a number). */
  siteCode: z.preprocess((v) => (typeof v === 'number' ? String(v) : v), text).optional(),
});

export type SeriesData = z.output<typeof seriesSchema>;
export type IssueData = z.output<typeof issueSchema>;
export type ArticleData = z.output<typeof articleSchema>;
export type SiteData = z.output<typeof siteSchema>;
export type Status = (typeof STATUSES)[number];
