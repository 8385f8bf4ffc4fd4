import rss from '@astrojs/rss';
import type { APIContext } from 'astro';
import { getArchive, getSite } from '../data/archive.ts';
import { issueFeedItems } from '../lib/site/feeds.ts';
import { siteTitle } from '../lib/site/wording.ts';

export async function GET(context: APIContext) {
  const archive = await getArchive();
  const site = await getSite();
  return rss({
    title: siteTitle(archive, site),
    description: `${siteTitle(archive, site)}：最新各期简报`,
    site: context.site!,
    items: issueFeedItems(archive),
    customData: '<language>zh-cn</language>',
  });
}
