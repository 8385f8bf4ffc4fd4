/** Prints HTML to PDF with the system Chromium, as an office would print a document. */
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../../../../src/lib/print/chromium.ts';

/** A4 PDF of `html`, with an optional running header and footer (page numbers). */
export async function printHtml(html: string, options: { header?: string; footer?: string } = {}): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: requireChromium(), args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({
      format: 'A4',
      margin: { top: '37mm', bottom: '35mm', left: '28mm', right: '26mm' },
      displayHeaderFooter: Boolean(options.header || options.footer),
      headerTemplate: options.header ?? '<span></span>',
      footerTemplate: options.footer ?? '<span></span>',
    });
  } finally {
    await browser.close();
  }
}

/** Office-like styles: 16 pt body indented two characters, centred titles, red masthead. */
export const PLAIN_STYLE = `<style>
  body { font-family: 'Noto Serif CJK SC', serif; font-size: 16pt; line-height: 1.8; margin: 0; }
  p { margin: 0; text-indent: 2em; text-align: justify; }
  .c { text-align: center; text-indent: 0; } .t { font-size: 22pt; font-weight: bold; }
  .m { color: red; font-size: 36pt; font-weight: bold; } .r { text-align: right; } .n { text-indent: 0; }
</style>`;

