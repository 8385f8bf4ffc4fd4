import { defineCollection } from 'astro:content';
import { contentLoader } from './lib/content/loader.ts';
import { articleSchema, issueSchema, seriesSchema } from './lib/content/schema.ts';
import { contentRoot, shard } from './lib/settings.ts';

// Every collection reads content/ through the one content reader (src/lib/content/read.ts):
// entry ids are paths relative to the content root, e.g. issues/lc/2021/028/index.mdx.
const root = contentRoot();

// Sharded build (src/lib/build/): a process reads and renders only the bodies of its own
// series-years; the index shard none (it gets every entry's frontmatter from
// JIANBAO_ARCHIVE_INPUT instead, see src/data/archive.ts).
const part = shard();
const only = part ? (rel: string) => !rel.startsWith('issues/') || part.years.has(rel.split('/').slice(1, 3).join('/')) : undefined;

export const collections = {
  series: defineCollection({ loader: contentLoader('series', root, only), schema: seriesSchema }),
  issues: defineCollection({ loader: contentLoader('issues', root, only), schema: issueSchema }),
  articles: defineCollection({ loader: contentLoader('articles', root, only), schema: articleSchema }),
};
