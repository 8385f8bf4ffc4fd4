/** `npm run check` reports code and raw HTML in bodies as path:LINE: (README, Authoring). */
import { cpSync, existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { runScript } from '../helpers/run.ts';
import { ATTACKS } from '../helpers/unsafe-bodies.ts';

const FRONTMATTER = '---\ntitle: 混入代码的文章\nunit: 测试单位\n---\n';

/**
 * The fixture archive plus one article per format holding every attack that
 * parses, each in its own block; returns the tree and, per attack, the file
 * and the file line its violation must be reported on.
 */
function attackTree() {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-check-safety-')), 'content');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), root, { recursive: true });
  const expected: { what: string; file: string; line: number; message: RegExp }[] = [];
  for (const format of ['mdx', 'md'] as const) {
    const file = `issues/alpha/2024/001/${format === 'mdx' ? '08' : '09'}-attacks-${format}.${format}`;
    let text = FRONTMATTER;
    for (const [what, body, f, line, message] of ATTACKS) {
      if (f !== format || message.source.includes('无法解析')) continue;
      text += '\n';
      expected.push({ what, file, line: text.split('\n').length - 1 + line, message });
      text += `${body}\n`;
    }
    writeFileSync(path.join(root, file), text);
  }
  return { root, expected };
}

describe('npm run check on article bodies', () => {
  it('reports every attack as path:LINE: with what was found', async () => {
    const { root, expected } = attackTree();
    const r = await runScript('check.ts', ['--content', root]);
    expect(r.code).toBe(1);
    const lines = r.stderr.split('\n');
    for (const { what, file, line, message } of expected) {
      const hit = lines.find((l) => l.includes(`${file}:${line}: `) && message.test(l));
      expect(hit, `${what}: ${file}:${line} ${message}\n${r.stderr}`).toBeDefined();
    }
    expect(expected.length).toBeGreaterThan(40);
  });

  it('reports the malicious fixture article line by line', async () => {
    const r = await runScript('check.ts', ['--content', path.join(PROJECT_ROOT, 'tests/fixtures/unsafe/mdx')]);
    expect(r.code).toBe(1);
    const file = 'tests/fixtures/unsafe/mdx/issues/gamma/2024/001/01-e-yi.mdx';
    expect(r.stderr).toMatch(new RegExp(`${file}:5: 不允许使用 import 语句`));
    expect(r.stderr).toMatch(new RegExp(`${file}:11: 不允许使用 \\{…\\} 表达式「\\{process\\.env\\.JIANBAO_SAFETY_CANARY\\}」`));
    expect(r.stderr).toMatch(/6 个错误/);
  });

  it('passes the allowed forms', async () => {
    const r = await runScript('check.ts', ['--content', path.join(PROJECT_ROOT, 'tests/fixtures/safe-markup')]);
    expect(r.stdout).toMatch(/[，\s]0 个错误/);
    expect(r.code).toBe(0);
  });

  it('never runs a ---js frontmatter (gray-matter would eval it): check and new refuse it', async () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-check-js-')), 'content');
    cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), root, { recursive: true });
    const ran = path.join(path.dirname(root), 'frontmatter-code-ran');
    const code = (lang: string, field: string) =>
      `---${lang}\n{ ${field}: require('node:fs').writeFileSync(${JSON.stringify(ran)}, '${lang}') || 1 }\n---\n\n正文。\n`;
    writeFileSync(path.join(root, 'issues/beta/2024/001/02-js.mdx'), code('js', 'title'));
    writeFileSync(path.join(root, 'issues/beta/2024/001/03-javascript.mdx'), code('JavaScript', 'title'));
    const r = await runScript('check.ts', ['--content', root]);
    expect(existsSync(ran), 'check ran the frontmatter').toBe(false);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/02-js\.mdx:1: .*frontmatter 只能写 YAML/);
    expect(r.stderr).toMatch(/03-javascript\.mdx:1: .*frontmatter 只能写 YAML/);

    // npm run new reads the previous issue's index.mdx to continue its numbering.
    writeFileSync(path.join(root, 'issues/beta/2024/001/index.mdx'), code('js', 'number'));
    await runScript('new.ts', ['--content', root, '--series', 'beta', '--date', '2024-06-01']);
    expect(existsSync(ran), 'new ran the frontmatter').toBe(false);
  });
});
