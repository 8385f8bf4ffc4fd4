/**
 * Puts the closing block (报尾) at the bottom of the last printed page.
 *
 * CSS has no "last page" selector, so the page works it out: a hidden copy of
 * the bulletin is laid out in columns exactly as tall and wide as the text
 * block (156 × 225 mm). Chromium breaks columns with the same fragmentation
 * rules it uses for pages (orphans, widows, break-inside, break-after), so the
 * copy shows where the 报尾 will fall in print. A spacer of the free height
 * then goes before it. Sets <html data-print-ready> for the PDF renderer.
 */
const MM = 96 / 25.4;

export function pinClosing(): void {
  const bulletin = document.querySelector<HTMLElement>('.bulletin');
  const spacer = bulletin?.querySelector<HTMLElement>('.closing-spacer');
  if (!bulletin || !spacer) return;
  spacer.style.height = '0px';

  const probe = bulletin.cloneNode(true) as HTMLElement;
  probe.classList.add('pagination-probe');
  probe.setAttribute('aria-hidden', 'true');
  document.body.append(probe);
  try {
    const pageHeight = 225 * MM;
    const origin = probe.getBoundingClientRect();
    const closing = probe.querySelector<HTMLElement>('.closing');
    if (!closing) return;
    const box = closing.getBoundingClientRect();
    const column = Math.round((box.left - origin.left) / (156 * MM));
    const free = pageHeight - (box.bottom - origin.top);
    // A hair less than the free space, so rounding never pushes the block onto a new page.
    spacer.style.height = `${Math.max(0, Math.floor(free - 2))}px`;
    document.documentElement.dataset.printReady = String(column + 1);
  } finally {
    probe.remove();
  }
}

export async function setupPrintView(): Promise<void> {
  await document.fonts.ready;
  pinClosing();
  window.addEventListener('beforeprint', pinClosing);
  const button = document.getElementById('print-button') as HTMLButtonElement | null;
  if (button) {
    button.disabled = false;
    button.addEventListener('click', () => window.print());
  }
  const status = document.getElementById('print-status');
  if (status) status.textContent = `共 ${document.documentElement.dataset.printReady} 页`;
}
