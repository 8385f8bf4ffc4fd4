/** A content tree a test file writes, built once for the file by `npm run build` and removed afterwards. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { buildSite } from './build.ts';

/** Registers the hooks: `write` fills the content folder, the build's dist/ is then `site.dist`. */
export function useBuiltContent(write: (content: string) => Promise<void> | void, env: Record<string, string> = {}): { readonly dist: string } {
  let work: string | undefined;
  let dist: string | undefined;
  beforeAll(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'jianbao-content-'));
    const content = path.join(work, 'content');
    await write(content);
    dist = (await buildSite(content, { JIANBAO_PDF: '0', ...env })).outDir;
  }, 600_000);
  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
    if (dist) await rm(path.dirname(dist), { recursive: true, force: true });
  });
  return {
    get dist() {
      return dist!;
    },
  };
}
