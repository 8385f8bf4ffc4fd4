/** Feed items for the issue and article feeds (RSS 2.0 via @astrojs/rss). */
import type { Archive } from './archive.ts';
import { formatDateZh, issueLabel, markedTitle } from './format.ts';

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  categories?: string[];
}

/** Newest issues first; the feed stays small however large the archive grows. */
export function issueFeedItems(archive: Archive, limit = 50): FeedItem[] {
  return archive.issues.slice(0, limit).map((issue) => ({
    title: markedTitle(`${issue.series.title} ${issue.year}年${issueLabel(issue.number)}`, issue.status),
    link: issue.url,
    pubDate: new Date(`${issue.date}T00:00:00+08:00`),
    description: `${issue.issuer} ${formatDateZh(issue.date)}。本期目录：${issue.articles.map((a) => (a.unit ? `${a.unit}：${a.title}` : a.title)).join('；')}`,
  }));
}

export function articleFeedItems(archive: Archive, limit = 100): FeedItem[] {
  return archive.articles.slice(0, limit).map((a) => ({
    title: markedTitle(a.unit ? `${a.unit}：${a.title}` : a.title, a.issue.status),
    link: a.url,
    pubDate: new Date(`${a.issue.date}T00:00:00+08:00`),
    description: a.summary ?? `${a.issue.series.title} ${a.issue.year}年${issueLabel(a.issue.number)}`,
    categories: a.unit ? [a.unit] : undefined,
  }));
}
