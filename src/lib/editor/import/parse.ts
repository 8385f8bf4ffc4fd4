/**
 * The structural parser every format shares: from the lines of a bulletin
 * (SourceLine) to its fields, contents, articles and closing block (报尾).
 * Every line lands in a field or a paragraph, or the import stops naming
 * the line, or it is kept and reported as a warning; a final check compares
 * the text of source and result so nothing is silently dropped or invented.
 */
import { CN_NUM, findDate, readNumber } from './numbers.ts';
import {
  headingAsWritten,
  ImportError,
  type Edition,
  type ImportedArticle,
  type ImportedIssue,
  type ImportResult,
  type ImportWarning,
  type SourceDocument,
  type SourceLine,
} from './model.ts';

const NUM = `[\\d０-９${CN_NUM}]+`;
const EDITION = '增刊|特刊|专刊';
/** 第5期, 第 5 期, （第5期）, 2021年第5期, 第十二期, 增刊第1期, 增刊1 — the issue number token. */
const ISSUE_NO_RE = new RegExp(`[（(]?\\s*(?:([\\d${CN_NUM}]{4})\\s*年\\s*)?(?:(${EDITION})\\s*)?(?:第\\s*(${NUM})\\s*期|(?<=${EDITION})\\s*(${NUM})(?!\\s*[年月日份]))\\s*[）)]?`);
/** 总第N期 / （总第N期）. */
const TOTAL_RE = new RegExp(`[（(]?\\s*总\\s*第?\\s*(${NUM})\\s*期\\s*[）)]?`);
/** 增刊 / （特刊） standing alone, or after the masthead. */
const EDITION_RE = new RegExp(`[（(]?\\s*(${EDITION})\\s*[）)]?`);
const SIGNER_RE = /签\s*发\s*人?\s*[：:]\s*\S+(?:\s\S{1,2}(?=\s{2,}|$))?/;
/** 编/编印/主办 after the issuing office's name. */
const ISSUER_SUFFIX_RE = /\s*(?:编\s*印|编\s*发|主\s*办|承\s*办|编)$/;
/** 密级 and 标注 printed above the masthead: 内部资料 注意保存, 秘密★1年, 机密, 绝密★长期. */
const CLASSIFICATION_RE = /^(?:[\s\u3000，,、]*(?:内部资料|内部刊物|内部参阅|内部|秘密|机密|绝密|注意保存|妥善保管|参阅|密级[：:]?|保密)(?:[\s\u3000]*★[\s\u3000]*[\d一二三四五六七八九十长期年个月]+)?)+[\s\u3000]*$/;
/** 编号/份号 printed top right on confidential issues: No.000123, 编号：012. */
const COPY_NUMBER_RE = /[\s\u3000]*(?:(?:编\s*号|份\s*号)\s*[：:]?\s*|No\.?\s*)[A-Za-z0-9０-９-]+[\s\u3000]*$/;
const CONTENTS_HEADING_RE = /^(?:目录|本期要目|本期目录|要目|本期导读|内容提要)$/;
/** Markers of contents items: - • ◆ ★ ■ ▲ ● 1. （1） 一、 */
const CONTENTS_MARKER_RE = /^(?:[-－—•·◆◇★☆■□●○▲△▶►◎※]\s*|\d+[.．、]\s*|[（(]\d+[）)]\s*|[一二三四五六七八九十]+、\s*)/;
/** Leader dots and a page number at the end of a contents item from Word's TOC. */
const LEADER_RE = /[\s.…·．]{3,}\s*\d+$|\s*…+\s*\d+$|\s{2,}\d{1,3}$/;
const INTRO_RE = /^(?:[【\[]?\s*编\s*者\s*按\s*[】\]]?|按\s*语)\s*[：:]?/;
const CLOSING_LABEL_RE = /^(报|送|发|抄\s*报|抄\s*送|主\s*送|呈\s*报|分\s*送|本\s*期\s*增\s*发|增\s*发)\s*[：:]\s*/;
const COPIES_RE = new RegExp(`[（(]?\\s*共\\s*印\\s*(${NUM})\\s*份\\s*[）)]?\\s*[。.]?\\s*$`);
const PRINTED_RE = /印\s*发\s*$/;
const CAPTION_RE = /^(?:[（(]?\s*图\s*[为\d一二三四五六七八九十：:]|注\s*[：:]|附\s*件|资料来源|来源[：:])/;
/** A rule typed as characters (the red line under the masthead, the lines around the 报尾). */
const RULE_RE = /^[─━—―_＿=＝\-－~～·.…*★☆◆\s]{6,}$/;
/** Staff lines at the foot of a bulletin that the format has no field for: reported, not imported. */
const STAFF_RE = /^(?:责任编辑|编\s*辑|审\s*核|校\s*对|主\s*编|签\s*发|联系人|联系电话|电\s*话|传\s*真|邮\s*箱|电子邮箱|地\s*址)\s*[：:]/;
/** Numbered sub-headings and list items: 一、 （二） 3. 第一， … */
const ENUMERATOR = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+[，、])/;
/** Characters that end a paragraph; a page break after anything else may have split one. */
const SENTENCE_END = /[。！？!?…；;：:]$|[。！？!?…][”’」』）)]$/;
/** A page break leaves at least a line's worth of text behind: shorter pieces are captions or headings. */
const MIN_SPLIT_LENGTH = 24;

/** Endings of names of reporting units (区、县、局、支队…), used to tell a unit line from a split title. */
const UNIT_SUFFIX =
  /(?:省|市|区|县|旗|镇|乡|村|街道|社区|局|厅|委|办|部|处|科|室|所|站|队|院|会|联|协|社|中心|公司|集团|银行|学校|大学|学院|医院|法院|检察院|监狱|园区|管委会|指挥部|工作组|小组|专班|分行|支行|党组|党委|工委|支部|总支)$/;

/** Removes every space, for comparing text regardless of layout. */
export function normalizeSpaces(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

/** Joins pieces of one line or paragraph: no space between CJK characters, one between Latin words. */
export function joinWords(parts: string[]): string {
  return parts.reduce((acc, part) => {
    if (!acc) return part;
    if (!part) return acc;
    if (/[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(part)) return `${acc} ${part}`;
    // Two Latin-script marks meet across a line wrap only where a space was (a browser breaks there),
    // except after a hyphen or slash, where long words and addresses also break.
    if (/[!-~]$/.test(acc) && !/[-/]$/.test(acc) && /^[!-~]/.test(part)) return `${acc} ${part}`;
    // A number or Latin word the writer set off with a space on one side gets it on the other too (隐患 23 处).
    if (/\s[A-Za-z0-9.%]+$/.test(acc) && /^[^\s\p{P}]/u.test(part)) return `${acc} ${part}`;
    if (/^[A-Za-z0-9.%]+\s/.test(part) && /[^\s\p{P}]$/u.test(acc)) return `${acc} ${part}`;
    return acc + part;
  }, '');
}

function squeeze(s: string): string {
  return joinWords(s.trim().split(/[\s\u3000]+/));
}

/** True for names such as 东昌府区, 县应急管理局, 团市委: short, no punctuation, a unit's ending. */
export function looksLikeUnit(s: string): boolean {
  const t = normalizeSpaces(s);
  return t.length >= 2 && t.length <= 24 && !/[，,。、：:；;“”"（）()《》！？]/.test(t) && UNIT_SUFFIX.test(t);
}

/** True when `s` ends a sentence (。！？…；：, possibly before a closing quote or bracket). */
export function isSentenceEnd(s: string): boolean {
  return SENTENCE_END.test(s.trimEnd());
}

/**
 * Rejoins paragraphs that a page break split in plain text: the first part
 * stops mid-sentence and is at least a line long. A numbered sub-heading,
 * a caption or any other short line stays a paragraph of its own.
 */
export function rejoinParagraphs(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if (prev !== undefined && mayContinue(prev, p)) out[out.length - 1] = joinWords([prev, p]);
    else out.push(p);
  }
  return out;
}

function mayContinue(prev: string, next: string): boolean {
  if (isSentenceEnd(prev) || ENUMERATOR.test(next) || CAPTION_RE.test(prev) || CAPTION_RE.test(next)) return false;
  if (ENUMERATOR.test(prev) && prev.length <= 40) return false;
  return /[，,、“（(《—-]$/.test(prev) || normalizeSpaces(prev).length >= MIN_SPLIT_LENGTH;
}

function splitRecipients(s: string): string[] {
  return s
    .replace(/[。.；;]\s*$/, '')
    .split(/[，,；;]/)
    .map((x) => squeeze(x))
    .filter(Boolean);
}

/** A paragraph of the body: consecutive lines of one paragraph joined. */
interface Para {
  line: number;
  text: string;
  markdown: boolean;
  centred: boolean;
  bold: boolean;
  split: boolean;
  size?: number;
  lines: SourceLine[];
}

function paragraphs(lines: SourceLine[]): Para[] {
  const out: Para[] = [];
  for (const l of lines) {
    const prev = out.at(-1);
    if (prev && l.cont && !l.markdown && !prev.markdown) {
      prev.text = joinWords([prev.text, l.text]);
      prev.lines.push(l);
      prev.centred &&= Boolean(l.centred);
    } else {
      out.push({ line: l.line, text: l.markdown ?? l.text, markdown: Boolean(l.markdown), centred: Boolean(l.centred), bold: Boolean(l.bold), split: Boolean(l.maybeSplit), size: l.size, lines: [l] });
    }
  }
  return out;
}

/** Reads the bulletin a reader produced; throws ImportError naming the line when it cannot. */
export function parseDocument(doc: SourceDocument): ImportResult {
  const lines = doc.lines.filter((l) => l.markdown || (l.text.trim() && !RULE_RE.test(l.text.trim()))).map((l) => ({ ...l, text: l.text.trim() }));
  const warnings: ImportWarning[] = [...doc.warnings];
  if (!lines.length) throw new ImportError(1, '文件中没有文字（应为：一份简报：报头、期号、编印单位、日期、目录和正文）');

  // 报头 ------------------------------------------------------------------
  let i = 0;
  let classification: string | null = null;
  let internal = false;
  // A copy number (编号) may share the mark's line, top right: it is not part of the mark.
  const copyNo = lines.length > 1 ? COPY_NUMBER_RE.exec(lines[0].text) : null;
  const markText = copyNo ? lines[0].text.slice(0, copyNo.index) + lines[0].text.slice(copyNo.index + copyNo[0].length) : lines[0].text;
  if (lines.length > 1 && markText.trim() && CLASSIFICATION_RE.test(markText)) {
    classification = markText.trim().replace(/[\s\u3000]+/g, ' ');
    // A 内部 standing on its own at the end of the marks line is an internal copy's badge (Jianbao
    // prints one on intranet copies): it makes the issue internal; the rest of the line is the mark.
    if (/(?:^| )内部$/.test(classification)) {
      internal = true;
      classification = classification.replace(/ ?内部$/, '') || null;
    }
    if (copyNo) warnings.push({ line: lines[0].line, message: `份号“${copyNo[0].trim()}”未导入（每份印件各不相同，不是这一期的信息）` });
    i++;
  }
  const mastheadLines: SourceLine[] = [];
  while (i < lines.length && mastheadLines.length < 3 && (!mastheadLines.length || (!headTokens(lines[i].text).any && !issuerLike(lines[i].text)))) {
    if (mastheadLines.length && (lines[i].markdown || CONTENTS_HEADING_RE.test(normalizeSpaces(lines[i].text)))) break;
    mastheadLines.push(lines[i++]);
  }
  let masthead = joinWords(mastheadLines.flatMap((l) => l.text.split(/[\s\u3000]+/)));
  const expectNumberAt = lines[i]?.line ?? mastheadLines.at(-1)!.line;
  let edition: Edition | null = null;
  const mastheadEdition = new RegExp(`[（(·\\s]*(${EDITION})[）)]?$`).exec(masthead);
  if (mastheadEdition && mastheadEdition.index > 0) edition = mastheadEdition[1] as Edition;

  let number: number | null = null;
  let total: number | null = null;
  let date: string | null = null;
  let issuer: string | null = null;
  let headEnd = i;
  for (; i < lines.length; i++) {
    const l = lines[i];
    if (l.markdown) break;
    const tok = headTokens(l.text);
    if (!tok.any) {
      const suffixed = ISSUER_SUFFIX_RE.test(l.text);
      if (issuer === null && (date === null || suffixed) && issuerLike(l.text)) {
        issuer = squeeze(l.text.replace(ISSUER_SUFFIX_RE, ''));
        headEnd = i + 1;
        continue;
      }
      break;
    }
    if (tok.dateInvalid) throw new ImportError(l.line, `“${tok.dateInvalid}”不是真实的日期（应为：如“2021年5月12日”的印发日期）`);
    if (tok.number !== undefined) {
      if (number !== null) throw new ImportError(l.line, `第二个期号“${l.text}”（应为：报头中只有一个期号）`);
      number = tok.number;
    }
    if (tok.total !== undefined) total = tok.total;
    if (tok.edition) edition = tok.edition;
    if (tok.date) {
      if (date !== null) throw new ImportError(l.line, `报头中第二个日期“${l.text}”（应为：一个印发日期）`);
      date = tok.date;
    }
    if (tok.signer) warnings.push({ line: l.line, message: `“${tok.signer}”是签发人，不是编印单位；简报格式中没有签发人字段，此行未导入` });
    if (tok.rest) {
      if (issuer !== null) throw new ImportError(l.line, `报头中无法识别的文字“${tok.rest}”（应为：编印单位、期号或日期，编印单位已是“${issuer}”）`);
      issuer = squeeze(tok.rest);
    }
    headEnd = i + 1;
  }
  if (number === null) {
    if (edition) {
      number = 1;
      warnings.push({ line: expectNumberAt, message: `${edition}没有期号，按第 1 期导入` });
    } else throw new ImportError(expectNumberAt, `报头下方没有期号（应为：如“第 5 期”“第五期”“2021年第5期”或“第 5 期（总第 312 期）”的一行）`);
  }
  if (date === null || issuer === null) {
    // Some bulletins print the date (and the office) only in the 印发 line at the foot.
    const printed = lines.slice(headEnd).find((l) => !l.markdown && PRINTED_RE.test(l.text) && findDate(l.text)?.valid && normalizeSpaces(l.text).length <= 40);
    if (printed) {
      const d = findDate(printed.text)!;
      const who = squeeze(printed.text.slice(0, d.index));
      date ??= d.iso;
      if (issuer === null && who) issuer = who;
    }
  }
  if (date === null) throw new ImportError(lines[Math.min(headEnd, lines.length - 1)].line, `报头中没有印发日期（应为：如“2021年5月12日”“2021.5.12”或“二〇二一年五月十二日”的日期，在编印单位同一行或下一行）`);
  if (issuer === null) throw new ImportError(lines[Math.min(headEnd, lines.length - 1)].line, `报头中没有编印单位（应为：日期前的单位名称，如“某某办公室”或“某某办公室编印”）`);
  if (edition && !masthead.includes(edition)) masthead = `${masthead}（${edition}）`;

  // 目录 ------------------------------------------------------------------
  let k = headEnd;
  const contents: { line: number; text: string }[] = [];
  let hadContentsHeading = false;
  if (lines[k] && CONTENTS_HEADING_RE.test(normalizeSpaces(lines[k].text))) {
    hadContentsHeading = true;
    k++;
  }
  const rest0 = lines.slice(k);
  const closingStart = findClosing(rest0);
  const afterHead = closingStart < 0 ? rest0 : rest0.slice(0, closingStart);
  const closing = closingStart < 0 ? [] : rest0.slice(closingStart);
  let bodyFrom = 0;
  if (afterHead[0] && !afterHead[0].markdown && CONTENTS_MARKER_RE.test(afterHead[0].text) && (hadContentsHeading || !ENUMERATOR.test(afterHead[0].text) || afterHead.length > 1)) {
    // Marked items; an unmarked line right below an item (no blank line, or a wrapped line) continues it.
    for (; bodyFrom < afterHead.length; bodyFrom++) {
      const l = afterHead[bodyFrom];
      if (l.markdown) break;
      if (CONTENTS_MARKER_RE.test(l.text) && !(contents.length && l.cont && !hasMarkerFamily(l.text, afterHead[0].text))) {
        contents.push({ line: l.line, text: cleanItem(l.text.replace(CONTENTS_MARKER_RE, '')) });
      } else if (contents.length && l.cont) contents[contents.length - 1].text = joinWords([contents[contents.length - 1].text, cleanItem(l.text)]);
      else break;
    }
  } else if (hadContentsHeading) {
    // Unmarked items: each is one to three lines that, joined, match a heading further down.
    const paras = paragraphs(afterHead);
    while (bodyFrom < afterHead.length) {
      let taken = 0;
      for (const used of [1, 2, 3]) {
        const cand = afterHead.slice(bodyFrom, bodyFrom + used);
        if (cand.length < used || cand.some((c) => c.markdown)) break;
        const want = normalizeSpaces(cleanItem(cand.map((c) => c.text).join('')));
        const at = paras.findIndex((p) => p.line > cand.at(-1)!.line && matchHeading(paras, paras.indexOf(p), want));
        if (at >= 0 && !(contents.length && afterHead[bodyFrom].line >= paras[at].line)) {
          taken = used;
          break;
        }
      }
      if (!taken) break;
      const cand = afterHead.slice(bodyFrom, bodyFrom + taken);
      contents.push({ line: cand[0].line, text: joinWords(cand.map((c) => cleanItem(c.text))) });
      bodyFrom += taken;
      // The body starts where the first item appears again as a heading.
      const first = normalizeSpaces(contents[0].text);
      const next = afterHead[bodyFrom];
      if (next && paras.some((p) => p.line === next.line && matchHeading(paras, paras.indexOf(p), first))) break;
    }
    if (!contents.length) throw new ImportError(afterHead[0]?.line ?? lines[headEnd - 1].line, '“目录”下没有能在正文中找到的条目（应为：每篇文章一行标题，正文中有同样的标题）');
  }
  const bodyLines = afterHead.slice(bodyFrom);

  // 正文 ------------------------------------------------------------------
  const paras = paragraphs(bodyLines);
  const articles: ImportedArticle[] = [];
  const introParts: Para[] = [];
  let current: { article: ImportedArticle; parts: Para[] } | undefined;
  let b = 0;
  const finish = () => {
    if (current) articles.push(finishArticle(current.article, current.parts, doc.format));
  };
  if (contents.length) {
    for (let c = 0; c < contents.length; c++) {
      const want = normalizeSpaces(contents[c].text);
      let found: Heading | undefined;
      for (; b < paras.length; b++) {
        found = matchHeading(paras, b, want);
        if (found) break;
        (current ? current.parts : introParts).push(paras[b]);
      }
      if (!found) {
        throw new ImportError(contents[c].line, `正文中找不到目录第 ${c + 1} 条“${contents[c].text}”的标题（应为：在上一篇文章之后，单独成行的标题，或单位加标题）`);
      }
      finish();
      current = { article: { unit: found.unit, title: found.title, paragraphs: [] }, parts: [] };
      b += found.used;
    }
  } else {
    // No contents: headings are the centred lines (Word, PDF); in plain text the first lines are the one article's heading.
    const hinted = paras.some(isHeadingHint);
    while (b < paras.length && INTRO_RE.test(paras[b].text) && !isHeadingHint(paras[b])) introParts.push(paras[b++]);
    while (b < paras.length) {
      const h = hinted ? centredHeading(paras, b) : current ? undefined : plainHeading(paras, b);
      if (h) {
        finish();
        current = { article: { unit: h.unit, title: h.title, paragraphs: [], ...(h.asWritten ? { heading: h.asWritten } : {}) }, parts: [] };
        b += h.used;
        continue;
      }
      if (!current) throw new ImportError(paras[b].line, `正文前的文字“${paras[b].text.slice(0, 30)}”不是标题（应为：没有目录时，报头下方是文章标题，可先有单独一行的单位名称）`);
      current.parts.push(paras[b++]);
    }
    if (!current) throw new ImportError(lines.at(-1)!.line, '报头之后没有文章（应为：目录，或文章标题和正文）');
  }
  for (; b < paras.length; b++) current!.parts.push(paras[b]);
  finish();

  let intro: string | null = null;
  if (introParts.length) {
    if (!INTRO_RE.test(introParts[0].text)) {
      throw new ImportError(introParts[0].line, `第一篇文章之前的文字不是编者按：“${introParts[0].text.slice(0, 30)}…”（应为：第一篇文章的标题，或以“编者按：”“按语：”开头的一段）`);
    }
    intro = (doc.format === 'txt' ? rejoinParagraphs(introParts.map((p) => p.text)) : introParts.map((p) => p.text)).join('\n\n');
  }

  // 报尾 ------------------------------------------------------------------
  const { seen, ...dist } = parseClosing(closing, warnings, { issuer, date });

  const issue: ImportedIssue = { series: masthead, number, total, date, issuer, classification, ...(internal ? { internal } : {}), intro, ...dist, articles };
  verifyNothingLost(issue, bodyLines, closing, seen);
  if (contents.length && contents.length !== articles.length) throw new ImportError(contents[0].line, `目录有 ${contents.length} 条，正文有 ${articles.length} 篇（应为：一样多）`);
  return { issue, edition, warnings, media: doc.media, format: doc.format, detail: doc.detail };
}

function hasMarkerFamily(a: string, b: string): boolean {
  return /^\d/.test(a) === /^\d/.test(b);
}

function cleanItem(s: string): string {
  return s.replace(LEADER_RE, '').trim();
}

function issuerLike(s: string): boolean {
  const t = s.replace(ISSUER_SUFFIX_RE, '');
  return ISSUER_SUFFIX_RE.test(s) ? normalizeSpaces(t).length >= 2 && normalizeSpaces(t).length <= 40 : looksLikeUnit(t);
}

interface HeadTokens {
  any: boolean;
  number?: number;
  total?: number;
  edition?: Edition;
  date?: string;
  dateInvalid?: string;
  signer?: string;
  /** Text left once the tokens are taken out: the issuer, if anything. */
  rest: string;
}

/** Takes 期号, 总第N期, 增刊, the date and 签发人 out of a head line; what is left is the issuer. */
function headTokens(text: string): HeadTokens {
  const out: HeadTokens = { any: false, rest: '' };
  let t = ` ${text} `;
  const take = (re: RegExp): RegExpExecArray | null => {
    const m = re.exec(t);
    if (m) {
      t = `${t.slice(0, m.index)}  ${t.slice(m.index + m[0].length)}`;
      out.any = true;
    }
    return m;
  };
  const signer = take(SIGNER_RE);
  if (signer) out.signer = squeeze(signer[0]);
  const tot = take(TOTAL_RE);
  if (tot) out.total = readNumber(tot[1]) ?? undefined;
  const no = take(ISSUE_NO_RE);
  if (no) {
    out.number = readNumber(no[3] ?? no[4]) ?? undefined;
    if (no[2]) out.edition = no[2] as Edition;
  }
  const d = findDate(t);
  if (d) {
    t = `${t.slice(0, d.index)}  ${t.slice(d.index + d.length)}`;
    out.any = true;
    if (d.valid) out.date = d.iso;
    else out.dateInvalid = d.written;
  }
  if (out.any || /^\s*[（(]?\s*(?:增刊|特刊|专刊)\s*[）)]?\s*$/.test(t)) {
    const ed = take(EDITION_RE);
    if (ed) out.edition = ed[1] as Edition;
  }
  out.rest = t.replace(ISSUER_SUFFIX_RE, '').trim().replace(ISSUER_SUFFIX_RE, '').trim();
  // 2021年5月12日印发 / 出版: the verb after the date is not an issuer.
  if (out.any && /^(?:印\s*发|出\s*版|编\s*印)$/.test(out.rest)) out.rest = '';
  if (out.any && /^[（()）\s]*$/.test(out.rest)) out.rest = '';
  return out;
}

interface Heading {
  unit: string | null;
  title: string;
  used: number;
  /** The heading as written when its unit line stands under the title. */
  asWritten?: string;
}

/**
 * A heading is one paragraph (the title; or unit and title separated by a
 * space) or two or three (unit, then a title that may have wrapped), and
 * without spaces it equals the contents entry.
 */
function matchHeading(body: Para[], at: number, want: string): Heading | undefined {
  if (!want || body[at].markdown) return undefined;
  const line = body[at].text;
  const flat = normalizeSpaces(line);
  const parts = line.split(/[\s\u3000]+/);
  if (flat === want) {
    if (parts.length > 1 && looksLikeUnit(parts[0])) return { unit: parts[0], title: joinWords(parts.slice(1)), used: 1 };
    return { unit: null, title: joinWords(parts), used: 1 };
  }
  // Unit before a title the contents list without it.
  if (parts.length > 1 && looksLikeUnit(parts[0]) && normalizeSpaces(parts.slice(1).join('')) === want) {
    return { unit: parts[0], title: joinWords(parts.slice(1)), used: 1 };
  }
  for (const used of [2, 3]) {
    const group = body.slice(at, at + used);
    if (group.length < used || group.some((p) => p.markdown)) break;
    const joined = group.map((p) => normalizeSpaces(p.text)).join('');
    const rest = group.slice(1).map((p) => squeeze(p.text));
    if (joined === want) {
      return isUnitLine(group) ? { unit: flat, title: joinWords(rest), used } : { unit: null, title: joinWords([squeeze(line), ...rest]), used };
    }
    if (isUnitLine(group) && normalizeSpaces(rest.join('')) === want) return { unit: flat, title: joinWords(rest), used };
  }
  return undefined;
}

/**
 * A unit line above a title: a unit's name, or (where the format tells
 * sizes) a short line without punctuation set smaller than the title below.
 */
function isUnitLine(group: Para[]): boolean {
  if (group.length < 2) return false;
  const [first, next] = group;
  if (CAPTION_RE.test(first.text)) return false;
  if (looksLikeUnit(first.text)) return true;
  const t = normalizeSpaces(first.text);
  return first.size !== undefined && next.size !== undefined && first.size < next.size * 0.9 && t.length <= 24 && !/[，,。：:；;！？]/.test(t);
}

function headingText(p: Para | undefined): boolean {
  return Boolean(p && !p.markdown && normalizeSpaces(p.text).length <= 60 && !isSentenceEnd(p.text) && !CAPTION_RE.test(p.text));
}

/** Layout that marks a title: centred, or a bold line of its own that is not a numbered sub-heading. */
function isHeadingHint(p: Para | undefined): boolean {
  return Boolean(p && (p.centred || (p.bold && !ENUMERATOR.test(p.text))));
}

/** Centred (or bold) short lines, not a caption under an image: an optional unit line, then the title (which may wrap). */
function centredHeading(paras: Para[], at: number): Heading | undefined {
  const p = paras[at];
  if (!isHeadingHint(p) || !headingText(p) || paras[at - 1]?.markdown) return undefined;
  let used = 1;
  while (used < 3 && isHeadingHint(paras[at + used]) && headingText(paras[at + used])) used++;
  const group = paras.slice(at, at + used);
  if (isUnitLine(group)) return { unit: squeeze(group[0].text), title: joinWords(group.slice(1).map((g) => squeeze(g.text))), used };
  const below = unitBelow(group);
  if (below) {
    const title = joinWords(group.slice(0, -1).map((g) => squeeze(g.text)));
    return { unit: below, title, used, asWritten: `${title}${squeeze(group[used - 1].text)}` };
  }
  return { unit: null, title: joinWords(group.map((g) => squeeze(g.text))), used };
}

/**
 * A unit line under a title: a unit's name set smaller than the title, or
 * in brackets （东昌府区）. A title's wrapped second line is set in its size and
 * is rarely a bare unit name, so it stays part of the title.
 */
function unitBelow(group: Para[]): string | undefined {
  if (group.length < 2) return undefined;
  const [prev, last] = group.slice(-2);
  const text = normalizeSpaces(last.text);
  const bracketed = /^[（(].+[）)]$/.test(text);
  const name = bracketed ? text.slice(1, -1) : text;
  const smaller = last.size !== undefined && prev.size !== undefined && last.size < prev.size * 0.9;
  return looksLikeUnit(name) && (bracketed || smaller) ? name : undefined;
}

/** In plain text without contents: the first line is the title, or a unit line and then the title. */
function plainHeading(paras: Para[], at: number): Heading | undefined {
  const p = paras[at];
  if (!headingText(p)) return undefined;
  if (looksLikeUnit(p.text) && headingText(paras[at + 1]) && !ENUMERATOR.test(paras[at + 1].text)) return { unit: squeeze(p.text), title: squeeze(paras[at + 1].text), used: 2 };
  return { unit: null, title: squeeze(p.text), used: 1 };
}

function finishArticle(article: ImportedArticle, parts: Para[], format: SourceDocument['format']): ImportedArticle {
  const out: { text: string; markdown: boolean }[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    if (format === 'txt' && p.split && prev && !prev.markdown && !p.markdown && mayContinue(prev.text, p.text)) prev.text = joinWords([prev.text, p.text]);
    else out.push({ text: p.text, markdown: p.markdown });
  }
  article.paragraphs = out.map((o) => o.text);
  const md = out.flatMap((o, n) => (o.markdown ? [n] : []));
  if (md.length) article.markdown = md;
  return article;
}

/** Index of the first line of the closing block: 报/送/发/抄送/主送/增发, 共印 N 份 or an 印发 line. */
function findClosing(lines: SourceLine[]): number {
  return lines.findIndex((l) => !l.markdown && isClosingStart(l.text));
}

function isClosingStart(t: string): boolean {
  const flat = normalizeSpaces(t);
  return CLOSING_LABEL_RE.test(t) || STAFF_RE.test(t) || (COPIES_RE.test(t) && /^[（(]?共印/.test(flat)) || (PRINTED_RE.test(t) && findDate(t) !== null && flat.length <= 40);
}

type Distribution = Pick<ImportedIssue, 'reportTo' | 'copyTo' | 'sendTo' | 'copies'>;

function parseClosing(lines: SourceLine[], warnings: ImportWarning[], head: { issuer: string; date: string }): Distribution & { seen: string[] } {
  const out: Distribution = { reportTo: [], copyTo: [], sendTo: [], copies: null };
  const seen: string[] = [];
  let target: string[] | undefined;
  let buffer = '';
  const flush = () => {
    const got = splitRecipients(buffer);
    if (target) target.push(...got);
    seen.push(...got);
    buffer = '';
  };
  for (const l of lines) {
    if (l.markdown) throw new ImportError(l.line, `报尾中的表格或图片（应为：报：送：发：、共印 N 份或印发行）`);
    let t = l.text.trim();
    const copies = COPIES_RE.exec(t);
    if (copies) {
      out.copies = readNumber(copies[1]);
      t = t.slice(0, copies.index).trim();
    }
    const printed = PRINTED_RE.test(t) ? findDate(t) : null;
    if (printed && !CLOSING_LABEL_RE.test(t)) {
      flush();
      target = undefined;
      const who = squeeze(t.slice(0, printed.index));
      if (printed.iso !== head.date) warnings.push({ line: l.line, message: `印发行的日期 ${printed.iso} 与报头的 ${head.date} 不同，采用报头日期` });
      if (who && who !== head.issuer) warnings.push({ line: l.line, message: `印发行的单位“${who}”与报头的“${head.issuer}”不同，采用报头的编印单位` });
      continue;
    }
    const label = CLOSING_LABEL_RE.exec(t);
    if (!t) {
      // 共印 N 份 alone on its line.
    } else if (label) {
      flush();
      const key = normalizeSpaces(label[1]);
      target = ['报', '抄报', '呈报'].includes(key) ? out.reportTo : ['送', '抄送', '主送', '分送'].includes(key) ? out.copyTo : out.sendTo;
      if (!['报', '送', '发'].includes(key)) {
        const as = target === out.reportTo ? '报' : target === out.copyTo ? '送' : '发';
        warnings.push({ line: l.line, message: `“${key}”按“${as}”导入（简报格式只有报、送、发三栏）` });
      }
      buffer = t.slice(label[0].length);
    } else if (STAFF_RE.test(t)) {
      flush();
      target = undefined;
      warnings.push({ line: l.line, message: `“${t}”是编辑、联系方式一类的信息，简报格式中没有对应字段，此行未导入` });
      continue;
    } else if (target) {
      buffer = joinWords([buffer, t]);
    } else {
      throw new ImportError(l.line, `报尾中无法识别的文字“${t}”（应为：报：、送：、发：、抄送：、主送：、增发：、共印 N 份或“某某 2021年5月12日印发”）`);
    }
    if (copies) {
      flush();
      target = undefined;
    }
  }
  flush();
  return { ...out, seen };
}

/**
 * Compares every non-space character of the source's body and closing
 * block with what the parsed structure holds, in order and both ways: text
 * the parser dropped, duplicated, moved or invented fails the import.
 */
function verifyNothingLost(issue: ImportedIssue, bodyLines: SourceLine[], closing: SourceLine[], seen: string[]): void {
  const compare = (part: string, want: string, got: string, lines: SourceLine[]) => {
    if (want === got) return;
    let p = 0;
    while (p < want.length && want[p] === got[p]) p++;
    let seen = 0;
    const line = lines.find((l) => (seen += normalizeSpaces(l.markdown ?? l.text).length) > p)?.line ?? lines[0]?.line ?? 1;
    const what = got.length < want.length ? '会丢失' : '会多出';
    throw new ImportError(line, `${part}：“${want.slice(Math.max(0, p - 8), p + 12)}”附近的文字${what}（应为：原文每个字都在结果中，结果中每个字都来自原文；未写入任何文件）`);
  };
  compare(
    '正文',
    bodyLines.map((l) => normalizeSpaces(l.markdown ?? l.text)).join(''),
    normalizeSpaces([issue.intro ?? '', ...issue.articles.flatMap((a) => [headingAsWritten(a), ...a.paragraphs])].join('')),
    bodyLines,
  );
  // Labels, separators, 共印 N 份 and the 印发 line are structure, not text: compare the recipients.
  const recipients = closing
    .map((l) => {
      let t = normalizeSpaces(l.text).replace(COPIES_RE, '');
      if ((PRINTED_RE.test(t) && findDate(t) && !CLOSING_LABEL_RE.test(t)) || (STAFF_RE.test(t) && !CLOSING_LABEL_RE.test(t))) return '';
      return t.replace(CLOSING_LABEL_RE, '').replace(/[。.；;]$/, '');
    })
    .join('')
    .replace(/[，,；;]/g, '');
  compare('报尾', recipients, normalizeSpaces(seen.join('')), closing);
  const stored = [...issue.reportTo, ...issue.copyTo, ...issue.sendTo];
  if (stored.length !== seen.length) throw new ImportError(closing[0]?.line ?? 1, '报尾：收文单位数目不一致（应为：每个单位归入报、送或发之一）');
}

/** 报送单位 written after the title: （东区供稿）, 东区供稿, 供稿：东区, 报送单位：东区. */
const CONTRIBUTOR_RE = /^[（(]?\s*(?:(?:供\s*稿|报\s*送\s*单\s*位|来\s*源)\s*[：:]\s*(.+?)|(.+?)\s*供\s*稿)\s*[）)]?$/;

/**
 * Reads one article a unit sent (for `new:article --from`): its title (the
 * centred line, or the first line), its unit (a line above the title, or a
 * 供稿 line below it) and its paragraphs; every line is accounted for.
 */
export function parseArticle(doc: SourceDocument): ImportedArticle {
  const lines = doc.lines.filter((l) => l.markdown || l.text.trim()).map((l) => ({ ...l, text: l.text.trim() }));
  if (!lines.length) throw new ImportError(1, '文件中没有文字（应为：一篇文章：标题和正文）');
  const paras = paragraphs(lines);
  let b = 0;
  const h = (isHeadingHint(paras[0]) ? centredHeading(paras, 0) : undefined) ?? plainHeading(paras, 0);
  if (!h) throw new ImportError(paras[0].line, `第一行“${paras[0].text.slice(0, 30)}”不像标题（应为：文章标题单独成行，可先有一行单位名称）`);
  b += h.used;
  const article: ImportedArticle = { unit: h.unit, title: h.title, paragraphs: [], ...(h.asWritten ? { heading: h.asWritten } : {}) };
  const contributor = paras[b] && !paras[b].markdown ? CONTRIBUTOR_RE.exec(paras[b].text) : null;
  const contributorAt = contributor && !article.unit ? b : -1;
  if (contributorAt >= 0) {
    article.unit = squeeze(contributor![1] ?? contributor![2]);
    b++;
  }
  if (b >= paras.length) throw new ImportError(paras.at(-1)!.line, `“${article.title}”之后没有正文（应为：标题下方的正文段落）`);
  const out = finishArticle(article, paras.slice(b), doc.format);
  // The 供稿 line's words around the unit are structure; everything else must arrive as written.
  const source = normalizeSpaces(paras.map((p, i) => (i === contributorAt ? '' : p.text)).join(''));
  const got = normalizeSpaces([contributorAt >= 0 ? out.title : headingAsWritten(out), ...out.paragraphs].join(''));
  if (source !== got) throw new ImportError(lines[0].line, `文章的文字读入前后不一致（应为：原文每个字都在结果中；未写入任何文件）`);
  return out;
}
