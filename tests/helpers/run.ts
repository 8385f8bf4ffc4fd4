/** Runs one of the project's scripts as a real process, on the project's Node. */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { PROJECT_ROOT } from './build.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: string[], env: Record<string, string> = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      path.join(PROJECT_ROOT, 'node_modules/.bin/node'),
      [path.join(PROJECT_ROOT, 'scripts', script), ...args],
      { cwd: PROJECT_ROOT, env: { ...process.env, ...env }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}
