/** A minimal static file server over a built dist/, on loopback only: the PDF renderer and browser tests load pages through it. */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { createGzip } from 'node:zlib';
import { distPath } from './dist.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
  '.svg': 'image/svg+xml',
  '.xml': 'application/xml',
};

/** What a static host compresses on the way out: text, not wasm, PDFs or Pagefind's (already gzipped) index files. */
const COMPRESSED = new Set(['.html', '.css', '.js', '.json', '.svg', '.xml']);

export interface ServeOptions {
  /** Per-path response headers (e.g. a CSP). */
  headers?: (pathname: string) => Record<string, string>;
  /** Gzip text for a client that accepts it, as static hosts do: what a reader's browser really transfers. */
  compress?: boolean;
}

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** Serves `root` at `base` (the site's base path) on an ephemeral loopback port. */
export async function serveDir(root: string, base = '/', { headers, compress = false }: ServeOptions = {}): Promise<Served> {
  const server: Server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://x').pathname;
    if (!pathname.startsWith(base)) return void res.writeHead(404).end();
    let file: string;
    try {
      file = distPath(root, pathname, base);
    } catch {
      return void res.writeHead(400).end(); // malformed escapes such as /%zz
    }
    if (!file.startsWith(root)) return void res.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = path.join(file, 'index.html');
      statSync(file);
    } catch {
      res.writeHead(404, { 'Content-Type': TYPES['.html'] });
      return void createReadStream(path.join(root, '404.html')).on('error', () => res.end()).pipe(res);
    }
    const ext = path.extname(file);
    const gzip = compress && COMPRESSED.has(ext) && /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, {
      'Content-Type': TYPES[ext] ?? 'application/octet-stream',
      ...(compress ? { Vary: 'Accept-Encoding' } : {}),
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      ...headers?.(pathname),
    });
    const body = createReadStream(file);
    if (gzip) body.pipe(createGzip()).pipe(res);
    else body.pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A TCP port free on 127.0.0.1 right now (for a server started by another process, such as `astro dev`). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}
