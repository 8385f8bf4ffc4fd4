/**
 * Work on many files at once without opening them all at once: a content
 * tree of 30,000 articles read with one Promise.all ran out of file
 * descriptors (EMFILE, with the usual limit of 20,000).
 */

/** Files worked on at once by default. */
export const FILES_AT_ONCE = 64;

/** Calls `fn` on every item, at most `limit` at a time; resolves with the results in order. */
export async function mapLimited<T, R>(items: readonly T[], fn: (item: T, index: number) => Promise<R>, limit = FILES_AT_ONCE): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i], i);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
