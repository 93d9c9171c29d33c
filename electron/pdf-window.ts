/**
 * Printing documents to PDF in the desktop (main side): the core sends a complete HTML document
 * (pdf-bridge.ts); a hidden, sandboxed window with JavaScript off loads it from the `mgs-print:`
 * scheme — the document itself and the shipped fonts (resources/fonts), nothing else — and
 * Electron's `webContents.printToPDF` prints it. Electron comes in through `PdfWindowDeps`, so the
 * logic runs in tests with fakes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Paper } from '@mgramseva/core/node';

export const PRINT_SCHEME = 'mgs-print';
const PRINT_ORIGIN = `${PRINT_SCHEME}://documents`;

/** For protocol.registerSchemesAsPrivileged, before `ready` (fonts load from a standard, secure origin). */
export const PRINT_PRIVILEGED_SCHEME = { scheme: PRINT_SCHEME, privileges: { standard: true, secure: true } };

/** What a printed document may load: its own styles and the shipped fonts. */
export const PRINT_CSP = "default-src 'none'; style-src 'unsafe-inline'; font-src mgs-print:; img-src data:";

const MM_PER_INCH = 25.4;
const inches = (mm: number) => mm / MM_PER_INCH;

/** Paper and margins as documents/pdf.ts gives them to Chromium in browser mode, in printToPDF's inches. */
export function printOptions(paper: Paper) {
  const margin = inches(12);
  return {
    printBackground: true,
    pageSize: paper === 'receipt80' ? { width: inches(80), height: inches(200) } : ('A4' as const),
    margins: { top: margin, bottom: margin, left: margin, right: margin },
  };
}

export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: { printToPDF(options: ReturnType<typeof printOptions>): Promise<Buffer> };
  destroy(): void;
}

export interface PdfWindowDeps {
  /** A new hidden window (show: false, sandbox, no JavaScript, no preload). */
  createWindow(): PrintWindowLike;
  /** resources/fonts. */
  fontsDir: string;
}

export function createPdfRenderer(deps: PdfWindowDeps) {
  const documents = new Map<string, string>();
  let next = 1;

  /** The `mgs-print:` protocol handler: `/doc/<n>` is a document being printed, `/fonts/<file>` a shipped font. */
  async function handle(request: { url: string }): Promise<Response> {
    const url = new URL(request.url);
    if (url.host !== 'documents') return new Response('', { status: 404 });
    const doc = /^\/doc\/(\d+)$/.exec(url.pathname);
    if (doc) {
      const html = documents.get(doc[1]!);
      return html === undefined
        ? new Response('', { status: 404 })
        : new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': PRINT_CSP } });
    }
    const font = /^\/fonts\/([A-Za-z0-9-]+\.ttf)$/.exec(url.pathname);
    if (font) {
      try {
        return new Response(await fs.readFile(path.join(deps.fontsDir, font[1]!)), { headers: { 'content-type': 'font/ttf' } });
      } catch {
        return new Response('', { status: 404 });
      }
    }
    return new Response('', { status: 404 });
  }

  async function render(html: string, paper: Paper): Promise<Buffer> {
    const key = String(next++);
    documents.set(key, html);
    const win = deps.createWindow();
    try {
      await win.loadURL(`${PRINT_ORIGIN}/doc/${key}`);
      return await win.webContents.printToPDF(printOptions(paper));
    } finally {
      documents.delete(key);
      win.destroy();
    }
  }

  return { handle, render };
}
