import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getArchive, getSite } from '../data/archive.ts';
import { articleFeedItems } from '../lib/site/feeds.ts';
import { siteTitle } from '../lib/site/wording.ts';

export async function GET(context: APIContext) {
  const archive = await getArchive();
  const site = await getSite();
  return rss({
    title: `${siteTitle(archive, site)}（文章）`,
    description: `${siteTitle(archive, site)}：最新刊发的文章`,
    site: context.site!,
    items: articleFeedItems(archive),
    customData: '<language>zh-cn</language>',
  });
}
