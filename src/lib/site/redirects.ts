/**
 * Addresses readers may guess from the content layout: /…/2021/028/ is the
 * folder's spelling of issue 28, whose page lives at /…/2021/28/.
 */
import type { Archive, Issue } from './archive.ts';
import { issueFolderName } from '../content/layout.ts';

/** Static paths for the zero-padded spellings of issue numbers, each forwarding to the issue. */
export function folderSpellingPaths(a: Archive) {
  return a.issues
    .filter((issue) => issueFolderName(issue.number) !== String(issue.number))
    .map((issue: Issue) => ({
      params: { series: issue.series.id, year: String(issue.year), number: issueFolderName(issue.number) },
      props: { issue, redirectTo: issue.url },
    }));
}

/** Whether a page URL is one of these forwarding addresses (kept out of the sitemap). */
export function isFolderSpelling(url: string): boolean {
  return /\/\d{4}\/0\d+\/$/.test(new URL(url, 'http://x').pathname);
}
