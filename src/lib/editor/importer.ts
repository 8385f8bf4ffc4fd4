/**
 * Reads a legacy bulletin in the plain-text form extracted from its PDF or
 * Word file and returns its structure. Text is kept as written: only page
 * breaks inside paragraphs and spaces inside the masthead and headings go.
 * Every non-space character of the source must reach the result, or the
 * import fails.
 */

export interface ImportedArticle {
  unit: string | null;
  title: string;
  paragraphs: string[];
}

export interface ImportedIssue {
  series: string;
  number: number;
  total: number | null;
  date: string;
  issuer: string;
  classification: string | null;
  intro: string | null;
  reportTo: string[];
  copyTo: string[];
  sendTo: string[];
  copies: number | null;
  articles: ImportedArticle[];
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

interface Line {
  no: number;
  text: string;
}

const ISSUE_NO_RE = /^第\s*(\d+)\s*期\s*(?:[（(]\s*总\s*第\s*(\d+)\s*期\s*[）)])?$/;
const TOTAL_RE = /^[（(]\s*总\s*第\s*(\d+)\s*期\s*[）)]$/;
const DATE_RE = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$/;
const CONTENTS_ITEM_RE = /^[-－•·]\s*/;
const CONTENTS_HEADING_RE = /^目\s*录$/;
const DISTRIBUTION_RE = /^(报|送|发|抄\s*报|抄\s*送)\s*[：:]\s*/;
const COPIES_RE = /共\s*印\s*(\d+)\s*份\s*[。.]?\s*$/;
const INTRO_RE = /^编者按\s*[：:]/;
const CLASSIFICATION_RE = /内部|秘密|机密|绝密|保密|注意保存|参阅|资料|密级|★/;

/**
 * Characters that end a paragraph. A page break after anything else (a
 * comma, a character mid-word) splits a paragraph that must be rejoined.
 */
const SENTENCE_END = /[。！？!?…；;：:]$|[。！？!?…][”’」』）)]$/;

/** Endings of names of reporting units (区、县、局、支队…), used to tell a unit line from a split title. */
const UNIT_SUFFIX =
  /(?:省|市|区|县|旗|镇|乡|村|街道|社区|局|厅|委|办|部|处|科|室|所|站|队|院|会|联|协|社|中心|公司|集团|银行|学校|大学|学院|医院|法院|检察院|监狱|园区|管委会|指挥部|工作组|小组|专班|分行|支行|党组|党委|工委|支部|总支)$/;

export function normalizeSpaces(s: string): string {
  return s.replace(/[\s\u3000]+/g, '');
}

/** Removes spaces between CJK characters but keeps them between Latin words. */
function joinWords(parts: string[]): string {
  return parts.reduce((acc, part) => {
    if (!acc) return part;
    return /[A-Za-z0-9]$/.test(acc) && /^[A-Za-z0-9]/.test(part) ? `${acc} ${part}` : acc + part;
  }, '');
}

function squeeze(s: string): string {
  return joinWords(s.trim().split(/[\s\u3000]+/));
}

export function looksLikeUnit(s: string): boolean {
  const t = normalizeSpaces(s);
  return t.length >= 2 && t.length <= 24 && !/[，,。、：:；;“”"（）()《》！？]/.test(t) && UNIT_SUFFIX.test(t);
}

function isSentenceEnd(s: string): boolean {
  return SENTENCE_END.test(s.trimEnd());
}

/** Splits lines into blocks separated by blank lines; lines inside a block are joined. */
function blocks(lines: Line[]): Line[] {
  const out: Line[] = [];
  let cur: Line | undefined;
  for (const l of lines) {
    if (!l.text.trim()) {
      cur = undefined;
      continue;
    }
    if (cur) cur.text = joinWords([cur.text, l.text.trim()]);
    else out.push((cur = { no: l.no, text: l.text.trim() }));
  }
  return out;
}

/** Numbered sub-headings and list items: 一、 （二） 3. 第一， … */
const ENUMERATOR = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.．、](?!\d)|第[一二三四五六七八九十]+[，、])/;

/**
 * Rejoins paragraphs that a page break split: the first part does not end a
 * sentence. A numbered sub-heading (一、加强领导) ends without punctuation
 * but is its own paragraph, and so is a part that starts with a number.
 */
export function rejoinParagraphs(parts: string[]): string[] {
  const out: string[] = [];
  for (const p of parts) {
    const prev = out.at(-1);
    const subHeading = prev !== undefined && ENUMERATOR.test(prev) && prev.length <= 40;
    if (prev !== undefined && !isSentenceEnd(prev) && !subHeading && !ENUMERATOR.test(p)) out[out.length - 1] = joinWords([prev, p]);
    else out.push(p);
  }
  return out;
}

function splitRecipients(s: string): string[] {
  return s
    .replace(/[。.]\s*$/, '')
    .split(/[，,]/)
    .map((x) => x.trim())
    .filter(Boolean);
}

function pad2(n: string): string {
  return n.padStart(2, '0');
}

export function parseBulletin(source: string): ImportedIssue {
  const all: Line[] = source.replace(/^\uFEFF/, '').split(/\r?\n/).map((text, i) => ({ no: i + 1, text: text.replace(/\s+$/, '') }));
  const nonBlank = all.filter((l) => l.text.trim());
  if (!nonBlank.length) throw new ImportError(1, 'the file is empty (expected a bulletin: masthead, 第 N 期, issuer, date, contents, articles)');

  // 报头: everything before the 第 N 期 line is classification + masthead.
  const issueIdx = nonBlank.findIndex((l) => ISSUE_NO_RE.test(l.text.trim()));
  if (issueIdx < 0) throw new ImportError(nonBlank[0].no, 'no issue number line (expected a line such as "第 28 期" or "第 28 期（总第 312 期）" below the masthead)');
  const head = nonBlank.slice(0, issueIdx);
  if (!head.length) throw new ImportError(nonBlank[issueIdx].no, 'no masthead above the issue number (expected the bulletin title, e.g. "XX工作简报")');
  // A line above the masthead is a classification mark only when it reads like one; otherwise the
  // masthead itself was printed on two lines.
  const hasMark = head.length > 1 && CLASSIFICATION_RE.test(head[0].text);
  const classification = hasMark ? squeezeClassification(head[0].text) : null;
  const series = joinWords(head.slice(hasMark ? 1 : 0).flatMap((l) => l.text.trim().split(/[\s\u3000]+/)));
  const issueMatch = ISSUE_NO_RE.exec(nonBlank[issueIdx].text.trim())!;
  const number = Number(issueMatch[1]);
  let total = issueMatch[2] ? Number(issueMatch[2]) : null;
  let i = issueIdx + 1;
  if (total === null && nonBlank[i] && TOTAL_RE.test(nonBlank[i].text.trim())) total = Number(TOTAL_RE.exec(nonBlank[i++].text.trim())![1]);

  // Issuer and date: on two lines, or on one line with the date at the end.
  const issuerLine = nonBlank[i];
  if (!issuerLine) throw new ImportError(nonBlank[issueIdx].no, 'the file ends after the issue number (expected the issuer and the date)');
  let issuer: string;
  let dateMatch = DATE_RE.exec(issuerLine.text.trim());
  if (dateMatch && issuerLine.text.trim().slice(0, dateMatch.index).trim()) {
    issuer = squeeze(issuerLine.text.trim().slice(0, dateMatch.index));
    i += 1;
  } else {
    issuer = squeeze(issuerLine.text);
    const dateLine = nonBlank[i + 1];
    dateMatch = dateLine ? DATE_RE.exec(dateLine.text.trim()) : null;
    if (!dateMatch || dateLine.text.trim().slice(0, dateMatch.index).trim()) {
      throw new ImportError(dateLine?.no ?? issuerLine.no, `no date after the issuer "${issuer}" (expected a line such as "2021 年 5 月 12 日")`);
    }
    i += 2;
  }
  const [, y, m, d] = dateMatch;
  const date = `${y}-${pad2(m)}-${pad2(d)}`;
  const check = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(check.getTime()) || check.toISOString().slice(0, 10) !== date) {
    throw new ImportError(nonBlank[i - 1].no, `"${dateMatch[0]}" is not a real date`);
  }

  // 目录: "- " items; a line without the marker right below an item continues it.
  const afterHead = all.filter((l) => l.no > nonBlank[i - 1].no);
  let k = 0;
  const skipBlank = () => {
    while (k < afterHead.length && !afterHead[k].text.trim()) k++;
  };
  skipBlank();
  if (afterHead[k] && CONTENTS_HEADING_RE.test(afterHead[k].text.trim())) {
    k++;
    skipBlank();
  }
  const contents: Line[] = [];
  while (k < afterHead.length) {
    const t = afterHead[k].text.trim();
    if (CONTENTS_ITEM_RE.test(t)) contents.push({ no: afterHead[k].no, text: t.replace(CONTENTS_ITEM_RE, '') });
    else if (t && contents.length && afterHead[k - 1]?.text.trim()) contents[contents.length - 1].text = joinWords([contents[contents.length - 1].text, t]);
    else if (t) break;
    k++;
  }
  if (!contents.length) {
    throw new ImportError(afterHead[k]?.no ?? nonBlank[i - 1].no, 'no contents list (expected lines starting with "- ", one per article, after the date)');
  }

  // Closing block (报尾): from the first 报/送/发 line to the end.
  const rest = afterHead.slice(k);
  const closingStart = rest.findIndex((l) => DISTRIBUTION_RE.test(l.text.trim()) || (COPIES_RE.test(l.text.trim()) && normalizeSpaces(l.text).startsWith('共印')));
  const bodyLines = closingStart < 0 ? rest : rest.slice(0, closingStart);
  const closing = closingStart < 0 ? [] : rest.slice(closingStart);
  const dist = parseClosing(closing);

  // Articles: headings are found by matching the contents, in order.
  const body = blocks(bodyLines);
  const articles: ImportedArticle[] = [];
  const introParts: string[] = [];
  let current: { article: ImportedArticle; parts: string[] } | undefined;
  let b = 0;
  for (let c = 0; c < contents.length; c++) {
    const want = normalizeSpaces(contents[c].text);
    let found: { unit: string | null; title: string; used: number } | undefined;
    for (; b < body.length; b++) {
      found = matchHeading(body, b, want);
      if (found) break;
      (current ? current.parts : introParts).push(body[b].text);
    }
    if (!found) {
      throw new ImportError(contents[c].no, `no heading in the text matches contents entry ${c + 1} "${contents[c].text}" (expected the title, or the unit and the title, as a line of its own after the previous article)`);
    }
    if (current) articles.push(finish(current));
    current = { article: { unit: found.unit, title: found.title, paragraphs: [] }, parts: [] };
    b += found.used;
  }
  for (; b < body.length; b++) current!.parts.push(body[b].text);
  articles.push(finish(current!));

  const intro = introParts.length ? rejoinParagraphs(introParts).join('\n\n') : null;
  if (introParts.length && !INTRO_RE.test(introParts[0])) {
    throw new ImportError(body[0].no, `text before the first article that is not an editor's note: "${introParts[0].slice(0, 30)}…" (expected the first heading, or a paragraph starting "编者按：")`);
  }

  const issue: ImportedIssue = { series, number, total, date, issuer, classification, intro, ...dist, articles };
  verifyNothingLost(issue, bodyLines, closing);
  return issue;
}

function squeezeClassification(s: string): string {
  // Marks such as "内部资料 注意保存" keep their single space; runs of spaces become one.
  return s.trim().replace(/[\s\u3000]+/g, ' ');
}

function finish(cur: { article: ImportedArticle; parts: string[] }): ImportedArticle {
  cur.article.paragraphs = rejoinParagraphs(cur.parts);
  return cur.article;
}

/**
 * A heading is one line (the title; or unit and title separated by a space;
 * or a long title split by a space) or two lines (unit, then title), and
 * without spaces it equals the contents entry.
 */
function matchHeading(body: Line[], at: number, want: string): { unit: string | null; title: string; used: number } | undefined {
  const line = body[at].text;
  const flat = normalizeSpaces(line);
  if (flat === want) {
    const parts = line.split(/[\s\u3000]+/);
    if (parts.length > 1 && looksLikeUnit(parts[0])) return { unit: parts[0], title: joinWords(parts.slice(1)), used: 1 };
    return { unit: null, title: joinWords(parts), used: 1 };
  }
  // Unit before a title the contents list without it.
  const parts = line.split(/[\s\u3000]+/);
  if (parts.length > 1 && looksLikeUnit(parts[0]) && normalizeSpaces(parts.slice(1).join('')) === want) {
    return { unit: parts[0], title: joinWords(parts.slice(1)), used: 1 };
  }
  // Two or three lines: a unit line and/or a title that wrapped.
  for (const used of [2, 3]) {
    const lines = body.slice(at, at + used);
    if (lines.length < used) break;
    const joined = lines.map((l) => normalizeSpaces(l.text)).join('');
    const rest = lines.slice(1).map((l) => squeeze(l.text));
    if (joined === want) {
      return looksLikeUnit(line) ? { unit: flat, title: joinWords(rest), used } : { unit: null, title: joinWords([squeeze(line), ...rest]), used };
    }
    if (looksLikeUnit(line) && normalizeSpaces(rest.join('')) === want) return { unit: flat, title: joinWords(rest), used };
  }
  return undefined;
}

function parseClosing(lines: Line[]): Pick<ImportedIssue, 'reportTo' | 'copyTo' | 'sendTo' | 'copies'> {
  const out = { reportTo: [] as string[], copyTo: [] as string[], sendTo: [] as string[], copies: null as number | null };
  let target: string[] | undefined;
  let buffer = '';
  const flush = () => {
    if (target) target.push(...splitRecipients(buffer));
    buffer = '';
  };
  for (const l of lines) {
    let t = l.text.trim();
    if (!t) continue;
    const copies = COPIES_RE.exec(t);
    const closesBlock = Boolean(copies);
    if (copies) {
      out.copies = Number(copies[1]);
      t = t.slice(0, copies.index).trim();
    }
    const label = DISTRIBUTION_RE.exec(t);
    if (!t) {
      // 共印 N 份 alone on its line.
    } else if (label) {
      flush();
      const key = normalizeSpaces(label[1]);
      target = key === '报' || key === '抄报' ? out.reportTo : key === '送' || key === '抄送' ? out.copyTo : out.sendTo;
      buffer = t.slice(label[0].length);
    } else if (target) {
      buffer = joinWords([buffer, t]);
    } else {
      throw new ImportError(l.no, `unexpected text in the closing block: "${t}" (expected 报：, 送：, 发： or 共印 N 份)`);
    }
    // Nothing follows the print count: later text is not a recipient.
    if (closesBlock) {
      flush();
      target = undefined;
    }
  }
  flush();
  return out;
}

/**
 * Compares every non-space character of the source's body and closing block
 * with what the parsed structure holds, in order, so text the parser dropped,
 * duplicated or moved fails the import instead of vanishing.
 */
function verifyNothingLost(issue: ImportedIssue, bodyLines: Line[], closing: Line[]): void {
  const compare = (part: string, want: string, got: string, lines: Line[]) => {
    if (want === got) return;
    let p = 0;
    while (p < want.length && want[p] === got[p]) p++;
    let seen = 0;
    const line = lines.find((l) => (seen += normalizeSpaces(l.text).length) > p)?.no ?? lines[0]?.no ?? 0;
    throw new ImportError(line, `${part}: text would be lost near "${want.slice(Math.max(0, p - 8), p + 12)}" (expected every character of the source in the output; nothing was written)`);
  };
  compare(
    'articles',
    bodyLines.map((l) => normalizeSpaces(l.text)).join(''),
    normalizeSpaces([issue.intro ?? '', ...issue.articles.flatMap((a) => [a.unit ?? '', a.title, ...a.paragraphs])].join('')),
    bodyLines,
  );
  // Separators and labels of 报/送/发 are structure, not text: compare the rest.
  const bare = (s: string) => s.replace(/(?:报|送|发|抄报|抄送)[：:]|共印\d+份|[，,]|[。.](?=$|报|送|发|抄|共)/g, '');
  const dist = (label: string, list: string[]) => (list.length ? `${label}：${list.join('，')}` : '');
  compare(
    'closing block',
    bare(closing.map((l) => normalizeSpaces(l.text)).join('')),
    bare(normalizeSpaces(dist('报', issue.reportTo) + dist('送', issue.copyTo) + dist('发', issue.sendTo) + (issue.copies !== null ? `共印${issue.copies}份` : ''))),
    closing,
  );
}
