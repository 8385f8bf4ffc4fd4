/**
 * npm run bench -- [--articles N] [--json FILE] [--pdf-issues K]
 * Generates a synthetic archive and measures, in one run: our full build
 * against a bare Astro + MDX build of the same articles, an incremental
 * rebuild, search indexing against Pagefind's default Chinese indexing,
 * index size and first-query bytes, and PDF rendering cold and cached.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findChromium } from '../src/lib/print/chromium.ts';
import { firstQueryBytes } from './bench/first-query.ts';
import { browserQueryTimes } from './bench/search-browser.ts';
import { measure, type Measured } from './bench/measure.ts';
import { renderPdfs } from '../src/lib/print/pdf.ts';
import { buildWorkDir } from '../src/lib/settings.ts';
import { syntheticArchive } from './bench/synthetic.ts';
import { editOldArticle, publishNextIssue } from './bench/edits.ts';

const HELP = `用法 / usage: npm run bench -- [options]

  --articles N     synthetic archive size (default 2000; 6000 for the full budget check)
  --pdf-issues K   issues to render to PDF, cold and cached (default 5; 0 to skip)
  --json FILE      also write the figures as JSON (default: <temp>/bench.json)
  --split N        also build in N parts as separate processes (as CI jobs would) and join them
  --build-only     measure the builds only (no search-indexing comparison, first query or PDFs)
  --cold-only      measure our cold build only (for sizes where the rest takes too long, e.g. 30000)
  --batch N        pass --batch N to every npm run build (articles rendered at once; default the build's)
  --keep           keep the temporary folder
  -h, --help       this help
`;

const ROOT = path.resolve(import.meta.dirname, '..');
const NODE = path.join(ROOT, 'node_modules/.bin/node');
const ASTRO = path.join(ROOT, 'node_modules/.bin/astro');

let values;
try {
  ({ values } = parseArgs({
    options: {
      articles: { type: 'string', default: '2000' },
      'pdf-issues': { type: 'string', default: '5' },
      json: { type: 'string' },
      keep: { type: 'boolean', default: false },
      split: { type: 'string', default: '0' },
      'build-only': { type: 'boolean', default: false },
      'cold-only': { type: 'boolean', default: false },
      batch: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      child: { type: 'string' },
    },
    allowPositionals: true,
  }));
} catch (e) {
  console.error(`${(e as Error).message}\n\n${HELP}`);
  process.exit(1);
}

// Child modes: one indexing run in its own process, so its memory is measured alone.
if (values.child) {
  // index-ours reads the content folder, index-default the built article pages.
  const [source, outDir] = process.argv.slice(-2);
  if (values.child === 'index-ours') {
    const { buildSearchIndexAsBuilt } = await import('../src/lib/build/search.ts');
    const { SHARD_YEARS } = await import('../src/lib/settings.ts');
    await buildSearchIndexAsBuilt(source, path.join(outDir, 'pagefind'), { shardYears: SHARD_YEARS });
  } else if (values.child === 'index-default') {
    const pagefind = await import('pagefind');
    const { index } = await pagefind.createIndex({});
    await index!.addDirectory({ path: source, glob: '*/*/*/*/index.html' });
    await index!.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
    await pagefind.close();
  }
  process.exit(0);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const articles = Number(values.articles);
const split = Number(values.split);
const buildOnly = values['build-only'];
const jsonOut = values.json;
const keepWork = values.keep;
const pdfIssues = Number(values['pdf-issues']);
if (!Number.isInteger(articles) || articles < 10) {
  console.error('--articles: expected a whole number ≥ 10');
  process.exit(1);
}

const mb = (b: number | null) => (b === null ? 'n/a' : `${(b / 2 ** 20).toFixed(0)} MB`);
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kb = (b: number) => `${(b / 1024).toFixed(0)} KB`;
function dirSize(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .reduce((n, d) => n + statSync(path.join(d.parentPath, d.name)).size, 0);
}
function countPages(dir: string): number {
  return readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.html')).length;
}
/** Whether two folders hold the same files with the same bytes. */
function sameTree(a: string, b: string): boolean {
  const list = (d: string) => readdirSync(d, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(d, path.join(e.parentPath, e.name))).sort();
  const la = list(a);
  const lb = list(b);
  return la.length === lb.length && la.every((f, i) => f === lb[i] && readFileSync(path.join(a, f)).equals(readFileSync(path.join(b, f))));
}
function check(m: Measured, what: string) {
  if (m.code !== 0) {
    console.error(`${what} failed:\n${m.output.slice(-3000)}`);
    process.exit(1);
  }
  return m;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'jianbao-bench-'));
const content = path.join(work, 'content');
const log = (msg: string) => console.log(`[bench] ${msg}`);
log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB, Node ${process.version}`);
log(`generating ${articles} articles in ${work}`);
for (const f of syntheticArchive({ articles })) {
  const target = path.join(content, f.path);
  await mkdir(path.dirname(target), { recursive: true });
  await writeFile(target, f.text);
}

const env = (extra: Record<string, string>) => ({ ...process.env, ASTRO_TELEMETRY_DISABLED: '1', JIANBAO_PDF: '0', ...extra });
const oursEnv = env({ JIANBAO_CONTENT: content, JIANBAO_OUT_DIR: path.join(work, 'dist'), JIANBAO_CACHE_DIR: path.join(work, 'cache') });

log('npm run check …');
// A cache folder of its own: the check keeps what it found in each body (check-cache.ts), and the
// cold build must find nothing there.
const checkRun = check(await measure(NODE, [path.join(ROOT, 'scripts/check.ts'), '--quiet'], { cwd: ROOT, env: { ...oursEnv, JIANBAO_CACHE_DIR: path.join(work, 'check-cache') } }), 'check');
const BUILD = [path.join(ROOT, 'scripts/build.ts'), ...(values.batch ? ['--batch', values.batch] : [])];
log('our build (npm run build: check, sharded pages, search index) …');
const ours = check(await measure(NODE, BUILD, { cwd: ROOT, env: oursEnv }), 'our build');
const oursDist = path.join(work, 'dist');
const searchLine = /✓ search（([\d.]+) 秒）/.exec(ours.output);
const shardCount = /(\d+) 个分片/.exec(ours.output)?.[1];
/** The build's own lines: each Astro process (or the search index) with what it built and its time, the search index's parts, and the summary with the time of each step. */
const buildLines = (m: Measured) => m.output.split('\n').filter((l) => /✓|搜索索引：|汇总：|构建完成：/.test(l)).map((l) => l.trim());
const jobLines = buildLines(ours);

// Our cold build's figures: the whole report with --cold-only, its first part otherwise.
const pages = countPages(oursDist);
const coldFigures = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  articles,
  batch: values.batch ? Number(values.batch) : null,
  check: { ms: checkRun.ms, peakRssBytes: checkRun.peakRssBytes },
  ours: { ms: ours.ms, peakRssBytes: ours.peakRssBytes, pages, shards: shardCount ? Number(shardCount) : null, pagesPerSecond: pages / (ours.ms / 1000), distBytes: dirSize(oursDist), searchIndexMs: searchLine ? Number(searchLine[1]) * 1000 : null, jobs: jobLines },
};

/** Prints the table, writes the figures as JSON and removes the temporary folder (unless --keep). */
async function report(title: string, rows: [string, string, string][], figures: object): Promise<void> {
  const w0 = Math.max(...rows.map((r) => r[0].length));
  const w1 = Math.max(...rows.map((r) => r[1].length));
  console.log(`\nJianbao benchmark${title} — ${articles} articles, ${coldFigures.machine.cpus} cores, ${coldFigures.machine.memoryGB} GB\n`);
  console.log(`${'measure'.padEnd(w0)}  ${'time / value'.padEnd(w1)}  peak memory`);
  for (const [a, b, c] of rows) console.log(`${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`);
  const jsonFile = path.resolve(jsonOut ?? path.join(work, 'bench.json'));
  writeFileSync(jsonFile, `${JSON.stringify(figures, null, 2)}\n`);
  console.log(`\nfigures: ${jsonFile}`);
  if (!keepWork) {
    const keepJson = jsonFile.startsWith(work) ? readFileSync(jsonFile, 'utf8') : null;
    await rm(work, { recursive: true, force: true });
    if (keepJson) {
      const out = path.join(os.tmpdir(), `jianbao-bench-${Date.now()}.json`);
      writeFileSync(out, keepJson);
      console.log(`(temporary folder removed; figures kept at ${out})`);
    }
  }
}

const coldRow: [string, string, string] = [`full build, cold (npm run build, ${shardCount ?? '?'} shards)`, s(ours.ms), mb(ours.peakRssBytes)];
const checkRow: [string, string, string] = ['content check (npm run check)', s(checkRun.ms), mb(checkRun.peakRssBytes)];
const searchRow: [string, string, string] = ['search index, built in the build', coldFigures.ours.searchIndexMs === null ? 'cached' : s(coldFigures.ours.searchIndexMs), ''];

if (values['cold-only']) {
  await report(' (cold build only)', [coldRow, checkRow, ['pages', String(pages), ''], searchRow, ...jobLines.map((l): [string, string, string] => [`  ${l}`, '', ''])], coldFigures);
  process.exit(0);
}

// The bare build: the same article files, the same Markdown pipeline, one page per article, nothing else.
const bare = path.join(work, 'bare');
mkdirSync(path.join(bare, 'src/pages'), { recursive: true });
symlinkSync(path.join(ROOT, 'node_modules'), path.join(bare, 'node_modules'));
writeFileSync(path.join(bare, 'package.json'), '{"type":"module","private":true}\n');
writeFileSync(
  path.join(bare, 'astro.config.mjs'),
  `import mdx from '@astrojs/mdx';\nimport { unified } from '@astrojs/markdown-remark';\nimport { defineConfig } from 'astro/config';\nexport default defineConfig({ outDir: './dist', markdown: { processor: unified({ gfm: true, smartypants: false }) }, integrations: [mdx()] });\n`,
);
writeFileSync(
  path.join(bare, 'src/content.config.ts'),
  `import { defineCollection } from 'astro:content';\nimport { glob } from 'astro/loaders';\nexport const collections = { articles: defineCollection({ loader: glob({ pattern: ['**/*.mdx', '!**/index.mdx'], base: ${JSON.stringify(path.join(content, 'issues'))} }) }) };\n`,
);
writeFileSync(
  path.join(bare, 'src/pages/[...id].astro'),
  `---\nimport { getCollection, render } from 'astro:content';\nexport async function getStaticPaths() { return (await getCollection('articles')).map((entry) => ({ params: { id: entry.id }, props: { entry } })); }\nconst { entry } = Astro.props;\nconst { Content } = await render(entry);\n---\n<html lang="zh-CN"><head><meta charset="utf-8" /><title>{entry.data.title}</title></head><body><h1>{entry.data.title}</h1><Content /></body></html>\n`,
);
log('bare Astro + MDX build …');
const bareRun = check(await measure(ASTRO, ['build'], { cwd: bare, env: env({}) }), 'bare build');

// Incremental: build again with nothing changed (the first repeat build: nothing to stage in yet, so it
// copies the whole site from the cache), then publish one new issue, then correct one article of the
// oldest year — each built with the caches and staged in the output the build before replaced, as an
// editor's builds after the first two are.
const rebuiltShards = (m: Measured) => /（(\d+) 个重建/.exec(m.output)?.[1] ?? '?';
log('rebuild with nothing changed …');
const rebuildSame = check(await measure(NODE, BUILD, { cwd: ROOT, env: oursEnv }), 'rebuild (nothing changed)');
publishNextIssue(content, 'series-1');
log('rebuild after publishing one new issue …');
const rebuildIssue = check(await measure(NODE, BUILD, { cwd: ROOT, env: oursEnv }), 'rebuild (new issue)');
editOldArticle(content, 'series-2');
log('rebuild after editing one article of the oldest year …');
const rebuild = check(await measure(NODE, BUILD, { cwd: ROOT, env: oursEnv }), 'rebuild (old article)');

// Split: the same build in N parts, each a separate process with a cache of its own (as separate CI jobs
// would), then a join job that merges the caches and assembles dist/.
let splitFigures: { parts: number; partMs: number[]; partPeakRssBytes: (number | null)[]; joinMs: number; identical: boolean } | null = null;
if (split > 1) {
  const partMs: number[] = [];
  const partPeak: (number | null)[] = [];
  const joinCache = path.join(work, 'split-join-cache');
  for (let i = 1; i <= split; i++) {
    log(`split build: part ${i}/${split} …`);
    const partCache = path.join(work, `split-cache-${i}`);
    const m = check(await measure(NODE, [...BUILD, '--part', `${i}/${split}`], { cwd: ROOT, env: { ...oursEnv, JIANBAO_CACHE_DIR: partCache } }), `part ${i}`);
    partMs.push(m.ms);
    partPeak.push(m.peakRssBytes);
    await cp(path.join(buildWorkDir(partCache), 'shards'), path.join(buildWorkDir(joinCache), 'shards'), { recursive: true });
  }
  log('split build: join …');
  const splitDist = path.join(work, 'split-dist');
  const join = check(await measure(NODE, BUILD, { cwd: ROOT, env: { ...oursEnv, JIANBAO_CACHE_DIR: joinCache, JIANBAO_OUT_DIR: splitDist } }), 'join');
  const identical = sameTree(oursDist, splitDist);
  splitFigures = { parts: split, partMs, partPeakRssBytes: partPeak, joinMs: join.ms, identical };
}

const query = '网格化管理';
let idxOurs: Measured | null = null;
let idxDefault: Measured | null = null;
let first: Awaited<ReturnType<typeof firstQueryBytes>> | null = null;
let faceted: Awaited<ReturnType<typeof firstQueryBytes>> | null = null;
let queryTimes: Awaited<ReturnType<typeof browserQueryTimes>> | null = null;
// Several terms with a facet chosen: the searches it takes must not grow with the facet values.
const facetedQuery = '小广告 斗虎巷';
let pdf: { issues: number; coldMsPerIssue: number; cachedMsPerIssue: number } | null = null;
const defaultIndexOut = path.join(work, 'index-default');
if (!buildOnly) {
  log('search indexing: ours vs Pagefind default (jieba) …');
  const oursIndexOut = path.join(work, 'index-ours');
  mkdirSync(oursIndexOut);
  mkdirSync(defaultIndexOut);
  idxOurs = check(await measure(NODE, [path.join(ROOT, 'scripts/bench.ts'), '--child', 'index-ours', content, oursIndexOut], { cwd: ROOT }), 'our indexing');
  idxDefault = check(await measure(NODE, [path.join(ROOT, 'scripts/bench.ts'), '--child', 'index-default', oursDist, defaultIndexOut], { cwd: ROOT }), 'default indexing');

  log('first query …');
  first = await firstQueryBytes(oursDist, query);
  faceted = await firstQueryBytes(oursDist, facetedQuery, 10, { 年份: ['2006'] });
  const chromiumForSearch = findChromium();
  log('query time in Chromium, cold and warm …');
  queryTimes = chromiumForSearch ? await browserQueryTimes(oursDist, chromiumForSearch, query, '斗虎巷') : null;

  const chromiumPath = findChromium();
  if (pdfIssues > 0 && chromiumPath) {
    log(`PDF of ${pdfIssues} issues, cold and cached …`);
    const catalog = JSON.parse(readFileSync(path.join(oursDist, 'catalog.json'), 'utf8'));
    const jobs = catalog.issues.slice(0, pdfIssues).map((i: { printUrl: string; series: string; year: number; number: number }) => ({ printUrl: i.printUrl, pdfUrl: `/bench-pdf/${i.series}-${i.year}-${i.number}.pdf` }));
    const cacheDir = path.join(work, 'pdf-cache');
    let t = performance.now();
    await renderPdfs({ distDir: oursDist, jobs, chromiumPath, cacheDir });
    const cold = performance.now() - t;
    t = performance.now();
    const again = await renderPdfs({ distDir: oursDist, jobs, chromiumPath, cacheDir });
    const cached = performance.now() - t;
    if (again.rendered !== 0) throw new Error('cached PDFs were rendered again');
    pdf = { issues: jobs.length, coldMsPerIssue: cold / jobs.length, cachedMsPerIssue: cached / jobs.length };
  }
}

const barePages = countPages(path.join(bare, 'dist'));
const figures = {
  ...coldFigures,
  bare: { ms: bareRun.ms, peakRssBytes: bareRun.peakRssBytes, pages: barePages, pagesPerSecond: barePages / (bareRun.ms / 1000), distBytes: dirSize(path.join(bare, 'dist')) },
  ratioOursToBare: ours.ms / bareRun.ms,
  peakRatioOursToBare: ours.peakRssBytes && bareRun.peakRssBytes ? ours.peakRssBytes / bareRun.peakRssBytes : null,
  rebuildUnchanged: { ms: rebuildSame.ms, peakRssBytes: rebuildSame.peakRssBytes, ratioToCold: rebuildSame.ms / ours.ms, shardsRebuilt: rebuiltShards(rebuildSame), jobs: buildLines(rebuildSame) },
  rebuildNewIssue: { ms: rebuildIssue.ms, peakRssBytes: rebuildIssue.peakRssBytes, ratioToCold: rebuildIssue.ms / ours.ms, shardsRebuilt: rebuiltShards(rebuildIssue), jobs: buildLines(rebuildIssue) },
  rebuild: { ms: rebuild.ms, peakRssBytes: rebuild.peakRssBytes, ratioToCold: rebuild.ms / ours.ms, shardsRebuilt: rebuiltShards(rebuild), jobs: buildLines(rebuild) },
  split: splitFigures,
  searchIndex: idxOurs && idxDefault
    ? {
        ours: { ms: idxOurs.ms, peakRssBytes: idxOurs.peakRssBytes, bytes: dirSize(path.join(oursDist, 'pagefind')) },
        pagefindDefault: { ms: idxDefault.ms, peakRssBytes: idxDefault.peakRssBytes, bytes: dirSize(path.join(defaultIndexOut, 'pagefind')) },
      }
    : null,
  firstQuery: first ? { query, ...first, totalBytes: first.pagefindJs + first.fetched } : null,
  facetedQuery: faceted ? { query: facetedQuery, filters: { 年份: ['2006'] }, searches: faceted.searches, results: faceted.results } : null,
  queryTimeInChromium: queryTimes,
  pdf,
};

const rows: [string, string, string][] = [
  coldRow,
  ['bare Astro + MDX build', s(bareRun.ms), mb(bareRun.peakRssBytes)],
  ['ratio ours / bare (time, peak memory)', `${figures.ratioOursToBare.toFixed(2)}`, figures.peakRatioOursToBare ? figures.peakRatioOursToBare.toFixed(2) : 'n/a'],
  checkRow,
  ['rebuild: nothing changed, no earlier output to stage in', `${s(rebuildSame.ms)} (${(figures.rebuildUnchanged.ratioToCold * 100).toFixed(0)}% of cold)`, mb(rebuildSame.peakRssBytes)],
  [`rebuild: one new issue (${figures.rebuildNewIssue.shardsRebuilt} shards rebuilt)`, `${s(rebuildIssue.ms)} (${(figures.rebuildNewIssue.ratioToCold * 100).toFixed(0)}% of cold)`, mb(rebuildIssue.peakRssBytes)],
  [`rebuild: one old article edited (${figures.rebuild.shardsRebuilt} shards rebuilt)`, `${s(rebuild.ms)} (${(figures.rebuild.ratioToCold * 100).toFixed(0)}% of cold)`, mb(rebuild.peakRssBytes)],
  ...(splitFigures
    ? ([
        [`split build: ${splitFigures.parts} parts (each)`, splitFigures.partMs.map(s).join(' / '), splitFigures.partPeakRssBytes.map(mb).join(' / ')],
        ['split build: join', `${s(splitFigures.joinMs)} (dist ${splitFigures.identical ? 'identical to' : 'DIFFERS from'} one-machine build)`, ''],
      ] as [string, string, string][])
    : []),
  ['pages (ours / bare)', `${pages} / ${barePages}`, ''],
  ['pages per second (ours / bare)', `${figures.ours.pagesPerSecond.toFixed(0)} / ${figures.bare.pagesPerSecond.toFixed(0)}`, ''],
  ['dist size (ours / bare)', `${mb(figures.ours.distBytes)} / ${mb(figures.bare.distBytes)}`, ''],
  searchRow,
  ...(idxOurs && idxDefault && first && figures.searchIndex && figures.firstQuery
    ? ([
        ['search indexing, ours', s(idxOurs.ms), mb(idxOurs.peakRssBytes)],
        ['search indexing, Pagefind default (jieba)', s(idxDefault.ms), mb(idxDefault.peakRssBytes)],
        ['search index size (ours / default)', `${mb(figures.searchIndex.ours.bytes)} / ${mb(figures.searchIndex.pagefindDefault.bytes)}`, ''],
        [`first query "${query}" (${first.results} hits, 10 shown)`, `${kb(figures.firstQuery.totalBytes)} (pagefind.js ${kb(first.pagefindJs)} + ${first.requests} requests ${kb(first.fetched)})`, ''],
        ['Pagefind searches per query (one term / two terms + facet)', `${first.searches} / ${faceted?.searches ?? '–'}`, ''],
        ['query time in Chromium (cold / warm)', queryTimes ? `${queryTimes.coldMs.toFixed(0)} ms / ${queryTimes.warmMs.toFixed(0)} ms` : 'skipped (no Chromium)', ''],
        [
          'first query in Chromium: Pagefind files over the wire, text gzipped as hosts serve it (transferred / decoded)',
          queryTimes ? `${kb(queryTimes.cold.transferredBytes)} / ${kb(queryTimes.cold.decodedBytes)} (${queryTimes.cold.requests} requests, worker script included)` : 'skipped (no Chromium)',
          '',
        ],
      ] as [string, string, string][])
    : []),
  ['PDF per issue (cold / cached)', pdf ? `${s(pdf.coldMsPerIssue)} / ${(pdf.cachedMsPerIssue).toFixed(0)} ms` : 'skipped (no Chromium or --pdf-issues 0)', ''],
];
await report('', rows, figures);
