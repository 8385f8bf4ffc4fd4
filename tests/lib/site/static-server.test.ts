import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { get } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDir, type Served } from '../../../src/lib/site/static-server.ts';

let root: string;
let plain: Served;
let host: Served;
const script = 'export const words = "网格化管理";\n'.repeat(200);
const chunk = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4]);

function fetchRaw(url: string, acceptEncoding?: string): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {} }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => resolve({ headers: res.headers, body: Buffer.concat(parts) }));
    }).on('error', reject);
  });
}

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'jianbao-serve-'));
  await mkdir(path.join(root, 'pagefind/index'), { recursive: true });
  await writeFile(path.join(root, 'pagefind/pagefind.js'), script);
  await writeFile(path.join(root, 'pagefind/index/zh_1.pf_index'), chunk);
  await writeFile(path.join(root, '404.html'), '<p>找不到</p>');
  plain = await serveDir(root);
  host = await serveDir(root, '/', { compress: true });
});
afterAll(async () => {
  await plain?.close();
  await host?.close();
  await rm(root, { recursive: true, force: true });
});

describe('serving a built site as a static host does', () => {
  it('gzips text for a browser that accepts it, and the bytes are the file', async () => {
    const res = await fetchRaw(`${host.url}/pagefind/pagefind.js`, 'gzip, deflate, br');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.headers.vary).toBe('Accept-Encoding');
    expect(res.body.length).toBeLessThan(Buffer.byteLength(script) / 10);
    expect(gunzipSync(res.body).toString('utf8')).toBe(script);
  });

  it('sends text as it is to a client that does not accept gzip', async () => {
    const res = await fetchRaw(`${host.url}/pagefind/pagefind.js`);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.toString('utf8')).toBe(script);
  });

  it('leaves Pagefind\'s own compressed files alone', async () => {
    const res = await fetchRaw(`${host.url}/pagefind/index/zh_1.pf_index`, 'gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.body.equals(chunk)).toBe(true);
  });

  it('compresses nothing unless asked (the PDF renderer reads pages over loopback)', async () => {
    const res = await fetchRaw(`${plain.url}/pagefind/pagefind.js`, 'gzip');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toBeUndefined();
    expect(res.body.toString('utf8')).toBe(script);
  });
});
