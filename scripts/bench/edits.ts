/**
 * The two everyday changes the incremental build is measured on: publishing
 * one new issue (after the newest of a series) and correcting one article of
 * an old year.
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { frontmatter } from '../../src/lib/editor/issue-files.ts';
import { articleOrderPrefix, issueFolderName } from '../../src/lib/content/layout.ts';

const dirs = (d: string) => readdirSync(d, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

/** Adds issue N+1 with `articles` articles after the newest issue of `series`; returns its folder. */
export function publishNextIssue(contentDir: string, series: string, articles = 6): string {
  const seriesDir = path.join(contentDir, 'issues', series);
  const year = dirs(seriesDir).at(-1)!;
  const last = dirs(path.join(seriesDir, year)).at(-1)!;
  const lastIndex = readFileSync(path.join(seriesDir, year, last, 'index.mdx'), 'utf8');
  const number = Number(/^number: (\d+)$/m.exec(lastIndex)![1]) + 1;
  const total = /^total: (\d+)$/m.exec(lastIndex);
  const lastDate = /^date: "?(\d{4}-\d{2}-\d{2})"?$/m.exec(lastIndex)![1];
  const next = new Date(`${lastDate}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const date = next.toISOString().slice(0, 4) === year ? next.toISOString().slice(0, 10) : lastDate;
  const dir = path.join(seriesDir, year, issueFolderName(number));
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'index.mdx'),
    frontmatter({ number, total: total ? Number(total[1]) + 1 : undefined, date, reportTo: ['市委常委'], sendTo: ['市直各部门'], copies: 200 }),
  );
  for (let a = 1; a <= articles; a++) {
    writeFileSync(
      path.join(dir, `${articleOrderPrefix(a)}-new-${a}.mdx`),
      frontmatter({ title: `新一期第${a}篇：基准测试发布的文章`, unit: '市文明办' }, `新一期第${a}篇正文。各责任单位扎实开展志愿服务活动，取得明显成效。\n\n第二段文字，说明工作的进展。`),
    );
  }
  return dir;
}

/** Appends a paragraph to the first article of the oldest year of `series`; returns the file. */
export function editOldArticle(contentDir: string, series: string): string {
  const seriesDir = path.join(contentDir, 'issues', series);
  const year = dirs(seriesDir)[0];
  const issue = dirs(path.join(seriesDir, year))[0];
  const file = readdirSync(path.join(seriesDir, year, issue)).sort().find((f) => /\.mdx?$/.test(f) && !f.startsWith('index.'))!;
  const target = path.join(seriesDir, year, issue, file);
  writeFileSync(target, `${readFileSync(target, 'utf8')}\n更正：补充一段说明文字。\n`);
  return target;
}
