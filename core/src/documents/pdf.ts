import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Paper, PdfPrinter } from '../platform/pdf.js';

export type { PdfPrinter };

/** Where assets referenced by documents (`/fonts/…`) are served from during printing. */
const ASSET_ORIGIN = 'http://mgramseva.documents';

export function resourcesDir(): string {
  const fromEnv = process.env['MGRAMSEVA_RESOURCES_DIR'];
  if (fromEnv) return fromEnv;
  // dist/core/*.mjs and core/src/documents/*.ts both sit below the repository root.
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'resources', 'fonts')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, 'resources');
}

export function chromiumExecutable(): string | undefined {
  const candidates = [process.env['MGRAMSEVA_CHROMIUM'], '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => !!c && fs.existsSync(c));
}

/**
 * The PDF printer of browser mode and the tests (platform/pdf.ts): a headless Chromium, launched
 * on the first print (or by warm()) and kept. Pages are kept too (a small pool):
 * a page that has printed once has the fonts in its cache, so the next document only lays out
 * and prints — most of a single bill's time was opening a page and loading fonts into it.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | undefined;
  private readonly idle: Page[] = [];
  /** The document each page is printing now, served to it at /document. */
  private readonly documents = new WeakMap<Page, string>();
  private static readonly POOL = 2;

  private async launch(): Promise<Browser> {
    const executablePath = chromiumExecutable();
    if (!executablePath) throw new Error('No Chromium found to print PDFs (install chromium or set MGRAMSEVA_CHROMIUM).');
    const { chromium } = await import('playwright-core');
    return chromium.launch({
      executablePath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  }

  private async openPage(): Promise<Page> {
    this.browser ??= this.launch();
    const page = await (await this.browser).newPage();
    const root = resourcesDir();
    await page.route(`${ASSET_ORIGIN}/**`, async (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/document') {
        return route.fulfill({ body: this.documents.get(page) ?? '', contentType: 'text/html; charset=utf-8', headers: { 'cache-control': 'no-store' } });
      }
      const file = path.normalize(path.join(root, decodeURIComponent(url.pathname)));
      if (!file.startsWith(root + path.sep) || !fs.existsSync(file)) return route.fulfill({ status: 404, body: '' });
      return route.fulfill({ path: file, headers: { 'cache-control': 'max-age=86400' } });
    });
    return page;
  }

  /** Launch Chromium and prepare a page with the fonts loaded, so the first document is quick. */
  async warm(): Promise<void> {
    const page = await this.openPage();
    await this.render(page, '<!doctype html><meta charset="utf-8"><body style="font-family:Noto Sans,Noto Sans Devanagari,Noto Sans Gurmukhi">अ ਅ a</body>');
    if (this.idle.length < ChromiumPdfPrinter.POOL) this.idle.push(page);
    else await page.close();
  }

  private async render(page: Page, html: string): Promise<void> {
    this.documents.set(page, html);
    await page.goto(`${ASSET_ORIGIN}/document`, { waitUntil: 'load' });
    await page.evaluate('document.fonts.ready.then(() => undefined)');
  }

  async print(html: string, options: { paper?: Paper } = {}): Promise<Buffer> {
    const page = this.idle.pop() ?? (await this.openPage());
    let reusable = false;
    try {
      await this.render(page, html);
      const paper = options.paper === 'receipt80' ? { width: '80mm', height: '200mm' } : { format: 'A4' as const };
      const pdf = await page.pdf({ ...paper, printBackground: true, margin: { top: '12mm', bottom: '12mm', left: '12mm', right: '12mm' } });
      reusable = true;
      return pdf;
    } finally {
      this.documents.delete(page);
      // A page that failed (crashed, timed out) is not trusted with the next document.
      if (reusable && this.idle.length < ChromiumPdfPrinter.POOL && !page.isClosed()) this.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    this.idle.length = 0;
    if (this.browser) await (await this.browser).close();
    this.browser = undefined;
  }
}
