/**
 * The build reads content through the same reader as `npm run check`: files
 * saved on Windows build to the same pages, legacy encodings and code in
 * article text stop the build with file and line, and nothing is written.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { buildSite, PROJECT_ROOT } from '../helpers/build.ts';
import { readPage } from '../helpers/dist.ts';

const fixture = path.join(PROJECT_ROOT, 'tests/fixtures/archive');
const ARTICLE = 'issues/alpha/2023/001/01-zhi-shou.mdx';

function copyWith(changes: Record<string, string | Uint8Array>): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-integrity-')), 'content');
  cpSync(fixture, root, { recursive: true });
  for (const [file, data] of Object.entries(changes)) writeFileSync(path.join(root, file), data);
  return root;
}

/** `astro build` straight (no `npm run check` first): the build itself must refuse. */
function failingBuild(root: string): Promise<{ code: number; output: string; outDir: string }> {
  const outDir = path.join(path.dirname(root), 'dist');
  return new Promise((resolve) =>
    execFile(
      path.join(PROJECT_ROOT, 'node_modules/.bin/astro'),
      ['build'],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, JIANBAO_CONTENT: root, JIANBAO_OUT_DIR: outDir, JIANBAO_CACHE_DIR: path.join(path.dirname(root), 'cache'), JIANBAO_PDF: '0', ASTRO_TELEMETRY_DISABLED: '1' },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => resolve({ code: error ? 1 : 0, output: stdout + stderr, outDir }),
    ),
  );
}

describe('content saved on Windows', () => {
  it('builds CRLF + BOM files to exactly the pages of the same text with LF', async () => {
    const original = readFileSync(path.join(fixture, ARTICLE), 'utf8');
    const root = copyWith({ [ARTICLE]: `\uFEFF${original.replace(/\n/g, '\r\n')}` });
    const { outDir } = await buildSite(root, { JIANBAO_PDF: '0' });
    const lf = readPage(inject('fixtureDist'), '/alpha/2023/1/zhi-shou/').querySelector('main')!.innerHTML;
    const crlf = readPage(outDir, '/alpha/2023/1/zhi-shou/').querySelector('main')!.innerHTML;
    expect(crlf).toBe(lf);
  });
});

describe('the build refuses what check refuses, naming file and line, writing nothing', () => {
  it('refuses a GBK-encoded article instead of publishing it garbled', async () => {
    const gbk = Uint8Array.from([...Buffer.from('---\ntitle: '), 0xd4, 0xaa, 0xb5, 0xa9, ...Buffer.from('\n---\n\n'), 0xd5, 0xfd, 0xce, 0xc4, 0x0a]);
    const r = await failingBuild(copyWith({ [ARTICLE]: gbk }));
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/01-zhi-shou\.mdx:2: 文件不是 UTF-8 编码（看起来是 GBK\/GB18030/);
    expect(existsSync(r.outDir)).toBe(false);
  });

  it('refuses raw HTML and script links in an article even when check is skipped', async () => {
    const r = await failingBuild(
      copyWith({ [ARTICLE]: '---\ntitle: 标题\n---\n\n第一段。\n\n<script>alert(1)</script>\n\n[点此](javascript:alert(2))\n' }),
    );
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/01-zhi-shou\.mdx:7: 不允许使用 <script> 元素/);
    expect(r.output).toMatch(/01-zhi-shou\.mdx:9: 不允许的链接地址「javascript:alert\(2\)」/);
    expect(existsSync(r.outDir)).toBe(false);
  });
});
