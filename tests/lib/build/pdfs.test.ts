/**
 * PDFs across builds: a build stages in the output the one before last
 * replaced, keeps the PDFs of unchanged print pages where they are, renders
 * the changed one, and drops the PDF of an issue taken out — with every link
 * labelled after the PDF it points to.
 */
import { execFile } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/lib/site/catalog.ts';
import { distPath } from '../../../src/lib/site/dist.ts';
import { PROJECT_ROOT } from '../../helpers/build.ts';
import { allFiles } from '../../helpers/dist.ts';
import { pdfInfo, pdfText } from '../../helpers/pdf.ts';

const run = promisify(execFile);
const NODE = path.join(PROJECT_ROOT, 'node_modules/.bin/node');

let work: string;
let content: string;
let dist: string;
/** Inode and change time of each PDF the first build wrote, by URL: any write since changes them. */
let firstInodes: Map<string, string>;

async function build(cacheDir = path.join(work, 'cache'), outDir = dist) {
  const { stdout } = await run(NODE, [path.join(PROJECT_ROOT, 'scripts/build.ts')], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, JIANBAO_CONTENT: content, JIANBAO_OUT_DIR: outDir, JIANBAO_CACHE_DIR: cacheDir, ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

const inode = (i: { pdfUrl: string | null }) => {
  const s = statSync(distPath(dist, i.pdfUrl!, catalog().base), { bigint: true });
  return `${s.ino}:${s.ctimeNs}`;
};
const catalog = (): Catalog => JSON.parse(readFileSync(path.join(dist, 'catalog.json'), 'utf8'));
const pdfsOf = (c: Catalog) => c.issues.filter((i) => i.pdfUrl);
const rendered = (stdout: string) => Number(/PDF (\d+) 个新生成/.exec(stdout)?.[1]);
/** The issue's folder under content/issues. */
const folderOf = (i: { series: string; year: number; number: number }) => path.join(content, 'issues', i.series, String(i.year), String(i.number).padStart(3, '0'));

/** Every PDF link of the site says the page count and size of the file it points to. */
function expectLabelsTrue() {
  for (const issue of pdfsOf(catalog())) {
    const file = distPath(dist, issue.pdfUrl!, catalog().base);
    const page = readFileSync(distPath(dist, issue.url, catalog().base), 'utf8');
    expect(page).toContain(`下载 PDF（${pdfInfo(file).pages} 页，${Math.round(statSync(file).size / 1024)} KB）`);
  }
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'jianbao-pdfs-'));
  content = path.join(work, 'content');
  cpSync(path.join(PROJECT_ROOT, 'tests/fixtures/archive'), content, { recursive: true });
  dist = path.join(work, 'dist');
  const first = await build();
  expect(rendered(first)).toBe(pdfsOf(catalog()).length);
  firstInodes = new Map(pdfsOf(catalog()).map((i) => [i.pdfUrl!, inode(i)]));
  // The second build has no earlier output to stage in yet; it sets the first one aside.
  await build();
}, 900_000);

describe('PDFs in a repeat build', () => {
  it('keeps the unchanged issues’ PDFs in place and renders only the changed one', async () => {
    const [changed, ...others] = pdfsOf(catalog());
    expect(others.length).toBeGreaterThan(0);
    const article = readdirSync(folderOf(changed)).find((f) => f.endsWith('.mdx') && f !== 'index.mdx')!;
    writeFileSync(path.join(folderOf(changed), article), `${readFileSync(path.join(folderOf(changed), article), 'utf8')}\n复用测试补充的一句话。\n`);
    const out = await build();
    expect(rendered(out)).toBe(1);
    // Staged in the first build's output, which the second build set aside: the unchanged PDFs are
    // the very files the first build wrote, not copies; the changed one holds the new text.
    expect(others.map((i) => inode(i))).toEqual(others.map((i) => firstInodes.get(i.pdfUrl!)));
    expect(pdfText(distPath(dist, changed.pdfUrl!, catalog().base)).replace(/\s+/g, '')).toContain('复用测试补充的一句话');
    expectLabelsTrue();
  }, 900_000);

  it('drops the PDF of an issue taken out, and equals a build from an empty output with the same PDF cache', async () => {
    const [gone] = pdfsOf(catalog());
    rmSync(folderOf(gone), { recursive: true });
    await build();
    expect(existsSync(distPath(dist, gone.pdfUrl!, catalog().base))).toBe(false);
    expect(existsSync(path.dirname(distPath(dist, gone.pdfUrl!, catalog().base)))).toBe(false);
    expectLabelsTrue();
    // The same content built with no shard cache and no earlier output, the PDFs from the same cache.
    const fresh = path.join(work, 'fresh-cache');
    cpSync(path.join(work, 'cache', 'jianbao-pdf'), path.join(fresh, 'jianbao-pdf'), { recursive: true });
    const reference = path.join(work, 'reference');
    expect(rendered(await build(fresh, reference))).toBe(0);
    const files = allFiles(dist);
    expect(files).toEqual(allFiles(reference));
    expect(files.filter((f) => !readFileSync(path.join(dist, f)).equals(readFileSync(path.join(reference, f))))).toEqual([]);
  }, 900_000);

  it('after npm run pdf -- --force, every later build has the PDFs rendered last', async () => {
    await run(NODE, [path.join(PROJECT_ROOT, 'scripts/pdf.ts'), '--force'], {
      cwd: PROJECT_ROOT,
      env: { ...process.env, JIANBAO_OUT_DIR: dist, JIANBAO_CACHE_DIR: path.join(work, 'cache') },
    });
    // The links in place say what the new PDFs are.
    expectLabelsTrue();
    const bytes = () => new Map(pdfsOf(catalog()).map((i) => [i.pdfUrl, readFileSync(distPath(dist, i.pdfUrl!, catalog().base)).toString('base64')]));
    const rendered = bytes();
    // The first build stages in an output older than the new PDFs, the second in the one npm run pdf wrote into.
    for (let i = 0; i < 2; i++) {
      await build();
      expect(bytes()).toEqual(rendered);
      expectLabelsTrue();
    }
  }, 900_000);
});
