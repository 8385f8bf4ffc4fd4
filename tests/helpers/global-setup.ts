/**
 * Builds the fixture archive and the real content/ once for the whole run;
 * site and browser tests read the results through inject().
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildSite, PROJECT_ROOT } from './build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    fixtureDist: string;
    fixtureBuildLog: string;
    fixtureInternalDist: string;
    contentDist: string;
  }
}

export default async function setup(project: TestProject) {
  // Every temporary folder of the run (tests make them with os.tmpdir(), as do the builds and
  // browsers they start) goes in one folder, removed at the end: left in /tmp, a run's hundred
  // folders gathered into thousands. Workers start after this, with this environment.
  const runTmp = await mkdtemp(path.join(os.tmpdir(), 'jianbao-tests-'));
  process.env.TMPDIR = runTmp;
  const fixture = path.join(PROJECT_ROOT, 'tests/fixtures/archive');
  // Sequential: two Astro builds at once would compete for the machine's two cores.
  // The fixture builds take the no-Chromium path (notice, no PDF links); content/ renders real PDFs.
  const noChromium = { CHROMIUM_PATH: '/nonexistent/chromium' };
  const pub = await buildSite(fixture, noChromium);
  const internal = await buildSite(fixture, { ...noChromium, BULLETIN_INCLUDE: 'internal' });
  const content = await buildSite(path.join(PROJECT_ROOT, 'content'));
  project.provide('fixtureDist', pub.outDir);
  project.provide('fixtureBuildLog', pub.stdout + pub.stderr);
  project.provide('fixtureInternalDist', internal.outDir);
  project.provide('contentDist', content.outDir);
  return async () => {
    for (const b of [pub, internal, content]) await rm(path.dirname(b.outDir), { recursive: true, force: true });
    await rm(runTmp, { recursive: true, force: true });
  };
}
