/** Runs one Astro build process of a shard and keeps its log short. */
import { spawn, type ChildProcess } from 'node:child_process';

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

/** Runs `command args`, collecting its output; with `echo`, each line goes there as it comes. */
export function runChild(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv; echo?: (line: string) => void }): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    let pending = '';
    const take = (d: Buffer) => {
      const s = d.toString();
      output += s;
      if (!options.echo) return;
      pending += s;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) options.echo(l);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', (e) => {
      output += `\n${e.message}`;
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (pending && options.echo) options.echo(pending);
      resolve({ code: code ?? (signal ? 130 : 1), output });
    });
  });
}

/** Stops every child still running (on Ctrl-C or when another shard failed). */
export function stopChildren(): void {
  for (const c of running) c.kill('SIGTERM');
}
