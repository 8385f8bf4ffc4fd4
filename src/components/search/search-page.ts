/**
 * The /search/ page: reads ?q= (the header form submits here), runs the
 * query with src/lib/search/query.ts over Pagefind, and renders results,
 * facets and sorting. Results are built as DOM nodes from plain text: bulletin text
 * is never inserted as HTML.
 */
import { searchArchive, type Filters, type PagefindApi, type PagefindResult, type SortOrder } from '../../lib/search/query.ts';
import { bodyExcerpt, bodyUnits, type QueryTerm } from '../../lib/search/text.ts';

const PAGE_SIZE = 10;
const FACET_ORDER = ['年份', '简报', '报送单位'];
const collator = new Intl.Collator('zh-CN');
/** Wide enough for facets beside the results; narrower, they fold away under them. */
const WIDE = '(min-width: 721px)';

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

async function renderResult(result: PagefindResult, terms: QueryTerm[]): Promise<HTMLLIElement> {
  const data = await result.data();
  const excerpt = el('p', { className: 'search-result__excerpt' });
  const units = bodyUnits(data.content, data.meta.written);
  for (const part of bodyExcerpt(units, terms.map((t) => t.keys))) excerpt.append(part.mark ? el('mark', {}, part.text) : part.text);
  const title = el('a', { href: data.url, className: 'search-result__link' });
  if (data.meta.unit) title.append(el('span', { className: 'search-result__unit' }, data.meta.unit));
  title.append(data.meta.title ?? data.url);
  const heading = el('h2', { className: 'search-result__title' }, title);
  if (data.meta.internal) heading.append(' ', el('span', { className: 'search-result__internal', title: '内部资料，不对外公开' }, '内部'));
  return el(
    'li',
    { className: 'search-result' },
    heading,
    el(
      'p',
      { className: 'search-result__meta' },
      el('a', { href: data.meta.issueUrl ?? '#', className: 'search-result__issue' }, data.meta.issue ?? ''),
      ' · ',
      el('span', { className: 'search-result__date' }, data.meta.date ?? ''),
    ),
    excerpt,
  );
}

/** What the status line calls the query: its terms, without the quotes a reader may have typed. */
const queryLabel = (terms: QueryTerm[]) => terms.map((t) => t.label).join(' ');

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
  const facetsBox = root.querySelector<HTMLDetailsElement>('#search-facets-box')!;
  // Open beside the results on a wide screen, folded under them on a phone.
  const wide = matchMedia(WIDE);
  facetsBox.open = wide.matches;
  wide.addEventListener('change', () => (facetsBox.open = wide.matches));

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
    await pagefind.init();
    // Loads the filter index up front: without it the first results come back without facet counts.
    await pagefind.filters();
  } catch {
    // No index: `npm run dev` has none, or the files did not load.
    status.textContent = '搜索暂时不可用（未能载入搜索索引）。本地预览请先运行 npm run build，再用 npm run preview 打开。';
    return;
  }

  // The chunks' word ranges are fetched for the first query with a short term only (12 KB at 6,000 articles).
  let rangesLoading: Promise<[string, string][]> | undefined;
  const ranges = () =>
    (rangesLoading ??= fetch(`${base}jianbao-chunks.json`)
      .then((res) => {
        if (!res.ok) throw new Error(`jianbao-chunks.json: HTTP ${res.status}`);
        return res.json() as Promise<[string, string][]>;
      })
      .catch((error: unknown) => {
        rangesLoading = undefined; // a later query tries again
        throw error;
      }));

  let shown: PagefindResult[] = [];
  let terms: QueryTerm[] = [];
  let run = 0;

  const showMore = async (mine: number) => {
    const next = shown.splice(0, PAGE_SIZE);
    const items = await Promise.all(next.map((r) => renderResult(r, terms)));
    if (mine !== run) return; // a newer query has cleared the list meanwhile
    list.append(...items);
    more.hidden = shown.length === 0;
  };

  const renderFacets = (counts: Record<string, Record<string, number>>) => {
    facets.replaceChildren();
    facetsBox.hidden = true;
    for (const name of FACET_ORDER) {
      const values = Object.entries(counts[name] ?? {}).filter(([, n]) => n > 0);
      if (!values.length && !state.filters[name]) continue;
      // Years newest first; series and units by pinyin, as in every other list of the site.
      values.sort(([a], [b]) => (name === '年份' ? Number(b) - Number(a) : collator.compare(a, b)));
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
      facetsBox.hidden = false;
    }
  };

  // An index file did not load: the connection dropped, or the site was replaced meanwhile.
  const failed = (mine: number) => {
    if (mine !== run) return;
    status.textContent = '搜索出错：部分索引文件未能载入。请检查网络后重新搜索，或刷新页面。';
    more.hidden = true;
    document.documentElement.dataset.searchDone = String(run);
  };

  const execute = async () => {
    const mine = ++run;
    writeState(state.q, state.sort, state.filters);
    list.replaceChildren();
    more.hidden = true;
    if (!state.q) {
      status.textContent = '请输入要搜索的内容。';
      facets.replaceChildren();
      facetsBox.hidden = true;
      return;
    }
    status.textContent = '正在搜索…';
    try {
      const found = await searchArchive(pagefind, state.q, state.filters, state.sort, ranges);
      if (mine !== run) return;
      shown = [...found.results];
      terms = found.terms;
      const label = queryLabel(found.terms) || state.q;
      status.textContent = found.results.length ? `“${label}”共找到 ${found.results.length} 篇文章` : `没有找到包含“${label}”的文章。`;
      renderFacets(found.counts);
      await showMore(mine);
    } catch {
      // A query the reader has since replaced fails quietly: the newer one owns the page.
      if (mine !== run) return;
      facets.replaceChildren();
      facetsBox.hidden = true;
      return failed(mine);
    }
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
  more.addEventListener('click', () => {
    const mine = run;
    void showMore(mine).catch(() => failed(mine));
  });
  await execute();
}
