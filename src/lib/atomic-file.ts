/**
 * Files replaced whole: written beside their place and renamed over it, so a
 * process killed while writing leaves the old file or the new one, never half
 * of one (a cache read later, a content file an editor opens).
 */
import { rename, rm, writeFile } from 'node:fs/promises';

/** Writes `data` to `file` by way of a temporary file beside it; nothing is left behind on failure. */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}
