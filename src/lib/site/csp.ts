/**
 * The Content-Security-Policy the site is built to run under: no inline
 * script or style anywhere. Only /search/ needs more: Pagefind compiles its
 * WebAssembly. README's nginx recipe sends exactly these.
 */
const BASE = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
];

export const CSP = [...BASE, "script-src 'self'"].join('; ');
export const SEARCH_CSP = [...BASE, "script-src 'self' 'wasm-unsafe-eval'", "worker-src 'self'", "connect-src 'self'"].join('; ');
