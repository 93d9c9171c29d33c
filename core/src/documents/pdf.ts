import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';

/**
 * Bills and receipts become PDF through Chromium's print (DESIGN.md "Documents"), so Hindi and
 * Punjabi shape correctly with the fonts shipped in resources/fonts. Electron passes its own
 * printer (webContents.printToPDF); browser mode and tests use a headless Chromium.
 */
export interface PdfPrinter {
  /** Render a complete HTML document (see documents/html.ts) to PDF bytes. */
  print(html: string, options?: { paper?: 'A4' | 'receipt80' }): Promise<Buffer>;
  close(): Promise<void>;
}

/** Where assets referenced by documents (`/fonts/…`) are served from during printing. */
const ASSET_ORIGIN = 'http://mgramseva.documents';

export function resourcesDir(): string {
  const fromEnv = process.env['MGRAMSEVA_RESOURCES_DIR'];
  if (fromEnv) return fromEnv;
  // dist/core/*.mjs and core/src/documents/*.ts both sit below the repository root.
  let dir = path.dirname(new URL(import.meta.url).pathname);
  while (!fs.existsSync(path.join(dir, 'resources', 'fonts')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'resources');
}

export function chromiumExecutable(): string | undefined {
  const candidates = [process.env['MGRAMSEVA_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | undefined;

  private async launch(): Promise<Browser> {
    const executablePath = chromiumExecutable();
    if (!executablePath) throw new Error('No Chromium found to print PDFs (install chromium or set MGRAMSEVA_CHROMIUM).');
    const { chromium } = await import('playwright-core');
    return chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  async print(html: string, options: { paper?: 'A4' | 'receipt80' } = {}): Promise<Buffer> {
    this.browser ??= this.launch();
    const browser = await this.browser;
    const page = await browser.newPage();
    try {
      const root = resourcesDir();
      await page.route(`${ASSET_ORIGIN}/**`, async (route) => {
        const url = new URL(route.request().url());
        if (url.pathname === '/document') return route.fulfill({ body: html, contentType: 'text/html; charset=utf-8' });
        const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
        if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
        return route.fulfill({ path: file });
      });
      await page.goto(`${ASSET_ORIGIN}/document`, { waitUntil: 'load' });
      await page.evaluate('document.fonts.ready.then(() => undefined)');
      const paper = options.paper === 'receipt80' ? { width: '80mm', height: '200mm' } : { format: 'A4' as const };
      return await page.pdf({ ...paper, printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    if (this.browser) await (await this.browser).close();
    this.browser = undefined;
  }
}
