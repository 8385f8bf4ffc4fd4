import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, issueSchema, seriesSchema } from './lib/content/schema.ts';
import { contentRoot } from './lib/settings.ts';

const root = contentRoot();
// Ids are the file paths themselves, so src/data/archive.ts can map an entry
// back to its place in the content tree without guessing.
const pathId = ({ entry }: { entry: string }) => entry;

export const collections = {
  series: defineCollection({
    loader: glob({ pattern: '*.{yaml,yml}', base: `${root}/series`, generateId: pathId }),
    schema: seriesSchema,
  }),
  issues: defineCollection({
    loader: glob({ pattern: '**/index.{md,mdx}', base: `${root}/issues`, generateId: pathId }),
    schema: issueSchema,
  }),
  articles: defineCollection({
    loader: glob({ pattern: ['**/*.{md,mdx}', '!**/index.{md,mdx}'], base: `${root}/issues`, generateId: pathId }),
    schema: articleSchema,
  }),
};
