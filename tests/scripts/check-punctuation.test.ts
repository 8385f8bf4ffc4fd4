import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/build.ts';
import { runScript } from '../helpers/run.ts';

describe('npm run check: half-width punctuation', () => {
  it('warns with file and line, and --fix rewrites the marks to full width', async () => {
    const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-punct-check-')), 'content');
    cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), root, { recursive: true });
    const article = path.join(root, 'issues/alpha/2024/001/02-ban-jiao.mdx');
    writeFileSync(article, '---\ntitle: 半角标点\n---\n\n加大治理力度,进一步加快推动(试点)工作。\n');

    const warned = await runScript('check.ts', ['--content', root]);
    expect(warned.code).toBe(0);
    expect(warned.stderr).toMatch(/02-ban-jiao\.mdx:5: 警告：汉字旁有 3 个半角标点 “,”“\(”“\)”（应为全角 “，”“（”“）”；npm run check -- --fix 可自动改正）/);

    const fixed = await runScript('check.ts', ['--content', root, '--fix']);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(/已改正 1 个文件中的 3 个半角标点/);
    expect(fixed.stderr).not.toMatch(/半角标点/);
    expect(readFileSync(article, 'utf8')).toBe('---\ntitle: 半角标点\n---\n\n加大治理力度，进一步加快推动（试点）工作。\n');
  });
});
