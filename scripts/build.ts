/**
 * npm run build [-- --verbose] [--wait] [--jobs N] [--batch N] [--part I/N]
 * Builds the whole site into dist/ (or $JIANBAO_OUT_DIR), replacing it only
 * when everything succeeded.
 */
import path from 'node:path';
import { BATCH_ARTICLES, BUILD_PHASES, BuildError, buildSite } from '../src/lib/build/run.ts';
import { BuildLockedError } from '../src/lib/build/lock.ts';
import { audience, basePath, cacheDir, contentRoot, pdfWanted, shardYears } from '../src/lib/settings.ts';
import { fail, parseCli } from './lib/cli.ts';

const HELP = `用法：npm run build [-- 选项]

检查内容，分片构建整个网站（页面、搜索索引、PDF），全部成功后才替换 dist/。
未改动的分片（往年的简报）直接沿用缓存，发布新一期只重建当年的分片。
构建失败或按 Ctrl-C 中断时，原有 dist/ 保持不变。同一项目同时只能有一个构建。

  --verbose      显示各分片 Astro 的完整日志
  --wait         已有构建在进行时排队等待（默认：报错退出）
  --jobs N       同时运行的构建进程数（默认：CPU 核数）
  --batch N      同时渲染的文章数上限，各 Astro 进程合计（默认 ${BATCH_ARTICLES}；2000 篇约占 1.1 GB 内存，
                 内存小的机器调低）
  --part I/N     只构建第 I 部分（共 N 部分）的分片，存入缓存，不写 dist/；
                 供 CI 并行构建，最后一个作业合并缓存后运行 npm run build（见 README）
  -h, --help     显示本帮助

环境变量：JIANBAO_CONTENT（内容目录）、JIANBAO_OUT_DIR（输出目录，默认 dist）、
JIANBAO_CACHE_DIR（缓存目录，默认 node_modules/.astro）、BULLETIN_INCLUDE=internal（内网版）、
SITE_URL、BASE_PATH、JIANBAO_PDF=0（不生成 PDF）、JIANBAO_SHARD_YEARS（往年每几年一个分片，默认 1）。
`;

const { values } = parseCli(HELP, {
  options: {
    verbose: { type: 'boolean', default: false },
    wait: { type: 'boolean', default: false },
    jobs: { type: 'string' },
    batch: { type: 'string' },
    part: { type: 'string' },
  },
});

const root = path.resolve(import.meta.dirname, '..');
let part: { index: number; count: number } | undefined;
if (values.part) {
  const m = /^(\d+)\/(\d+)$/.exec(values.part);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > Number(m[2])) fail(`--part：“${values.part}”无效（应为 I/N，如 2/4，1 ≤ I ≤ N）`);
  part = { index: Number(m[1]), count: Number(m[2]) };
}
const jobs = values.jobs === undefined ? undefined : Number(values.jobs);
if (jobs !== undefined && !(Number.isInteger(jobs) && jobs > 0)) fail(`--jobs：“${values.jobs}”无效（应为正整数）`);
const batchArticles = values.batch === undefined ? undefined : Number(values.batch);
if (batchArticles !== undefined && !(Number.isInteger(batchArticles) && batchArticles > 0)) fail(`--batch：“${values.batch}”无效（应为正整数）`);
let years;
try {
  years = shardYears();
} catch (e) {
  fail((e as Error).message);
}

let who;
try {
  who = audience();
} catch (e) {
  fail((e as Error).message);
}

const outDir = path.resolve(root, process.env.JIANBAO_OUT_DIR || 'dist');
try {
  const report = await buildSite({
    projectRoot: root,
    contentDir: contentRoot(root),
    outDir,
    cacheDir: cacheDir(root),
    audience: who,
    site: process.env.SITE_URL || 'http://localhost:4321',
    base: basePath(),
    pdf: pdfWanted(),
    env: process.env,
    jobs,
    shardYears: years,
    batchArticles,
    part,
    wait: values.wait,
    info: (l) => console.log(l),
    warn: (l) => console.warn(l),
    detail: values.verbose ? (l) => console.log(l) : undefined,
  });
  const built = report.shards.filter((s) => !s.cached).length;
  const seconds = (report.ms / 1000).toFixed(1);
  const steps = `（${report.phases.map((p) => `${BUILD_PHASES[p.name]} ${(p.ms / 1000).toFixed(1)} 秒`).join('，')}）`;
  if (part) {
    console.log(`第 ${part.index}/${part.count} 部分完成：${report.shards.length} 个分片（${built} 个新建，${report.shards.length - built} 个沿用缓存），用时 ${seconds} 秒${steps}。`);
  } else {
    const pdf = report.pdf ? `，PDF ${report.pdf.rendered} 个新生成、${report.pdf.cached} 个沿用缓存` : '';
    console.log(`构建完成：${report.pages} 个页面，${report.shards.length} 个分片（${built} 个重建，${report.shards.length - built} 个沿用缓存）${pdf}，用时 ${seconds} 秒${steps} → ${path.relative(process.cwd(), outDir) || outDir}`);
  }
} catch (e) {
  if (e instanceof BuildLockedError) fail(e.message);
  if (e instanceof BuildError) {
    for (const d of e.details) console.error(d);
    fail(e.message);
  }
  throw e;
}
