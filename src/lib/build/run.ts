/**
 * The whole-site build behind `npm run build`: checks the content, builds the
 * site in shards (separate Astro processes, each with bounded memory, copied
 * from the cache when nothing they depend on changed), builds the search
 * index and PDFs, assembles everything in a staging folder next to the output
 * and only then swaps it in. A failure or Ctrl-C at any point leaves the
 * previous output exactly as it was.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readlinkSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkContent } from '../content/check.ts';
import { hasCheckCache } from '../content/check-cache.ts';
import { feedsTheSite } from '../content/layout.ts';
import { formatProblem } from '../content/errors.ts';
import { CHROMIUM_INSTALL_HINT, findChromium } from '../print/chromium.ts';
import { pdfJobs, renderPdfs, type PdfReport } from '../print/pdf.ts';
import { labelPdfLinks } from '../print/pdf-links.ts';
import { archiveInputJson, buildArchive, type ArchiveInput, type Audience } from '../site/archive.ts';
import type { Catalog } from '../site/catalog.ts';
import { AstroProcess, running, problemLines, stopChildren } from './child.ts';
import { assemble, claimParked, dropParked, readManifest, recordWritten, scanSpare, shardFileList, writeManifest, type Needed, type SpareScan } from './assemble.ts';
import { checkCache } from './check-cache.ts';
import { assetsUsedBy, hashFiles, hashSources, hashStrings, listTree, moveInto, recoverInterrupted, swapInto } from './files.ts';
import { acquireLock } from './lock.ts';
import { buildWorkDir, normalizeBase, pdfCacheDir, SHARD_YEARS, shardSpec } from '../settings.ts';
import { assignParts, buildJobs, planShards, type Shard } from './plan.ts';
import { buildSearchInParts } from './search.ts';

export interface BuildOptions {
  /** The project (astro.config.mjs, src/, node_modules/). */
  projectRoot: string;
  contentDir: string;
  outDir: string;
  /** Astro's cache folder; the shard, search and PDF caches live inside it. */
  cacheDir: string;
  audience: Audience;
  site: string;
  base: string;
  /** Render PDFs (when a Chromium is found). */
  pdf: boolean;
  /** Environment for the Astro processes. */
  env: NodeJS.ProcessEnv;
  /** Shards built at once (default: number of CPUs). */
  jobs?: number;
  /** Past years of a series are built in shards of windows of this many years (default SHARD_YEARS). */
  shardYears?: number;
  /** Year shards to build share one Astro process up to this many articles (default BATCH_ARTICLES). */
  batchArticles?: number;
  /** Build only part `index` (1-based) of `count` into the cache, for CI; no output folder. */
  part?: { index: number; count: number };
  /** Wait for another build to finish instead of refusing. */
  wait?: boolean;
  /** Progress and summary lines. */
  info: (line: string) => void;
  /** Problems (content warnings, build warnings). */
  warn: (line: string) => void;
  /** Full Astro logs, line by line (--verbose). */
  detail?: (line: string) => void;
}

export interface ShardReport {
  name: string;
  cached: boolean;
  ms: number;
}

export interface BuildReport {
  ms: number;
  pages: number;
  shards: ShardReport[];
  pdf?: PdfReport;
  /** Time of each step, in order, so a slow build shows where its time went. */
  phases: { name: BuildPhase; ms: number }[];
}

/** The steps of a build, as the summary names them. */
export const BUILD_PHASES = { check: '检查', plan: '规划', shards: '分片', assemble: '汇总', pdf: 'PDF', swap: '替换' } as const;
export type BuildPhase = keyof typeof BUILD_PHASES;

/** A build failure with a message for the user (zh-CN) and the details that explain it. */
export class BuildError extends Error {
  readonly details: string[];
  constructor(message: string, details: string[] = []) {
    super(message);
    this.details = details;
  }
}

/**
 * Articles one Astro process renders at most. One process per year shard paid
 * a start-up and a template bundle each (a cold build of 2,000 articles spent
 * more on those than on pages); a cap keeps each process's memory bounded
 * for archives of any size (a process of 2,000 articles peaked at 1.1 GB).
 */
export const BATCH_ARTICLES = 3000;

/** Things the templates depend on besides content: our sources, config, dependencies. */
const TEMPLATE_SOURCES = ['src', 'public', 'astro.config.mjs', 'package-lock.json', 'tsconfig.json'];

/** What the search index's records are made by. */
const SEARCH_SOURCES = ['src/lib/search', 'src/lib/content', 'src/lib/site', 'src/lib/build/plan.ts', 'src/lib/build/search.ts', 'package-lock.json'];

/** What a shard's project copy holds; node_modules is linked, the rest (small) copied. */
const PROJECT_FILES = ['src', 'public', 'astro.config.mjs', 'package.json', 'tsconfig.json'];

/** The page routes of issues, their articles and print views (everything else is the index shard's). */
const ISSUE_PAGES = path.join('src', 'pages', '[series]', '[year]', '[number]');

/**
 * A shard's project copy holds only the page routes it renders, so no shard
 * spends time on pages another one owns (the listing pages would otherwise
 * be rendered, in full, by every shard). Made synchronously (≈ 120 small
 * files): made with `fs.cp` beside the search index, which works on this
 * process's thread, it took 0.7 s of a publish before its Astro process
 * could start; this way the process has its job before the index goes on.
 */
function makeShardRoot(projectRoot: string, shardRoot: string, renders: { index: boolean; years: boolean }): void {
  rmSync(shardRoot, { recursive: true, force: true });
  mkdirSync(shardRoot, { recursive: true });
  const pages = path.join(projectRoot, 'src', 'pages');
  const issuePages = path.join(projectRoot, ISSUE_PAGES);
  const wanted = (src: string) => {
    if (!src.startsWith(pages + path.sep)) return true;
    const isIssuePage = src === issuePages || src.startsWith(issuePages + path.sep);
    if (isIssuePage) return renders.years;
    // Keep the folders on the way to the issue pages.
    return renders.index || issuePages.startsWith(src + path.sep);
  };
  for (const f of PROJECT_FILES) {
    const from = path.join(projectRoot, f);
    if (!existsSync(from)) continue;
    if (!statSync(from).isDirectory()) {
      copyFileSync(from, path.join(shardRoot, f));
      continue;
    }
    mkdirSync(path.join(shardRoot, f));
    // Parents come before their children in a recursive listing.
    for (const e of readdirSync(from, { recursive: true, withFileTypes: true })) {
      const src = path.join(e.parentPath, e.name);
      if (![...ancestors(src, from)].every(wanted)) continue;
      const to = path.join(shardRoot, path.relative(projectRoot, src));
      if (e.isDirectory()) mkdirSync(to, { recursive: true });
      else if (e.isFile()) copyFileSync(src, to);
      // A link stays a link, even one to nothing (an editor's lock file), to the same place (as fs.cp
      // copies one); anything else (a pipe, a socket) is no source and stays out.
      else if (e.isSymbolicLink()) {
        const target = readlinkSync(src);
        symlinkSync(path.isAbsolute(target) ? target : path.resolve(path.dirname(src), target), to);
      }
    }
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(shardRoot, 'node_modules'), 'dir');
}

/** `file` and its folders up to (not including) `top`. */
function* ancestors(file: string, top: string): Generator<string> {
  for (let d = file; d !== top && d.startsWith(top + path.sep); d = path.dirname(d)) yield d;
}

/**
 * Splits the output `built` of one Astro process among the shards of its job,
 * each into `outOf(shard)`: a year shard gets its issues' folders (the year's
 * own page, `<series>/<year>/index.html`, is a listing page) and the assets its
 * pages use; the index shard, last in its job, everything else — but not the
 * assets only year pages use (an article's picture), which its cache would
 * otherwise keep after they go. Each cache is what its shard would build alone.
 */
async function splitOutput(built: string, job: Shard[], outOf: (s: Shard) => string): Promise<void> {
  const yearAssets = new Set<string>();
  for (const s of job.filter((x) => x.kind === 'years')) {
    const out = outOf(s);
    for (const y of s.years) {
      const entries = existsSync(path.join(built, y)) ? await readdir(path.join(built, y), { withFileTypes: true }) : [];
      for (const e of entries) if (e.isDirectory()) await moveInto(path.join(built, y, e.name), path.join(out, y, e.name));
    }
    for (const f of await assetsUsedBy(out, path.join(built, '_astro'))) {
      yearAssets.add(f);
      await mkdir(path.join(out, '_astro'), { recursive: true });
      await copyFile(path.join(built, '_astro', f), path.join(out, '_astro', f));
    }
  }
  const index = job.find((x) => x.kind === 'index');
  if (!index) return;
  const out = outOf(index);
  const assetsAside = `${out}.assets`;
  await moveInto(path.join(built, '_astro'), assetsAside);
  await moveInto(built, out);
  const own = new Set(await assetsUsedBy(out, assetsAside));
  for (const f of existsSync(assetsAside) ? await readdir(assetsAside) : []) {
    if (own.has(f) || !yearAssets.has(f)) await moveInto(path.join(assetsAside, f), path.join(out, '_astro', f));
  }
  await rm(assetsAside, { recursive: true, force: true });
}

/**
 * How the project copies of a build with cache folder `work` are named, under
 * the project's `.astro/`: the same from one build to the next (one build at a
 * time holds the cache's lock), so Vite's dependency cache, kept per shard in
 * the cache folder, is still valid — with a new path each time, every Astro
 * process optimised the dependencies again (≈ 1 s each). Builds with other
 * cache folders (tests, the intranet copy beside the public one) get other names.
 */
export function shardRootPrefix(work: string): string {
  return `shard-${hashStrings(path.resolve(work)).slice(0, 12)}-`;
}

/** Runs the build; resolves with a report, rejects with BuildError (output untouched). */
export async function buildSite(o: BuildOptions): Promise<BuildReport> {
  const started = performance.now();
  const phases: BuildReport['phases'] = [];
  let phaseStart = started;
  const endPhase = (name: BuildPhase) => {
    const now = performance.now();
    phases.push({ name, ms: now - phaseStart });
    phaseStart = now;
  };
  const work = buildWorkDir(o.cacheDir);
  const release = await acquireLock(path.join(work, 'build.lock'), `${o.audience} → ${o.outDir}`, {
    wait: o.wait,
    onWait: (h) => o.info(`另一个构建正在进行（进程 ${h.pid}），等待它结束……`),
  });
  const runDir = path.join(work, `run-${process.pid}`);
  const staging = `${o.outDir}.staging-${process.pid}`;
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    stopChildren();
  };
  const stopIfInterrupted = () => {
    if (interrupted) throw new BuildError('构建被中断；原有输出保持不变。');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    if (!o.part) await recoverInterrupted(o.outDir);
    await rm(runDir, { recursive: true, force: true });
    await mkdir(runDir, { recursive: true });

    // The first Astro process loads Astro (≈ 2 s) while the build checks and plans, on the other
    // core; dismissed if nothing needs it. Not beside a check with no cache, which parses every body
    // and which it slowed by 2.5 s (the two cores of a small machine are rarely two whole cores);
    // that check starts it once done. Nor beside running jobs, where it took time from the search
    // index, the cold build's longest job.
    const astroEnv: NodeJS.ProcessEnv = { ...o.env, ASTRO_TELEMETRY_DISABLED: '1' };
    const startAstro = () => (os.availableParallelism() > 1 ? new AstroProcess(o.projectRoot, astroEnv) : undefined);
    const checkCacheOptions = await checkCache(o.projectRoot, o.cacheDir);
    let readyAstro = hasCheckCache(checkCacheOptions) ? startAstro() : undefined;

    // 1. Content check: nothing is built from content with errors.
    // MDX bodies are compiled by the shards that render them (a cached shard compiled them before), not twice;
    // the check parses only bodies it has not seen (what it found in the others is in its cache).
    const checked = await checkContent(o.contentDir, { cache: checkCacheOptions });
    for (const p of checked.problems) o.warn(formatProblem(p));
    if (checked.errors) throw new BuildError(`内容检查发现 ${checked.errors} 个错误，未构建；原有输出保持不变。`);
    readyAstro ??= startAstro();

    endPhase('check');

    // 2. Plan: shards and their cache keys.
    // A CI part renders no PDFs, so it needs no Chromium: it builds pages that link them, as the
    // joining job (which has Chromium) will, so their cache keys agree.
    const chromiumPath = o.pdf && !o.part ? findChromium() : undefined;
    if (o.pdf && !chromiumPath && !o.part) o.warn(`未找到 Chromium，本次不生成 PDF，页面也不链接 PDF。安装方法：${CHROMIUM_INSTALL_HINT}`);
    const pdf = o.part ? o.pdf : Boolean(chromiumPath);
    const base = normalizeBase(o.base);
    // The check reads files concurrently, in whatever order they arrive: sort, so the shards' input
    // and the index shard's cache key are the same from one build to the next.
    const byFile = <T extends { file: string }>(list: T[]) => [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const input: ArchiveInput = { series: byFile(checked.input.series), issues: byFile(checked.input.issues), articles: byFile(checked.input.articles), unitSlugs: checked.input.unitSlugs };
    const archive = buildArchive(input, { base, audience: o.audience, pdf });
    const settings = JSON.stringify({ site: o.site, base, audience: o.audience, pdf, node: process.version });
    const templatesHash = hashStrings(await hashSources(o.projectRoot, TEMPLATE_SOURCES), settings);
    const contentFiles = (await listTree(o.contentDir)).filter(feedsTheSite);
    const siteContentHash = await hashFiles(o.contentDir, contentFiles.filter((f) => !f.startsWith('issues/')), checked.digests);
    const byYear = new Map<string, string[]>();
    for (const f of contentFiles) {
      const m = /^issues\/([^/]+)\/([^/]+)\//.exec(f);
      if (m) byYear.set(`${m[1]}/${m[2]}`, [...(byYear.get(`${m[1]}/${m[2]}`) ?? []), f]);
    }
    const yearHashes = new Map<string, string>();
    for (const [k, files] of byYear) yearHashes.set(k, await hashFiles(o.contentDir, files, checked.digests));
    // The records are made from the content model and the site's URLs and labels as well as the indexer.
    const searchHash = hashStrings(await hashSources(o.projectRoot, SEARCH_SOURCES), settings);
    const shards = planShards({ input, archive, templatesHash, siteContentHash, yearHashes, searchHash, shardYears: o.shardYears ?? SHARD_YEARS });
    const parts = shards.find((s) => s.kind === 'search')?.parts ?? [];
    const wanted = o.part ? (assignParts(shards, o.part.count)[o.part.index - 1] ?? []) : shards;

    endPhase('plan');

    // 3. Build what the cache does not have.
    const inputFile = path.join(runDir, 'archive-input.json');
    await writeFile(inputFile, archiveInputJson(input));
    const sitemapFile = path.join(runDir, 'sitemap-pages.json');
    // In the order @astrojs/sitemap sorts all its addresses in (localeCompare, 'en', numeric, ≈ 4 µs a
    // comparison): handed over sorted, its sort runs through them instead of taking 0.5 s of the
    // index shard at 6,000 articles. The sitemap is the same.
    const sitemapPages = [...archive.issues.map((i) => i.url), ...archive.articles.map((a) => a.url)].map((u) => new URL(u, o.site).href);
    await writeFile(sitemapFile, JSON.stringify(sitemapPages.sort(new Intl.Collator('en', { numeric: true }).compare)));
    const cacheOf = (s: Shard) => path.join(work, 'shards', o.audience, s.name);
    const isCached = async (s: Shard) => existsSync(path.join(cacheOf(s), 'key')) && (await readFile(path.join(cacheOf(s), 'key'), 'utf8')) === s.key;
    const reports: ShardReport[] = [];
    const todo: Shard[] = [];
    for (const s of wanted) {
      if (await isCached(s)) reports.push({ name: s.name, cached: true, ms: 0 });
      else todo.push(s);
    }
    if (todo.length) o.info(`构建 ${todo.length} 个分片（共 ${wanted.length} 个，其余未变，沿用缓存）……`);

    // Into the cache: the key is written last, so a half-stored shard never counts as cached.
    const store = async (s: Shard, out: string, ms: number, known?: ReadonlyMap<string, string>) => {
      const target = cacheOf(s);
      await rm(target, { recursive: true, force: true });
      await mkdir(target, { recursive: true });
      await rename(out, path.join(target, 'out'));
      await shardFileList(path.join(target, 'out'), known);
      await writeFile(path.join(target, 'key'), s.key);
      reports.push({ name: s.name, cached: false, ms });
    };

    /** Builds the search index (in this process) or shards in one Astro process, and stores each in the cache. */
    const buildJob = async (job: Shard[]) => {
      const t = performance.now();
      const label = job.map((s) => s.name).join('、');
      // Digests of output files already known (the search index's fragments), relative to the shard's output.
      const known = new Map<string, string>();
      if (job[0].kind === 'search') {
        const out = path.join(runDir, job[0].name, 'pagefind');
        const built = await buildSearchInParts({ input, bodies: checked.bodies }, parts, out, {
          base,
          audience: o.audience,
          cacheDir: path.join(work, 'search-parts', o.audience),
          workDir: runDir,
          beforePart: stopIfInterrupted,
          onRetry: o.warn,
        });
        for (const [rel, digest] of built.digests) known.set(`pagefind/${rel}`, digest);
        o.info(`  搜索索引：${built.indexed} 个部分重新索引，${parts.length - built.indexed} 个沿用缓存，合并 ${(built.mergeMs / 1000).toFixed(1)} 秒`);
      } else {
        // Each process runs in a project copy of its own: Astro writes generated
        // modules (content module map, prerender chunks) under the project's
        // .astro/, where processes building at once would overwrite each other's.
        const shardRoot = path.join(o.projectRoot, '.astro', `${shardRootPrefix(work)}${job[0].name}`);
        // Output beside the cache (same filesystem), so each shard's folders move into it, not copy.
        const built = path.join(runDir, `built-${job[0].name}`);
        const index = job.some((s) => s.kind === 'index');
        const years = job.flatMap((s) => s.years);
        makeShardRoot(o.projectRoot, shardRoot, { index, years: years.length > 0 });
        const env: NodeJS.ProcessEnv = {
          ...astroEnv,
          JIANBAO_CONTENT: o.contentDir,
          JIANBAO_SHARD: shardSpec(index, years),
          JIANBAO_ARCHIVE_INPUT: inputFile,
          JIANBAO_SITEMAP_PAGES: index ? sitemapFile : '',
          JIANBAO_OUT_DIR: built,
          JIANBAO_CACHE_DIR: path.join(work, 'astro', job[0].name),
          JIANBAO_PDF: pdf ? '1' : '0',
          BULLETIN_INCLUDE: o.audience === 'public' ? '' : o.audience,
          SITE_URL: o.site,
          BASE_PATH: o.base,
        };
        if (chromiumPath) env.CHROMIUM_PATH = chromiumPath;
        stopIfInterrupted();
        const astro = readyAstro ?? new AstroProcess(o.projectRoot, astroEnv);
        readyAstro = undefined;
        const result = await astro.build(shardRoot, env, o.detail && ((l) => o.detail!(`[${label}] ${l}`)));
        stopIfInterrupted();
        if (result.code !== 0) {
          const lines = result.output.trimEnd().split('\n');
          throw new BuildError(`构建进程（分片 ${label}）失败；原有输出保持不变。`, [...new Set([...problemLines(result.output), ...lines.slice(-30)])]);
        }
        for (const l of problemLines(result.output)) o.warn(`[${label}] ${l.trim()}`);
        await rm(path.join(built, '.prerender'), { recursive: true, force: true });
        await splitOutput(built, job, (sh) => path.join(runDir, sh.name));
        await rm(shardRoot, { recursive: true, force: true });
        await rm(built, { recursive: true, force: true });
      }
      const ms = performance.now() - t;
      for (const s of job) await store(s, path.join(runDir, s.name), ms, known);
      o.info(`  ✓ ${label}（${(ms / 1000).toFixed(1)} 秒）`);
    };

    // Year shards share processes up to a number of articles; the most expensive jobs go first,
    // so the last ones to finish are small.
    const budget = o.batchArticles ?? BATCH_ARTICLES;
    const groups = buildJobs(todo, budget);
    const isAstroJob = (job: Shard[]) => job[0].kind !== 'search';
    if (!groups.some(isAstroJob)) {
      void readyAstro?.dismiss();
      readyAstro = undefined;
    }
    const cost = (job: Shard[]) => job.reduce((n, s) => n + s.articles, 0);
    const queue = groups.sort((a, b) => cost(b) - cost(a) || a[0].name.localeCompare(b[0].name));
    // Memory: Astro processes at once render at most `budget` articles between them (a larger
    // shard runs alone); the search index and the index shard run beside them, so on two cores
    // one process renders pages while the other core builds the search index.
    let rendering = 0;
    const waiting: (() => void)[] = [];
    const renders = (job: Shard[]) => job.some((s) => s.kind === 'years');
    const fits = (job: Shard[]) => !renders(job) || rendering === 0 || rendering + cost(job) <= budget;
    let failure: unknown;
    // The spare (the output before last) is scanned by the first worker left without a job, while
    // the others still run: see scanSpare.
    const trees = path.join(work, 'trees');
    const spareDir = path.join(work, `spare-${o.audience}`);
    let spareScan: Promise<SpareScan | undefined> | undefined;
    let inProcess = 0;
    const scanAhead = () => {
      if (o.part || failure || interrupted || spareScan || !existsSync(spareDir)) return;
      spareScan = scanSpare(spareDir).catch(() => undefined);
    };
    const worker = async () => {
      while (queue.length && !failure && !interrupted) {
        const at = queue.findIndex(fits);
        if (at < 0) {
          await new Promise<void>((wake) => waiting.push(wake));
          continue;
        }
        const [job] = queue.splice(at, 1);
        const held = renders(job) ? cost(job) : 0;
        const here = !isAstroJob(job);
        rendering += held;
        if (here) inProcess++;
        try {
          await buildJob(job);
        } catch (e) {
          failure ??= e;
          stopChildren();
        } finally {
          rendering -= held;
          if (here) inProcess--;
          for (const wake of waiting.splice(0)) wake();
        }
      }
      // Only while Astro processes alone are at work: the search index runs in this process.
      if (running.size && !inProcess) scanAhead();
    };
    // A job can wait on a process that is gone without a word: Pagefind's wrapper never settles its
    // calls once its service has died (Ctrl-C in a terminal reaches the service too; the OOM killer),
    // and with nothing else to do this process would end with its event loop empty — exit 13, the
    // cleanup below skipped. An empty event loop means nothing can settle any more: stop the build.
    let stall = () => {};
    const stalled = new Promise<never>((_, reject) => {
      stall = () => reject(new BuildError(interrupted ? '构建被中断；原有输出保持不变。' : '构建停止：有一个构建步骤等待的进程已意外退出（可能是内存不足）；原有输出保持不变。'));
    });
    stalled.catch(() => undefined);
    process.once('beforeExit', stall);
    try {
      await Promise.race([Promise.all(Array.from({ length: Math.max(1, Math.min(o.jobs ?? os.availableParallelism(), queue.length)) }, worker)), stalled]);
    } finally {
      process.off('beforeExit', stall);
    }
    void readyAstro?.dismiss();
    readyAstro = undefined;
    stopIfInterrupted();
    if (failure) throw failure instanceof BuildError ? failure : new BuildError(`构建失败：${(failure as Error).message}；原有输出保持不变。`);

    // Astro's own caches (rendered bodies) live per process, named after its first shard: those of
    // shards the archive no longer has (a newest year that joined its window) are never used again.
    const astroCaches = path.join(work, 'astro');
    if (existsSync(astroCaches)) {
      const current = new Set(shards.map((s) => s.name));
      for (const d of await readdir(astroCaches)) if (!current.has(d)) await rm(path.join(astroCaches, d), { recursive: true, force: true });
    }

    if (o.part) {
      endPhase('shards');
      return { ms: performance.now() - started, pages: 0, shards: reports, phases };
    }

    endPhase('shards');

    // 4. Assemble aside: the index shard's pages, each year shard's folders, the search index —
    // in the output the last build replaced, keeping what is still right.
    const needed = new Map<string, Needed>();
    for (const s of shards) {
      const out = path.join(cacheOf(s), 'out');
      for (const [rel, hash] of await shardFileList(out)) {
        if (s.kind !== 'search' || rel.startsWith('pagefind/')) needed.set(rel, { from: path.join(out, rel), hash });
      }
    }
    const spare = existsSync(spareDir) ? { dir: spareDir, manifest: await readManifest(trees, spareDir), scan: await spareScan } : undefined;
    // PDFs of the last output are parked, not removed: the PDF step keeps those of unchanged print
    // pages whose cached PDF is the same file (`npm run pdf -- --force` renders it again in place).
    const pdfCache = pdfCacheDir(o.cacheDir);
    const pdfHash = (key: string) => {
      const s = statSync(path.join(pdfCache, `${key}.pdf`), { bigint: true, throwIfNoEntry: false });
      return `pdf:${key}:${s?.size}:${s?.mtimeNs}`;
    };
    let assembled: Awaited<ReturnType<typeof assemble>>;
    try {
      assembled = await assemble(staging, needed, spare, (hash) => hash.startsWith('pdf:'));
    } catch (e) {
      throw new BuildError(`${(e as Error).message}；原有输出保持不变。`);
    }
    const { manifest } = assembled;
    const relOf = (file: string) => path.relative(staging, file).split(path.sep).join('/');

    endPhase('assemble');

    // 5. PDFs of every issue (cached by print page), into the staging folder.
    let pdfReport: BuildReport['pdf'];
    if (chromiumPath) {
      const catalog: Catalog = JSON.parse(await readFile(path.join(staging, 'catalog.json'), 'utf8'));
      const fontNotes = new Set<string>();
      try {
        pdfReport = await renderPdfs(
          {
            distDir: staging,
            jobs: pdfJobs(catalog.issues),
            chromiumPath,
            cacheDir: pdfCache,
            // Which stand-in faces the PDFs use instead of the official ones, once per set.
            onFonts: (_job, subs) => {
              if (!fontNotes.has(subs)) o.warn(`PDF 字体替代：${subs}`);
              fontNotes.add(subs);
            },
            reuse: (file, key) => claimParked(assembled, relOf(file), pdfHash(key)),
          },
          catalog.base,
        );
        for (const p of pdfReport.pdfs) if (!manifest.has(relOf(p.file))) await recordWritten(staging, assembled, relOf(p.file), pdfHash(p.key));
        // A page labelled here is no longer its cached copy: the next build copies it again.
        await labelPdfLinks(staging, new Map(pdfReport.pdfs.map((p) => [p.pdfUrl, p.info])), (f) => manifest.delete(relOf(f)));
      } catch (e) {
        throw new BuildError(`PDF 生成失败：${(e as Error).message}；原有输出保持不变。`);
      }
    }
    await dropParked(staging, assembled);
    o.info(`  汇总：${assembled.kept} 个文件沿用上次的输出，${assembled.copied} 个从缓存复制，${assembled.removed} 个删除`);
    stopIfInterrupted();

    endPhase('pdf');

    // 6. Swap in.
    const pages = [...needed.keys()].filter((f) => f.endsWith('.html')).length;
    await swapInto(staging, o.outDir, spareDir);
    // The output is in place: a manifest that cannot be kept costs the next build its copying, nothing else.
    const spares = (await readdir(work)).filter((f) => f.startsWith('spare-')).map((f) => path.join(work, f));
    await writeManifest(trees, o.outDir, manifest, spares).catch((e: Error) => o.warn(`未能记录本次输出的文件清单（${e.message}），下次构建将完整复制网站。`));
    endPhase('swap');
    return { ms: performance.now() - started, pages, shards: reports, pdf: pdfReport, phases };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    stopChildren();
    // Wait for stopped children, so nothing writes into the folders being removed.
    while (running.size) await new Promise((r) => setTimeout(r, 50));
    await rm(staging, { recursive: true, force: true });
    await rm(runDir, { recursive: true, force: true });
    const astroDir = path.join(o.projectRoot, '.astro');
    if (existsSync(astroDir)) {
      for (const f of await readdir(astroDir)) if (f.startsWith(shardRootPrefix(work))) await rm(path.join(astroDir, f), { recursive: true, force: true });
    }
    release();
  }
}
