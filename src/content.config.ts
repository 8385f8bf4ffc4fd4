import { defineCollection } from 'astro:content';
import { contentLoader } from './lib/content/loader.ts';
import { articleSchema, issueSchema, seriesSchema } from './lib/content/schema.ts';
import { contentRoot } from './lib/settings.ts';

// Every collection reads content/ through the one content reader (src/lib/content/read.ts):
// entry ids are paths relative to the content root, e.g. issues/lc/2021/028/index.mdx.
const root = contentRoot();

export const collections = {
  series: defineCollection({ loader: contentLoader('series', root), schema: seriesSchema }),
  issues: defineCollection({ loader: contentLoader('issues', root), schema: issueSchema }),
  articles: defineCollection({ loader: contentLoader('articles', root), schema: articleSchema }),
};
