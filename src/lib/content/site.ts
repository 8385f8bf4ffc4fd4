/**
 * Reads content/site.yaml, the site-wide settings (name, footer records).
 * The file is optional: without it every field takes its default.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';
import { ContentError, type ContentProblem } from './errors.ts';
import { siteSchema, type SiteData } from './schema.ts';

/** File name of the site settings inside the content root. */
export const SITE_FILE = 'site.yaml';

/** Validated site settings from `root/site.yaml`; throws ContentError with file:line problems. */
export function loadSite(root: string): SiteData {
  const file = path.join(root, SITE_FILE);
  if (!existsSync(file)) return {};
  const raw = readFileSync(file, 'utf8');
  const shown = path.relative(process.cwd(), file) || file;
  const problems: ContentProblem[] = [];
  const doc = parseDocument(raw);
  for (const e of doc.errors) {
    problems.push({ file: shown, line: e.linePos?.[0].line ?? 1, message: `YAML 格式有误：${e.message.split('\n')[0]}`, severity: 'error' });
  }
  if (problems.length) throw new ContentError(problems);
  const data = doc.toJS() ?? {};
  const result = siteSchema.safeParse(data);
  if (result.success) return result.data;
  const lines = raw.split('\n');
  for (const issue of result.error.issues) {
    const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0] ?? '');
    const i = key ? lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l)) : -1;
    const message = issue.code === 'unrecognized_keys'
      ? `未知字段 ${issue.keys.join('、')}（expected name, description, defaultSeries, host, contact, icp, police, siteCode）`
      : `取值无效（${issue.message}）`;
    problems.push({ file: shown, line: i >= 0 ? i + 1 : 1, field: issue.code === 'unrecognized_keys' ? undefined : key || undefined, message, severity: 'error' });
  }
  throw new ContentError(problems);
}
