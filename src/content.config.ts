import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { articleSchema, issueSchema, seriesSchema } from './lib/content/schema.ts';
import { contentRoot, shard } from './lib/settings.ts';

const root = contentRoot();
// Ids are the file paths themselves, so src/data/archive.ts can map an entry
// back to its place in the content tree without guessing.
const pathId = ({ entry }: { entry: string }) => entry;

// Sharded build (src/lib/build/): a process compiles only the MDX bodies of
// its own series-years; the index shard none (it reads frontmatter from
// JIANBAO_ARCHIVE_INPUT instead, see src/data/archive.ts).
const part = shard();
const within = (pattern: string) => (part ? (part.years.size ? [...part.years].map((y) => `${y}/${pattern}`) : ['.jianbao-no-bodies/*']) : [pattern]);

export const collections = {
  series: defineCollection({
    loader: glob({ pattern: '*.{yaml,yml}', base: `${root}/series`, generateId: pathId }),
    schema: seriesSchema,
  }),
  issues: defineCollection({
    loader: glob({ pattern: within('**/index.{md,mdx}'), base: `${root}/issues`, generateId: pathId }),
    schema: issueSchema,
  }),
  articles: defineCollection({
    loader: glob({ pattern: [...within('**/*.{md,mdx}'), '!**/index.{md,mdx}'], base: `${root}/issues`, generateId: pathId }),
    schema: articleSchema,
  }),
};
