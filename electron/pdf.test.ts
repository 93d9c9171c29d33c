import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { CoreSupervisor } from './core-supervisor.js';
import { MainProcessPdfPrinter } from './pdf-bridge.js';
import { PRINT_CSP, createPdfRenderer, printOptions, type PrintWindowLike } from './pdf-window.js';
import type { CoreToMain, MainToCore } from './messages.js';
import { FakeChild } from './test-helpers.js';

/**
 * Documents print in the desktop through Electron (printToPDF in main), injected as the core's PDF
 * printer: the core process asks main, main prints in a hidden window and answers that same core.
 */
describe('the desktop PDF printer', () => {
  it('core side: a document goes to main and its PDF comes back; failures and closing reject', async () => {
    const sent: CoreToMain[] = [];
    const printer = new MainProcessPdfPrinter((m) => sent.push(m), 1_000);
    const first = printer.print('<html>bill</html>', { paper: 'receipt80' });
    const second = printer.print('<html>receipt</html>');
    expect(sent).toEqual([
      { type: 'pdf', id: 1, html: '<html>bill</html>', paper: 'receipt80' },
      { type: 'pdf', id: 2, html: '<html>receipt</html>', paper: 'A4' },
    ]);
    printer.settle({ type: 'pdf-result', id: 1, base64: Buffer.from('%PDF-1').toString('base64') });
    printer.settle({ type: 'pdf-result', id: 2, error: 'no window' });
    expect((await first).toString()).toBe('%PDF-1');
    await expect(second).rejects.toThrow('no window');
    const third = printer.print('<html/>');
    await printer.close();
    await expect(third).rejects.toThrow(/closing/);
  });

  it('core side: main that never answers fails the document in time', async () => {
    vi.useFakeTimers();
    try {
      const printer = new MainProcessPdfPrinter(() => undefined, 5_000);
      const p = printer.print('<html/>');
      vi.advanceTimersByTime(5_001);
      await expect(p).rejects.toThrow(/in time/);
    } finally {
      vi.useRealTimers();
    }
  });

  it('main side: the supervisor prints what the core asks and answers that core', async () => {
    const child = new FakeChild();
    const renderPdf = vi.fn(async (html: string) => Buffer.from(`PDF of ${html}`));
    const sup = new CoreSupervisor({ fork: () => child, createChannel: () => ({ port1: {}, port2: {} }), renderPdf, log: () => undefined });
    sup.start();
    child.spawn();
    child.emit('message', { type: 'pdf', id: 7, html: '<b>x</b>', paper: 'A4' });
    await vi.waitFor(() => expect(child.posted.map((p) => p.message)).toContainEqual({ type: 'pdf-result', id: 7, base64: Buffer.from('PDF of <b>x</b>').toString('base64') }));
    expect(renderPdf).toHaveBeenCalledWith('<b>x</b>', 'A4');

    renderPdf.mockRejectedValueOnce(new Error('printToPDF failed'));
    child.emit('message', { type: 'pdf', id: 8, html: '<b>y</b>', paper: 'receipt80' });
    await vi.waitFor(() => expect(child.posted.map((p) => p.message as MainToCore)).toContainEqual({ type: 'pdf-result', id: 8, error: 'printToPDF failed' }));
  });

  it('main side: a hidden window loads the document from mgs-print:, prints it with the paper asked, and is destroyed', async () => {
    const fonts = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-fonts-'));
    fs.writeFileSync(path.join(fonts, 'NotoSans-Regular.ttf'), 'font bytes');
    const windows: { url?: string; options?: unknown; destroyed: boolean }[] = [];
    const renderer: ReturnType<typeof createPdfRenderer> = createPdfRenderer({
      fontsDir: fonts,
      createWindow: (): PrintWindowLike => {
        const w = { url: undefined as string | undefined, options: undefined as unknown, destroyed: false };
        windows.push(w);
        return {
          loadURL: async (url) => {
            w.url = url;
            // While loading, the page can fetch the document and the fonts; nothing else.
            const doc = await renderer.handle({ url });
            expect(doc.headers.get('content-security-policy')).toBe(PRINT_CSP);
            expect(await doc.text()).toBe('<html>ਰਸੀਦ</html>');
            expect(await (await renderer.handle({ url: 'mgs-print://documents/fonts/NotoSans-Regular.ttf' })).text()).toBe('font bytes');
            expect((await renderer.handle({ url: 'mgs-print://documents/fonts/../../etc/passwd' })).status).toBe(404);
            expect((await renderer.handle({ url: 'mgs-print://elsewhere/doc/1' })).status).toBe(404);
          },
          webContents: {
            printToPDF: async (options) => {
              w.options = options;
              return Buffer.from('%PDF');
            },
          },
          destroy: () => (w.destroyed = true),
        };
      },
    });
    try {
      expect((await renderer.render('<html>ਰਸੀਦ</html>', 'receipt80')).toString()).toBe('%PDF');
      expect(windows).toHaveLength(1);
      expect(windows[0]).toMatchObject({ url: 'mgs-print://documents/doc/1', destroyed: true, options: printOptions('receipt80') });
      // Once printed, the document is no longer served.
      expect((await renderer.handle({ url: 'mgs-print://documents/doc/1' })).status).toBe(404);
      expect(printOptions('receipt80').pageSize).toEqual({ width: 80 / 25.4, height: 200 / 25.4 });
      expect(printOptions('A4').pageSize).toBe('A4');
    } finally {
      fs.rmSync(fonts, { recursive: true, force: true });
    }
  });
});
