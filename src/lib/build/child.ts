/** Runs the Astro build processes of shards and keeps their logs short. */
import { spawn, type ChildProcess, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** Lines of an Astro log that say nothing when things go well (per-page progress, timings, our own shard set-up). */
const NOISE = [
  /No files found matching "[^"]*\.jianbao-no-bodies/,
  // The index shard compiles no bodies, so its body collections are empty by design.
  /The collection "(issues|articles)" does not exist or is empty/,
];

/** The warning and error lines of an Astro build log, without the noise. */
export function problemLines(output: string): string[] {
  return output
    .split('\n')
    .filter((l) => /\[(WARN|ERROR)\]|^\s*(error|Error)\b/.test(l))
    .filter((l) => !NOISE.some((re) => re.test(l)));
}

export interface ChildResult {
  code: number;
  output: string;
}

/** Processes still running, so an interrupted build can stop them. */
export const running = new Set<ChildProcess>();

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'astro-worker.ts');

/**
 * An `astro build` process (astro-worker.ts), started ahead of its job so it
 * loads Astro while the build checks and plans; `build` gives it the job.
 * Its output is collected from the start.
 */
export class AstroProcess {
  private readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  private readonly done: Promise<ChildResult>;
  private output = '';
  private pending = '';
  private echo?: (line: string) => void;
  private started = false;

  constructor(projectRoot: string, env: NodeJS.ProcessEnv) {
    const child = spawn(process.execPath, [WORKER, projectRoot], { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    running.add(child);
    const take = (d: Buffer) => {
      const s = d.toString();
      this.output += s;
      this.pending += s;
      this.flushLines();
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    // A process that died before its job is reported by `done`; writing to it must not throw.
    child.stdin.on('error', () => undefined);
    this.done = new Promise((resolve) => {
      child.on('error', (e) => {
        this.output += `\n${e.message}`;
      });
      child.on('close', (code, signal) => {
        running.delete(child);
        if (this.pending && this.echo) this.echo(this.pending);
        resolve({ code: code ?? (signal ? 130 : 1), output: this.output });
      });
    });
  }

  /** Builds the project copy `root` with the environment `env`; resolves when the process ends. */
  build(root: string, env: NodeJS.ProcessEnv, echo?: (line: string) => void): Promise<ChildResult> {
    if (this.started) throw new Error('AstroProcess: one build per process');
    this.started = true;
    this.echo = echo;
    this.flushLines();
    this.child.stdin.end(JSON.stringify({ root, env }));
    return this.done;
  }

  /** Hands the whole lines of output so far to `echo`, once there is one (until then they wait). */
  private flushLines(): void {
    if (!this.echo) return;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    for (const l of lines) this.echo(l);
  }

  /** Ends a process that was given no job. */
  dismiss(): Promise<ChildResult> {
    if (!this.started) {
      this.started = true;
      this.child.stdin.end();
    }
    return this.done;
  }
}

/** Stops every child still running (on Ctrl-C or when another shard failed). */
export function stopChildren(): void {
  for (const c of running) c.kill('SIGTERM');
}
