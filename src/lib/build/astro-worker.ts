/**
 * An `astro build` process started before it knows what to build. It loads
 * Astro and the packages the config imports (≈ 1.5 s of every Astro
 * process's start-up) while the orchestrator checks the content and plans,
 * then reads its job — the project copy to build and the environment — as
 * JSON on stdin and runs Astro's own command line there, as `astro build` in
 * that folder would. Usage: node astro-worker.ts <project root>
 */
import module from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

// As Astro's own bin does (not in CI, where the cache is never read again).
if (!process.env.CI) {
  try {
    module.enableCompileCache?.();
  } catch {
    // No compile cache: slower, not wrong.
  }
}

const projectRoot = process.argv[2];
const astroDir = path.join(projectRoot, 'node_modules', 'astro');
const astroFile = (rel: string) => pathToFileURL(path.join(astroDir, rel)).href;

// The command line, the build and what astro.config.mjs imports: the same files the job's
// imports resolve to (a project copy links the project's node_modules), so they load once.
const cli = import(astroFile('dist/cli/index.js')) as Promise<{ cli: (argv: string[]) => Promise<void> }>;
const warm = Promise.all([
  cli,
  import(astroFile('dist/cli/build/index.js')),
  import(astroFile('dist/core/build/index.js')),
  import('astro/config'),
  import('@astrojs/mdx'),
  import('@astrojs/sitemap'),
  import('@astrojs/markdown-remark'),
]);

let input = '';
process.stdin.setEncoding('utf8');
for await (const piece of process.stdin) input += piece;
if (!input.trim()) process.exit(0); // Not needed after all.
const job = JSON.parse(input) as { root: string; env: Record<string, string> };

// The job's environment replaces the one this process started with.
for (const key of Object.keys(process.env)) if (!(key in job.env)) delete process.env[key];
Object.assign(process.env, job.env);
process.chdir(job.root);
await warm;
await (await cli).cli([process.execPath, path.join(astroDir, 'bin', 'astro.mjs'), 'build']);
// As Astro's bin does: a handle something left open (a timer in an integration) must not keep a
// finished build running, and the orchestrator waiting for it.
process.exit(process.exitCode ?? 0);
