/**
 * Paginates the print view on screen exactly as Chromium paginates it on
 * paper, and puts the 报尾 at the foot of the last page.
 *
 * The bulletin flows through columns exactly as tall and wide as the text
 * block (156 × 225 mm). Chromium breaks columns with the same fragmentation
 * rules it uses for pages (orphans, widows, break-inside, break-after), so
 * column k is page k + 1. Each page is then shown on its own A4 sheet through
 * a window onto that column, and the 报尾 gets the free height above it as
 * padding. When printing, the columns are switched off and the same padding
 * puts the 报尾 on the same page of paper.
 *
 * Sets <html data-print-ready="N"> (N pages) when done, or
 * <html data-print-error="…"> when it cannot lay the issue out, so the PDF
 * renderer never waits for nothing.
 */
const MM = 96 / 25.4;
const BLOCK_W = 156 * MM;
const BLOCK_H = 225 * MM;
/** Column pitch: text block plus the 54 mm column gap (the two side margins), as print.css sets it. */
const PITCH = 210 * MM;
/** Less than the free height by a hair, so rounding never pushes the 报尾 onto a new page. */
const SAFETY_PX = 0.5;

interface Place {
  page: number;
  bottom: number;
}

function place(flow: HTMLElement, el: Element): Place {
  const origin = flow.getBoundingClientRect();
  // The last fragment: an element split over columns reports one rect per column.
  const rects = el.getClientRects();
  const box = rects.length ? rects[rects.length - 1] : el.getBoundingClientRect();
  const page = Math.floor((box.left - origin.left + 1) / PITCH);
  return { page: page + 1, bottom: box.bottom - origin.top };
}

/** Number of pages the flow fills. */
function countPages(flow: HTMLElement): number {
  const origin = flow.getBoundingClientRect();
  let right = origin.left + BLOCK_W;
  // The last element's last fragment marks the last column; scrollWidth would count an empty trailing gap.
  const walker = document.createTreeWalker(flow, NodeFilter.SHOW_ELEMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    for (const r of (n as Element).getClientRects()) if (r.width > 0 || r.height > 0) right = Math.max(right, r.right);
  }
  return Math.max(1, Math.ceil((right - origin.left - 1) / PITCH));
}

/**
 * Lays out the 报尾: at the foot of the page it falls on, or, for duplex
 * series, of the next even page (a blank page first when needed).
 */
export function pinClosing(flow: HTMLElement, duplex: boolean): void {
  const pin = flow.querySelector<HTMLElement>('[data-closing]');
  if (!pin) return;
  flow.querySelector('.blank-page')?.remove();
  pin.classList.remove('closing-pin--own-page', 'closing-pin--after-blank');
  pin.style.paddingTop = '0px';
  let at = place(flow, pin);
  if (duplex && at.page % 2 === 1) {
    const bodyEnd = pin.previousElementSibling ? place(flow, pin.previousElementSibling).page : 0;
    pin.classList.add('closing-pin--own-page');
    if (bodyEnd < at.page) {
      // The body ends on an even page: a blank page, then the 报尾 on the next even page.
      const blank = document.createElement('div');
      blank.className = 'blank-page';
      blank.setAttribute('aria-hidden', 'true');
      pin.before(blank);
      pin.classList.add('closing-pin--after-blank');
    }
    at = place(flow, pin);
  }
  const free = BLOCK_H - at.bottom;
  pin.style.paddingTop = `${Math.max(0, free - SAFETY_PX)}px`;
}

/** Pages that carry no number: a blank page and the 报尾 page after it, and page 1 if the series says so. */
function unnumbered(flow: HTMLElement, pages: number): Set<number> {
  const out = new Set<number>();
  if (flow.classList.contains('bulletin--no-first-number')) out.add(1);
  const blank = flow.querySelector('.blank-page');
  if (blank) {
    const p = place(flow, blank).page;
    for (let i = p; i <= pages; i++) out.add(i);
  }
  return out;
}

function stripIds(root: Element): void {
  root.removeAttribute('id');
  for (const el of root.querySelectorAll('[id]')) el.removeAttribute('id');
}

/** Shows each page of the flow on its own sheet; returns the page count. */
export function paginate(container: HTMLElement, flow: HTMLElement, duplex: boolean): number {
  container.classList.add('sheets--paged');
  flow.classList.add('paged-flow');
  for (const old of container.querySelectorAll('.sheet--copy')) old.remove();
  let first = container.querySelector<HTMLElement>('.sheet');
  if (!first) {
    first = sheet(1);
    container.append(first);
    first.querySelector('.sheet__window')!.append(flow);
  }
  pinClosing(flow, duplex);
  const pages = countPages(flow);
  const skip = unnumbered(flow, pages);
  number(first, 1, skip);
  for (let p = 2; p <= pages; p++) {
    const s = sheet(p);
    s.classList.add('sheet--copy');
    s.setAttribute('aria-hidden', 'true');
    s.inert = true;
    const copy = flow.cloneNode(true) as HTMLElement;
    stripIds(copy);
    copy.style.transform = `translateX(${-(p - 1) * PITCH}px)`;
    s.querySelector('.sheet__window')!.append(copy);
    number(s, p, skip);
    container.append(s);
  }
  return pages;
}

function sheet(page: number): HTMLElement {
  const s = document.createElement('section');
  s.className = `sheet ${page % 2 ? 'sheet--odd' : 'sheet--even'}`;
  s.setAttribute('aria-label', `第 ${page} 页`);
  const win = document.createElement('div');
  win.className = 'sheet__window';
  s.append(win);
  return s;
}

function number(s: HTMLElement, page: number, skip: Set<number>): void {
  s.querySelector('.sheet__number')?.remove();
  if (skip.has(page)) return;
  const n = document.createElement('div');
  n.className = 'sheet__number';
  n.setAttribute('aria-hidden', 'true');
  n.textContent = `— ${page} —`;
  s.append(n);
}

/** Scales the sheets down to the screen width on narrow screens (phones); print ignores it. */
function fitToScreen(container: HTMLElement): void {
  const sheetWidth = 210 * MM + 16;
  const scale = Math.min(1, document.documentElement.clientWidth / sheetWidth);
  container.style.setProperty('zoom', String(scale));
}

/** Roles whose official face is missing, with the stand-in used instead, in Chinese. */
export async function fontSubstitutions(): Promise<string[]> {
  const roles: [string, string[], string][] = [
    ['正文仿宋', ['FangSong', '仿宋', 'FangSong_GB2312', '仿宋_GB2312', 'STFangsong', '华文仿宋'], '霞鹜文楷（LXGW WenKai）'],
    ['楷体', ['KaiTi', '楷体', 'KaiTi_GB2312', '楷体_GB2312', 'STKaiti', '华文楷体'], '文鼎楷体（AR PL UKai）'],
    ['标题小标宋', ['FZXiaoBiaoSong-B05S', '方正小标宋简体', '方正小标宋_GBK', 'FZXiaoBiaoSong-B05'], '思源宋体加粗（Noto Serif CJK SC Bold）'],
  ];
  const out: string[] = [];
  for (const [role, names, stand] of roles) {
    const face = new FontFace(`jb-probe-${out.length}-${role}`, names.map((n) => `local("${n}")`).join(', '));
    const found = await face.load().then(
      () => true,
      () => false,
    );
    if (!found) out.push(`${role}未安装，以${stand}代替`);
  }
  return out;
}

export async function setupPrintView(): Promise<void> {
  const html = document.documentElement;
  const status = document.getElementById('print-status');
  if (status) status.hidden = false;
  try {
    await document.fonts.ready;
    const container = document.getElementById('sheets');
    const flow = container?.querySelector<HTMLElement>('.bulletin');
    if (!container || !flow) throw new Error('页面缺少 .bulletin');
    const pages = paginate(container, flow, html.dataset.duplex === 'true');
    fitToScreen(container);
    window.addEventListener('resize', () => fitToScreen(container));
    const subs = await fontSubstitutions();
    const fonts = document.getElementById('print-fonts');
    if (fonts) fonts.textContent = subs.length ? `字体替代：${subs.join('；')}。` : '';
    html.dataset.fontSubstitutions = subs.join('；');
    const button = document.getElementById('print-button') as HTMLButtonElement | null;
    if (button) {
      button.hidden = false;
      button.addEventListener('click', () => window.print());
    }
    if (status) status.textContent = `共 ${pages} 页`;
    html.dataset.printReady = String(pages);
  } catch (e) {
    if (status) status.textContent = '排版失败，请用 Ctrl+P 打印';
    html.dataset.printError = (e as Error).message || String(e);
  }
}
