import type { APIRoute } from 'astro';
import { getArchive } from '../data/archive.ts';
import { buildCatalog } from '../lib/site/catalog.ts';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(buildCatalog(await getArchive()), null, 2), {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
