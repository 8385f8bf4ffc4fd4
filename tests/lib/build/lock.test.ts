/** The one-build-at-a-time lock: refuse, wait, and take over a lock whose builder is gone. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireLock, BuildLockedError } from '../../../src/lib/build/lock.ts';
import { runScript } from '../../helpers/run.ts';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) c.kill();
});

/** A live process that is not us, to stand for another builder. */
function otherBuilder(): ChildProcess {
  const c = spawn('sleep', ['60'], { stdio: 'ignore' });
  children.push(c);
  return c;
}

function lockFileHeldBy(pid: number): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'jianbao-lock-')), 'build.lock');
  writeFileSync(file, JSON.stringify({ pid, started: '2026-01-01T00:00:00.000Z', what: 'internal → dist' }));
  return file;
}

describe('the build lock', () => {
  it('refuses while another live process holds it, naming that process', async () => {
    const other = otherBuilder();
    const file = lockFileHeldBy(other.pid!);
    const error = await acquireLock(file, 'public → dist').catch((e) => e);
    expect(error).toBeInstanceOf(BuildLockedError);
    expect(error.message).toContain(`进程 ${other.pid}`);
    expect(error.message).toContain('--wait');
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(other.pid);
  });

  it('with wait, takes the lock once the other build has ended', async () => {
    const other = otherBuilder();
    const file = lockFileHeldBy(other.pid!);
    let waited = false;
    const taking = acquireLock(file, 'public → dist', { wait: true, onWait: () => (waited = true) });
    await new Promise((r) => setTimeout(r, 700));
    expect(waited).toBe(true);
    other.kill();
    const release = await taking;
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release();
    expect(existsSync(file)).toBe(false);
  });

  it('takes over a lock left by a builder that no longer runs', async () => {
    const gone = spawn('true');
    await new Promise((r) => gone.on('exit', r));
    const file = lockFileHeldBy(gone.pid!);
    const release = await acquireLock(file, 'public → dist');
    expect(JSON.parse(readFileSync(file, 'utf8')).pid).toBe(process.pid);
    release();
  });

  it('makes npm run build refuse with a clear message, before touching anything', async () => {
    const other = otherBuilder();
    const cache = mkdtempSync(path.join(tmpdir(), 'jianbao-lock-cache-'));
    const lock = path.join(cache, 'jianbao-build', 'build.lock');
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, JSON.stringify({ pid: other.pid, started: '2026-01-01T00:00:00.000Z', what: 'internal → dist' }));
    const out = path.join(cache, 'dist');
    const r = await runScript('build.ts', [], { JIANBAO_CACHE_DIR: cache, JIANBAO_OUT_DIR: out, JIANBAO_CONTENT: path.join(cache, 'no-content') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('另一个构建正在进行');
    expect(existsSync(out)).toBe(false);
  }, 300_000);
});
