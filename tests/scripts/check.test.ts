import { cpSync, existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { runScript } from '../helpers/run.ts';

const fixture = path.join(PROJECT_ROOT, 'tests/fixtures/archive');

/** A copy of the fixture archive with some files changed. */
function brokenTree(changes: Record<string, string | ((old: string) => string)>): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-check-')), 'content');
  cpSync(fixture, root, { recursive: true });
  for (const [file, change] of Object.entries(changes)) {
    const target = path.join(root, file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, typeof change === 'string' ? change : change(readFileSync(target, 'utf8')));
  }
  return root;
}

describe('npm run check', () => {
  it('passes the real content and the fixture archive', async () => {
    expect((await runScript('check.ts', [])).code).toBe(0);
    const r = await runScript('check.ts', ['--content', fixture]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 个错误/);
  });

  it('reports every problem in one run, one line each, naming file, line, field and expectation', async () => {
    const root = brokenTree({
      'issues/alpha/2023/001/index.mdx': (s) => s.replace('number: 1', 'number: 7'),
      'issues/alpha/2023/002/index.mdx': (s) => s.replace('date: 2023-02-14', 'date: 2023-13-40'),
      'issues/alpha/2023/002/01-chun-geng.mdx': (s) => s.replace('title: 春耕备耕工作全面展开', 'titel: 春耕'),
      'issues/alpha/2024/001/01-xin-nian.mdx': '---\ntitle: 空文章\n---\n',
      'issues/alpha/2024/001/02-bad-mdx.mdx': '---\ntitle: 坏的\n---\n\n第一段。\n\n正文里有 {未闭合 的花括号。\n',
      'issues/alpha/2024/001/01-clash.mdx': '---\ntitle: 序号冲突\n---\n\n正文。\n',
      'issues/beta/2024/001/index.mdx': '---\nnumber: 1\ndate: [2024\n---\n',
      'issues/gamma/2024/001/index.mdx': '---\nnumber: 1\ndate: 2024-01-01\n---\n',
      'issues/gamma/2024/001/01-x.mdx': '---\ntitle: 无系列\n---\n\n正文。\n',
      'issues/alpha/2023/stray.mdx': '---\ntitle: 放错地方\n---\n\n正文。\n',
    });
    const r = await runScript('check.ts', ['--content', root]);
    expect(r.code).toBe(1);
    const lines = r.stderr.trim().split('\n');
    const expectLine = (re: RegExp) => expect(lines.some((l) => re.test(l)), `${re}\n${r.stderr}`).toBe(true);
    expectLine(/issues\/alpha\/2023\/001\/index\.mdx:2: number: 是 7，但文件夹是第 1 期（两者应一致）/);
    expectLine(/issues\/alpha\/2023\/002\/index\.mdx:4: date: 应为真实存在的日期，写作 YYYY-MM-DD/);
    expectLine(/issues\/alpha\/2023\/002\/01-chun-geng\.mdx:\d+: .*title/);
    expectLine(/issues\/alpha\/2024\/001\/01-xin-nian\.mdx:\d+: 文章正文为空/);
    expectLine(/issues\/alpha\/2024\/001\/02-bad-mdx\.mdx:7: MDX 无法解析/);
    expectLine(/issues\/alpha\/2024\/001\/01-(clash|xin-nian)\.mdx:1: 序号 1 已被 .* 使用/);
    expectLine(/issues\/beta\/2024\/001\/index\.mdx:\d+: YAML 写法有误/);
    expectLine(/issues\/gamma\/2024\/001\/index\.mdx:1: 未知的简报系列“gamma”（应有文件 series\/gamma\.yaml）/);
    expectLine(/issues\/alpha\/2023\/stray\.mdx: 文件位置不对/);
    expect(lines.at(-1)).toMatch(/个错误/);
  });

  it('flags dates out of order as errors and gaps in numbering as warnings only', async () => {
    const root = brokenTree({
      'issues/alpha/2023/005/index.mdx': '---\nnumber: 5\ndate: 2023-01-02\n---\n',
      'issues/alpha/2023/005/01-x.mdx': '---\ntitle: 第五期\n---\n\n正文。\n',
    });
    const r = await runScript('check.ts', ['--content', root]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/2023\/005\/index\.mdx:3: date: 2023-01-02 早于第 2 期的日期 2023-02-14/);
    expect(r.stderr).toMatch(/2023\/005\/index\.mdx:2: 警告：number: 期号不连续：2023 年从第 2 期跳到第 5 期（应为第 3 期）/);

    const gapOnly = brokenTree({
      'issues/alpha/2023/005/index.mdx': '---\nnumber: 5\ndate: 2023-06-02\n---\n',
      'issues/alpha/2023/005/01-x.mdx': '---\ntitle: 第五期\n---\n\n正文。\n',
    });
    const w = await runScript('check.ts', ['--content', gapOnly]);
    expect(w.code).toBe(0);
    expect(w.stderr).toMatch(/警告：number: 期号不连续/);
  });

  it('keeps what it found in the bodies in the build cache folder, and reports the same from it', async () => {
    const root = brokenTree({ 'issues/alpha/2024/001/02-script.mdx': '---\ntitle: 脚本\n---\n\n<script>alert(1)</script>\n' });
    const env = { JIANBAO_CACHE_DIR: path.join(path.dirname(root), 'cache') };
    const first = await runScript('check.ts', ['--content', root], env);
    expect(existsSync(path.join(env.JIANBAO_CACHE_DIR, 'jianbao-build', 'check-cache.json'))).toBe(true);
    expect(first.code).toBe(1);
    expect(first.stderr).toMatch(/02-script\.mdx:5: 不允许使用 <script> 元素/);
    expect(await runScript('check.ts', ['--content', root], env)).toEqual(first);
  });

  it('stops npm run build with the same messages, leaving no output', async () => {
    const root = brokenTree({ 'issues/alpha/2023/001/index.mdx': (s) => s.replace('number: 1', 'number: 7') });
    const out = path.join(path.dirname(root), 'dist');
    const r = await new Promise<{ code: number; stderr: string }>((resolve) => {
      import('node:child_process').then(({ execFile }) =>
        execFile('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT, env: { ...process.env, JIANBAO_CONTENT: root, JIANBAO_OUT_DIR: out } }, (e, _o, stderr) =>
          resolve({ code: e ? 1 : 0, stderr }),
        ),
      );
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/index\.mdx:2: number: 是 7，但文件夹是第 1 期/);
    expect(existsSync(out)).toBe(false);
  });
});
