/**
 * The core's PDF printer in the desktop (core process side): a document is sent to main, which
 * prints it with Electron's own Chromium (`webContents.printToPDF`, pdf-window.ts), so an office
 * PC needs no browser of its own. Plain Node: no `electron` import here.
 */
import type { Paper, PdfPrinter } from '@mgramseva/core/node';
import type { CoreToMain, PdfResultMessage } from './messages.js';

interface Pending {
  resolve(pdf: Buffer): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class MainProcessPdfPrinter implements PdfPrinter {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly toMain: (message: CoreToMain) => void,
    /** A document main has not answered within this time fails (main busy or gone). */
    private readonly timeoutMs = 120_000,
  ) {}

  print(html: string, options: { paper?: Paper } = {}): Promise<Buffer> {
    const id = this.nextId++;
    return new Promise<Buffer>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error('the desktop did not print the document in time'));
      }, this.timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.toMain({ type: 'pdf', id, html, paper: options.paper ?? 'A4' });
    });
  }

  /** main's answer (serveParentPort routes `pdf-result` messages here). */
  settle(message: PdfResultMessage): void {
    const p = this.pending.get(message.id);
    if (!p) return;
    this.pending.delete(message.id);
    clearTimeout(p.timer);
    if (message.base64 !== undefined) p.resolve(Buffer.from(message.base64, 'base64'));
    else p.reject(new Error(message.error ?? 'printing the document failed'));
  }

  async close(): Promise<void> {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new Error('the app is closing'));
      this.pending.delete(id);
    }
  }
}
