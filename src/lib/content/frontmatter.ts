/**
 * Splits a content file into its YAML frontmatter and body, with the one YAML
 * engine Jianbao uses everywhere (the `yaml` package, YAML 1.2: 2023-13-40
 * stays a string instead of rolling over into 2024, duplicate keys are errors),
 * and knows on which line each field was written.
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

export interface Frontmatter {
  data: Record<string, unknown>;
  body: string;
  /** 1-based line of the file where the body starts. */
  bodyLine: number;
  /** 1-based line of a field (`['reportTo', 2]` for an item), or of the frontmatter's first line. */
  lineOf(path: readonly PropertyKey[]): number;
}

export interface YamlProblem {
  line: number;
  message: string;
}

export type ParsedFrontmatter = { ok: true; value: Frontmatter } | { ok: false; problems: YamlProblem[] };

/**
 * The data of YAML texts parsed before (kept by the check cache, see
 * check-cache.ts): parsing the frontmatter of 7,000 files was a third of a
 * repeat check. Only texts that parsed without problems, and whose data is
 * exactly what JSON can hold, are kept.
 */
export interface YamlMemo {
  get(text: string): unknown;
  /** Keeps the data of a text; absent where nothing is kept (a memo that only counts). */
  set?(text: string, data: unknown): void;
}

/** Whether JSON holds `data` exactly (not -0, NaN, Infinity, nor an alias that refers to itself). */
function jsonHoldsExactly(data: unknown): boolean {
  try {
    return isDeepStrictEqual(JSON.parse(JSON.stringify(data)), data);
  } catch {
    return false;
  }
}

type ParsedYaml = { ok: true; data: unknown; lineOf: (path: readonly PropertyKey[]) => number } | { ok: false; problems: YamlProblem[] };

/** Parses YAML text whose first line is line `firstLine` of its file; through `memo` when given. */
export function parseYaml(text: string, firstLine = 1, memo?: YamlMemo): ParsedYaml {
  if (!memo) return parseYamlText(text, firstLine);
  const known = memo.get(text);
  if (known !== undefined) {
    // Lines are looked up for problems only, so the text is parsed again only for a file that has one.
    let full: ParsedYaml | undefined;
    const lineOf = (path: readonly PropertyKey[]) => {
      full ??= parseYamlText(text, firstLine);
      return full.ok ? full.lineOf(path) : firstLine;
    };
    return { ok: true, data: known, lineOf };
  }
  const parsed = parseYamlText(text, firstLine);
  if (parsed.ok && memo.set && jsonHoldsExactly(parsed.data)) memo.set(text, parsed.data);
  return parsed;
}

/** The yaml library's error codes as an editor reads them; an unlisted one keeps its text after a Chinese lead. */
const YAML_REASONS: Record<string, string> = {
  DUPLICATE_KEY: '同一字段写了两次',
  TAB_AS_INDENT: '用了 Tab 缩进（只能用空格缩进）',
  BAD_INDENT: '缩进不齐，或方括号 [ ] 没有闭合',
  MULTILINE_IMPLICIT_KEY: '冒号后少了空格，或上一行没有写完',
  BLOCK_AS_IMPLICIT_KEY: '一行里有两个冒号，或这一行的缩进与上下行不齐',
  MISSING_CHAR: '引号或括号没有闭合，或字段名后少了冒号',
  BAD_SCALAR_START: '值以 @ 或 ` 等保留字符开头（请给值加上引号）',
  UNEXPECTED_TOKEN: '列表和“字段: 值”混在一起，或有多余的符号',
};

function yamlReasonZh(code: string, message: string): string {
  return YAML_REASONS[code] ?? `无法识别的写法（解析器原文：${message.split('\n')[0]}）`;
}

function parseYamlText(text: string, firstLine: number): ParsedYaml {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length) {
    return {
      ok: false,
      problems: doc.errors.map((e) => ({
        line: counter.linePos(Math.max(0, Math.min(e.pos[0], text.length - 1))).line + firstLine - 1,
        message: `YAML 写法有误：${yamlReasonZh(e.code, e.message)}（应为“字段: 值”，列表每项以“- ”开头）`,
      })),
    };
  }
  const lineOf = (path: readonly PropertyKey[]): number => {
    let node: unknown = doc.contents;
    let line = firstLine;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === key);
        if (!pair) break;
        const range = (pair.key as Node).range;
        if (range) line = counter.linePos(range[0]).line + firstLine - 1;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item?.range) break;
        line = counter.linePos(item.range[0]).line + firstLine - 1;
        node = item;
      } else break;
    }
    return line;
  };
  return { ok: true, data: doc.toJS() ?? {}, lineOf };
}

/** Splits `---` frontmatter from the body of decoded text (LF line endings); its YAML through `memo` when given. */
export function parseFrontmatter(text: string, memo?: YamlMemo): ParsedFrontmatter {
  const open = /^---[ \t]*\n/.exec(text);
  const language = /^---[ \t]*(\S+)/.exec(text)?.[1];
  // Other YAML readers (gray-matter) would run ---js as code: say plainly that only YAML goes there.
  if (!open && language) return { ok: false, problems: [{ line: 1, message: `frontmatter 只能写 YAML（这里是 ---${language}；第一行只写 ---）` }] };
  if (!open) return { ok: false, problems: [{ line: 1, message: '文件开头没有 frontmatter（应以一行 --- 开始，写完字段后再以一行 --- 结束）' }] };
  const close = /^---[ \t]*$/m;
  const rest = text.slice(open[0].length);
  const end = close.exec(rest);
  if (!end) return { ok: false, problems: [{ line: 1, message: 'frontmatter 没有结束（应在字段之后另起一行写 ---）' }] };
  const yamlText = rest.slice(0, end.index);
  // A Chinese keyboard types “：”; YAML then reads the line as text, not a field. Say so plainly.
  const fullWidth = yamlText.split('\n').flatMap((l, i) => (/^\s*[A-Za-z][\w-]*\s*：/.test(l) ? [i + 2] : []));
  if (fullWidth.length) {
    return { ok: false, problems: fullWidth.map((line) => ({ line, message: '字段名后的冒号应为半角“:”（现在是全角“：”），并在冒号后加一个空格' })) };
  }
  const parsed = parseYaml(yamlText, 2, memo);
  if (!parsed.ok) return parsed;
  if (parsed.data === null || typeof parsed.data !== 'object' || Array.isArray(parsed.data)) {
    return { ok: false, problems: [{ line: 2, message: 'frontmatter 应是“字段: 值”的列表' }] };
  }
  const afterClose = open[0].length + end.index + end[0].length;
  const body = text.slice(afterClose).replace(/^\n/, '');
  const bodyLine = text.slice(0, text.length - body.length).split('\n').length;
  return { ok: true, value: { data: parsed.data as Record<string, unknown>, body, bodyLine, lineOf: parsed.lineOf } };
}
