/**
 * dist/catalog.json: the machine-readable index of the published archive,
 * for integrators and for our own tooling (PDF rendering, checks).
 */
import type { Archive, Issue } from './archive.ts';

export interface CatalogIssue {
  series: string;
  year: number;
  number: number;
  total: number | null;
  date: string;
  issuer: string;
  classification: string | null;
  reportTo: string[];
  copyTo: string[];
  sendTo: string[];
  copies: number | null;
  /** published, or internal (only in an intranet build). */
  status: 'published' | 'internal' | 'draft';
  url: string;
  printUrl: string;
  pdfUrl: string | null;
  articles: { title: string; unit: string | null; url: string }[];
}

export interface Catalog {
  generated: string;
  /** Base path the site is served under; every url below starts with it. */
  base: string;
  series: { id: string; title: string; issuer: string; url: string }[];
  issues: CatalogIssue[];
}

export function catalogIssue(issue: Issue): CatalogIssue {
  return {
    series: issue.series.id,
    year: issue.year,
    number: issue.number,
    total: issue.total ?? null,
    date: issue.date,
    issuer: issue.issuer,
    classification: issue.classification ?? null,
    reportTo: issue.reportTo,
    copyTo: issue.copyTo,
    sendTo: issue.sendTo,
    copies: issue.copies ?? null,
    status: issue.status,
    url: issue.url,
    printUrl: issue.printUrl,
    pdfUrl: issue.pdfUrl ?? null,
    articles: issue.articles.map((a) => ({ title: a.title, unit: a.unit ?? null, url: a.url })),
  };
}

/** `generated` is the newest issue date, not the clock, so an unchanged archive yields an identical file. */
export function buildCatalog(archive: Archive): Catalog {
  return {
    generated: archive.issues[0]?.date ?? '',
    base: archive.urls.home(),
    series: archive.series.map((s) => ({ id: s.id, title: s.title, issuer: s.issuer, url: s.url })),
    issues: archive.issues.map(catalogIssue),
  };
}
