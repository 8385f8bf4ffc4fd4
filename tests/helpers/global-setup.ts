/**
 * Builds the fixture archive and the real content/ once for the whole run;
 * site and browser tests read the results through inject().
 */
import { rm } from 'node:fs/promises';
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
  };
}
