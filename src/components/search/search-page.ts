/**
 * The /search/ page: reads ?q= (the header form submits here), runs the
 * query with src/lib/search.ts over Pagefind, and renders results, facets
 * and sorting. Results are built as DOM nodes from plain text: bulletin text
 * is never inserted as HTML.
 */
import { searchArchive, type Filters, type PagefindApi, type PagefindResult, type SortOrder } from '../../lib/search/query.ts';
import { excerptParts } from '../../lib/search/text.ts';

const PAGE_SIZE = 10;
const FACET_ORDER = ['年份', '简报', '报送单位'];

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, string | boolean> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function readState(): { q: string; sort: SortOrder; filters: Filters } {
  const params = new URLSearchParams(location.search);
  const filters: Filters = {};
  for (const name of FACET_ORDER) {
    const v = params.get(name);
    if (v) filters[name] = [v];
  }
  return { q: params.get('q')?.trim() ?? '', sort: params.get('sort') === 'date' ? 'date' : 'relevance', filters };
}

function writeState(q: string, sort: SortOrder, filters: Filters) {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (sort === 'date') params.set('sort', 'date');
  for (const [name, [v]] of Object.entries(filters)) if (v) params.set(name, v);
  history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
}

async function renderResult(result: PagefindResult): Promise<HTMLLIElement> {
  const data = await result.data();
  const excerpt = el('p', { className: 'search-result__excerpt' });
  for (const part of excerptParts(data.excerpt)) excerpt.append(part.mark ? el('mark', {}, part.text) : part.text);
  const title = el('a', { href: data.url, className: 'search-result__link' });
  if (data.meta.unit) title.append(el('span', { className: 'search-result__unit' }, data.meta.unit));
  title.append(data.meta.title ?? data.url);
  return el(
    'li',
    { className: 'search-result' },
    el('h2', { className: 'search-result__title' }, title),
    el('p', { className: 'search-result__meta' }, el('a', { href: data.meta.issueUrl ?? '#' }, data.meta.issue ?? ''), ` · ${data.meta.date ?? ''}`),
    excerpt,
  );
}

export async function startSearchPage(): Promise<void> {
  const root = document.querySelector<HTMLElement>('.search');
  if (!root) return;
  const form = root.querySelector<HTMLFormElement>('form')!;
  const input = root.querySelector<HTMLInputElement>('#search-q')!;
  const sortSelect = root.querySelector<HTMLSelectElement>('#search-sort')!;
  const status = root.querySelector<HTMLElement>('#search-status')!;
  const list = root.querySelector<HTMLOListElement>('#search-results')!;
  const more = root.querySelector<HTMLButtonElement>('#search-more')!;
  const facets = root.querySelector<HTMLElement>('#search-facets')!;

  const state = readState();
  input.value = state.q;
  sortSelect.value = state.sort;
  const headerInput = document.querySelector<HTMLInputElement>('#site-search');
  if (headerInput) headerInput.value = state.q;

  status.textContent = '正在载入索引…';
  const base = root.dataset.pagefindBase ?? '/pagefind/';
  let pagefind: PagefindApi & { options(o: object): Promise<void>; init(): Promise<void> };
  try {
    pagefind = await import(/* @vite-ignore */ `${base}pagefind.js`);
    await pagefind.options({ excerptLength: 40 });
    await pagefind.init();
    // Loads the filter index up front: without it the first results come back without facet counts.
    await pagefind.filters();
  } catch {
    // No index: `npm run dev` has none, or the files did not load.
    status.textContent = '搜索暂时不可用（未能载入搜索索引）。本地预览请先运行 npm run build，再用 npm run preview 打开。';
    return;
  }

  let shown: PagefindResult[] = [];
  let run = 0;

  const showMore = async () => {
    const next = shown.splice(0, PAGE_SIZE);
    const items = await Promise.all(next.map(renderResult));
    list.append(...items);
    more.hidden = shown.length === 0;
  };

  const renderFacets = (counts: Record<string, Record<string, number>>) => {
    facets.replaceChildren();
    for (const name of FACET_ORDER) {
      const values = Object.entries(counts[name] ?? {}).filter(([, n]) => n > 0);
      if (!values.length && !state.filters[name]) continue;
      values.sort(([a, na], [b, nb]) => (name === '年份' ? Number(b) - Number(a) : nb - na || a.localeCompare(b, 'zh-CN')));
      const group = el('fieldset', { className: 'facet' }, el('legend', {}, name));
      const option = (value: string, label: string, count?: number) => {
        const radio = el('input', { type: 'radio', name: `facet-${name}`, value, checked: (state.filters[name]?.[0] ?? '') === value });
        radio.addEventListener('change', () => {
          if (value) state.filters[name] = [value];
          else delete state.filters[name];
          void execute();
        });
        return el('label', { className: 'facet__option' }, radio, ` ${label}`, count === undefined ? '' : el('span', { className: 'facet__count' }, ` ${count}`));
      };
      group.append(option('', '全部'));
      for (const [value, n] of values) group.append(option(value, value, n));
      facets.append(group);
    }
  };

  const execute = async () => {
    const mine = ++run;
    writeState(state.q, state.sort, state.filters);
    list.replaceChildren();
    more.hidden = true;
    if (!state.q) {
      status.textContent = '请输入要搜索的内容。';
      facets.replaceChildren();
      return;
    }
    status.textContent = '正在搜索…';
    const found = await searchArchive(pagefind, state.q, state.filters, state.sort);
    if (mine !== run) return;
    shown = [...found.results];
    status.textContent = found.results.length ? `“${state.q}”共找到 ${found.results.length} 篇文章` : `没有找到包含“${state.q}”的文章。`;
    renderFacets(found.counts);
    await showMore();
    document.documentElement.dataset.searchDone = String(run);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    state.q = input.value.trim();
    void execute();
  });
  sortSelect.addEventListener('change', () => {
    state.sort = sortSelect.value === 'date' ? 'date' : 'relevance';
    void execute();
  });
  more.addEventListener('click', () => void showMore());
  await execute();
}
