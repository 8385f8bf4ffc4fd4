/**
 * A build replaces its output only when everything succeeded: a failed step
 * (here the PDFs, after all pages were built) or Ctrl-C leaves the previous
 * output exactly as it was, with nothing left behind.
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { shardRootPrefix } from '../../../src/lib/build/run.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';
import { allFiles } from '../../helpers/dist.ts';
import { runScript } from '../../helpers/run.ts';

let work: string;
let content: string;
let dist: string;
let env: Record<string, string>;

/** Every file of a folder with its bytes, to compare before and after. */
function snapshot(dir: string): Map<string, string> {
  return new Map(allFiles(dir).map((f) => [f, readFileSync(path.join(dir, f)).toString('base64')]));
}

function leftovers(): string[] {
  const besideDist = readdirSync(work).filter((f) => f.startsWith('dist.'));
  // This test's builds' project copies (builds of other tests run at the same time, with other caches).
  const prefix = shardRootPrefix(path.join(work, 'cache/jianbao-build'));
  const shardRoots = existsSync(path.join(PROJECT_ROOT, '.astro')) ? readdirSync(path.join(PROJECT_ROOT, '.astro')).filter((f) => f.startsWith(prefix)) : [];
  const lock = existsSync(path.join(work, 'cache/jianbao-build/build.lock')) ? ['build.lock'] : [];
  return [...besideDist, ...lock, ...shardRoots];
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-atomic-'));
  content = path.join(work, 'content');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), content, { recursive: true });
  dist = path.join(work, 'dist');
  env = { JIANBAO_CONTENT: content, JIANBAO_OUT_DIR: dist, JIANBAO_CACHE_DIR: path.join(work, 'cache'), CHROMIUM_PATH: '/nonexistent/chromium' };
  const first = await runScript('build.ts', [], env);
  expect(first.code, first.stderr).toBe(0);
}, 900_000);

describe('a build that does not finish', () => {
  it('leaves the previous output as it was when Ctrl-C stops it while shards build', async () => {
    const before = snapshot(dist);
    const file = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
    writeFileSync(file, `${readFileSync(file, 'utf8')}\n中断测试补充的文字。\n`);
    const child = spawn(path.join(PROJECT_ROOT, 'node_modules/.bin/node'), [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    // Interrupt once shards are building (their Astro processes are running).
    while (!/构建 \d+ 个分片/.test(output)) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 1500));
    child.kill('SIGINT');
    const code = await exited;
    expect(code).not.toBe(0);
    expect(output).toContain('构建被中断');
    expect(snapshot(dist)).toEqual(before);
    expect(leftovers()).toEqual([]);
  }, 900_000);

  /** The pid of Pagefind's service among the children of `pid`, if it runs. */
  function pagefindService(pid: number): number | undefined {
    try {
      const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      return children.map(Number).find((c) => /pagefind/.test(readFileSync(`/proc/${c}/comm`, 'utf8')));
    } catch {
      return undefined; // it or the child just ended
    }
  }

  /**
   * Starts a build in a process group of its own and returns once Pagefind's
   * service (its child) runs. The service runs for a second or less here: a
   * build that ends before it is seen is started again, after another edit.
   */
  async function buildUntilPagefindRuns(mark: string) {
    for (let attempt = 1; ; attempt++) {
      // The output this build must leave as it was (a build that ran through changed it).
      const before = snapshot(dist);
      const file = path.join(content, 'issues/alpha/2023/001/02-wang-ge.mdx');
      writeFileSync(file, `${readFileSync(file, 'utf8')}\n${mark}（第 ${attempt} 次）\n`);
      const child = spawn(path.join(PROJECT_ROOT, 'node_modules/.bin/node'), [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
        cwd: PROJECT_ROOT,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      });
      let ended = false;
      const run = { child, before, output: '', exited: new Promise<number | null>((r) => child.on('close', (code) => r(code))), service: 0 };
      // Its output is all read once it has closed, not yet when it has exited.
      child.on('exit', () => (ended = true));
      child.stdout.on('data', (d) => (run.output += d));
      child.stderr.on('data', (d) => (run.output += d));
      while (!ended) {
        const service = pagefindService(child.pid!);
        if (service) return Object.assign(run, { service });
        await new Promise((r) => setTimeout(r, 5));
      }
      expect(await run.exited, run.output).toBe(0);
      if (attempt === 8) throw new Error('Pagefind 的服务进程一直没被看到');
    }
  }

  it('stops cleanly when Ctrl-C also ends the search index\'s Pagefind service (a terminal signals the whole group)', async () => {
    const run = await buildUntilPagefindRuns('再次中断测试补充的文字。');
    process.kill(-run.child.pid!, 'SIGINT');
    const code = await run.exited;
    // Not 13 (“unsettled top-level await”: waiting for good on the dead service, skipping the cleanup).
    expect(code, run.output).toBe(1);
    expect(run.output).toContain('构建被中断');
    expect(snapshot(dist)).toEqual(run.before);
    expect(leftovers()).toEqual([]);
    expect(readdirSync(path.join(work, 'cache/jianbao-build')).filter((f) => f.startsWith('run-'))).toEqual([]);
  }, 900_000);

  it('stops cleanly, saying so, when Pagefind\'s service is killed on its own (the OOM killer)', async () => {
    const run = await buildUntilPagefindRuns('服务被杀测试补充的文字。');
    process.kill(run.service, 'SIGKILL');
    const code = await run.exited;
    expect(code, run.output).toBe(1);
    // Waiting on it: the build sees nothing can settle any more; writing to it: Pagefind's wrapper fails the call.
    expect(run.output).toMatch(/意外退出|Pagefind backend closed/);
    expect(snapshot(dist)).toEqual(run.before);
    expect(leftovers()).toEqual([]);
    expect(readdirSync(path.join(work, 'cache/jianbao-build')).filter((f) => f.startsWith('run-'))).toEqual([]);
  }, 900_000);

  it('leaves the previous output as it was when the PDF step fails after all pages were built', async () => {
    const before = snapshot(dist);
    // A "Chromium" that exits at once: the pages (which link PDFs) build, the PDFs cannot.
    const r = await runScript('build.ts', [], { ...env, CHROMIUM_PATH: '/bin/false' });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('PDF 生成失败');
    expect(snapshot(dist)).toEqual(before);
    expect(allFiles(dist).some((f) => f.endsWith('.pdf'))).toBe(false);
    expect(leftovers()).toEqual([]);
  }, 900_000);
});
