/** The one content digest of file bytes, shared by the content reader and the build's cache keys. */
import { createHash } from 'node:crypto';
import { readFileFast } from './concurrency.ts';

/** sha256 of `bytes` (a string as its UTF-8), base64url. */
export function bytesDigest(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('base64url');
}

/** bytesDigest of a file's bytes. */
export async function fileDigest(file: string): Promise<string> {
  return bytesDigest(await readFileFast(file));
}
