/**
 * Makes the screenshots of the editors' guide (content/编辑指南-*.png) from the
 * fixture archive: a real build for published pages, `astro dev` for the draft
 * preview. Run after changing how pages look: node scripts/guide-screens.ts
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../src/lib/print/chromium.ts';
import { freePort, serveDir } from '../src/lib/site/static-server.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法：node scripts/guide-screens.ts

用测试样例（tests/fixtures/archive）生成编辑指南的截图，写入 content/编辑指南-*.png。`;
parseCli(HELP, { options: {} });

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURE = path.join(ROOT, 'tests/fixtures/archive');
const OUT = path.join(ROOT, 'content');
const ASTRO = path.join(ROOT, 'node_modules/.bin/astro');

interface Shot {
  file: string;
  url: string;
  width: number;
  height: number;
  dark?: boolean;
}

async function shoot(browser: Browser, base: string, shot: Shot) {
  const page = await browser.newPage({ viewport: { width: shot.width, height: shot.height }, colorScheme: shot.dark ? 'dark' : 'light' });
  await page.goto(new URL(shot.url, base).href, { waitUntil: 'networkidle' });
  // The dev toolbar is not part of the site. Vite may reload the page once after optimising dependencies.
  for (let attempt = 0; ; attempt++) {
    try {
      await page.addStyleTag({ content: 'astro-dev-toolbar { display: none !important; }' });
      break;
    } catch (e) {
      if (attempt > 2) throw e;
      await page.waitForLoadState('networkidle');
    }
  }
  const file = path.join(OUT, shot.file);
  await page.screenshot({ path: file });
  await page.close();
  console.log(`${path.relative(ROOT, file)}：${Math.round((await stat(file)).size / 1024)} KB`);
}

const work = await mkdtemp(path.join(tmpdir(), 'jianbao-guide-'));
// The build renders real PDFs when Chromium is installed, so the pages show their 下载 PDF links.
const env = { ...process.env, JIANBAO_CONTENT: FIXTURE, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' };
let browser: Browser | undefined;
try {
  console.log('构建测试样例……');
  await promisify(execFile)(ASTRO, ['build'], { cwd: ROOT, env: { ...env, JIANBAO_OUT_DIR: path.join(work, 'dist'), JIANBAO_CACHE_DIR: path.join(work, 'cache') }, maxBuffer: 64 << 20 });
  const served = await serveDir(path.join(work, 'dist'));
  browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS, headless: true });
  for (const shot of [
    { file: '编辑指南-1-期刊页.png', url: '/alpha/2023/1/', width: 1000, height: 640 },
    { file: '编辑指南-2-往期简报-手机.png', url: '/archive/', width: 390, height: 640 },
    { file: '编辑指南-3-采用统计-手机.png', url: '/units/stats/', width: 390, height: 640, dark: true },
  ]) await shoot(browser, served.url, shot);
  await served.close();

  console.log('启动本地预览（npm run dev）……');
  const port = await freePort();
  const dev = spawn(ASTRO, ['dev', '--ignore-lock', '--host', '127.0.0.1', '--port', String(port)], { cwd: ROOT, env: { ...env, NODE_ENV: 'development' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  dev.stdout!.on('data', (d) => (log += d));
  dev.stderr!.on('data', (d) => (log += d));
  try {
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (Date.now() > deadline || dev.exitCode !== null) fail(`本地预览没有启动：\n${log}`);
      if (/Local/.test(log)) {
        const ok = await fetch(`${base}/`, { signal: AbortSignal.timeout(30_000) }).then((r) => r.ok, () => false);
        if (ok) break;
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    await shoot(browser, base, { file: '编辑指南-4-草稿预览-手机.png', url: '/alpha/2024/3/', width: 390, height: 640 });
  } finally {
    process.kill(-dev.pid!, 'SIGTERM');
  }
} finally {
  await browser?.close();
  await rm(work, { recursive: true, force: true });
}
