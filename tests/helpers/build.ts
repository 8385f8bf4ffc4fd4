/** Runs real builds of a content tree into temporary folders. */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '../..');
const NODE = path.join(PROJECT_ROOT, 'node_modules/.bin/node');

export interface BuildResult {
  outDir: string;
  stdout: string;
  stderr: string;
}

/**
 * The environment without what Vitest adds to it for Vite (BASE_URL, MODE, DEV,
 * PROD, SSR): inherited by a build, BASE_URL=/ overrode the site's BASE_PATH.
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const { BASE_URL: _base, MODE: _mode, DEV: _dev, PROD: _prod, SSR: _ssr, ...rest } = process.env;
  return rest;
}

function envFor(contentDir: string, work: string, env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...cleanEnv(),
    JIANBAO_CONTENT: contentDir,
    JIANBAO_OUT_DIR: path.join(work, 'dist'),
    JIANBAO_CACHE_DIR: path.join(work, 'cache'),
    ASTRO_TELEMETRY_DISABLED: '1',
    ...env,
  };
}

/** `npm run build` (scripts/build.ts: checked, sharded, cached, swapped in) of a content tree. */
export async function buildSite(contentDir: string, env: Record<string, string> = {}, args: string[] = []): Promise<BuildResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'jianbao-build-'));
  const { stdout, stderr } = await run(NODE, [path.join(PROJECT_ROOT, 'scripts/build.ts'), ...args], {
    cwd: PROJECT_ROOT,
    env: envFor(contentDir, work, env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { outDir: path.join(work, 'dist'), stdout, stderr };
}

/** A plain one-process `astro build`, all pages at once: the reference a sharded build must equal. */
export async function buildSiteOneProcess(contentDir: string, env: Record<string, string> = {}): Promise<BuildResult> {
  const work = await mkdtemp(path.join(tmpdir(), 'jianbao-build-'));
  const { stdout, stderr } = await run(NODE, [path.join(PROJECT_ROOT, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: PROJECT_ROOT,
    env: envFor(contentDir, work, env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return { outDir: path.join(work, 'dist'), stdout, stderr };
}
