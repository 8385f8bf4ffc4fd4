/**
 * One build at a time per project: a lock file holding the builder's pid.
 * A second build (say an intranet one started while the public one runs)
 * refuses with a clear message, or waits with `wait`; a lock whose process
 * has gone (killed, crashed machine) is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface LockHolder {
  pid: number;
  started: string;
  what: string;
}

export class BuildLockedError extends Error {
  readonly file: string;
  readonly holder: LockHolder;
  constructor(file: string, holder: LockHolder) {
    super(`另一个构建正在进行（进程 ${holder.pid}，${holder.started} 开始：${holder.what}）。请等它结束后再构建，或加 --wait 排队等待。锁文件：${file}`);
    this.file = file;
    this.holder = holder;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function tryTake(file: string, what: string): LockHolder | undefined {
  const me: LockHolder = { pid: process.pid, started: new Date().toISOString(), what };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      writeFileSync(file, JSON.stringify(me), { flag: 'wx' });
      return undefined;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    let holder: LockHolder | undefined;
    try {
      holder = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      // Half-written by a builder that is starting right now, or garbage: look again shortly.
    }
    if (holder && alive(holder.pid) && holder.pid !== process.pid) return holder;
    if (holder) rmSync(file, { force: true });
  }
  return { pid: 0, started: '?', what: '锁文件无法读取' };
}

/** Takes the lock at `file`; returns its release function. Throws BuildLockedError unless `wait`. */
export async function acquireLock(file: string, what: string, options: { wait?: boolean; onWait?: (holder: LockHolder) => void } = {}): Promise<() => void> {
  mkdirSync(path.dirname(file), { recursive: true });
  let told = false;
  for (;;) {
    const holder = tryTake(file, what);
    if (!holder) break;
    if (!options.wait) throw new BuildLockedError(file, holder);
    if (!told) options.onWait?.(holder);
    told = true;
    await sleep(500);
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    try {
      const holder: LockHolder = JSON.parse(readFileSync(file, 'utf8'));
      if (holder.pid === process.pid) rmSync(file, { force: true });
    } catch {
      // Already gone.
    }
  };
  process.once('exit', release);
  return release;
}
