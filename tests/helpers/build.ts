/** Runs a real `astro build` of a content tree into a temporary folder. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');

export interface BuildResult {
  outDir: string;
  stdout: string;
  stderr: string;
}

export async function buildSite(contentDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'jianbao-build-'));
  const outDir = path.join(work, 'dist');
  const { stdout, stderr } = await run(path.join(PROJECT_ROOT, 'node_modules/.bin/astro'), ['build'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      JIANBAO_CONTENT: contentDir,
      JIANBAO_OUT_DIR: outDir,
      JIANBAO_CACHE_DIR: path.join(work, 'cache'),
      ASTRO_TELEMETRY_DISABLED: '1',
      ...env,
    },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { outDir, stdout, stderr };
}
