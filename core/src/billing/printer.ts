import { ChromiumPdfPrinter, type PdfPrinter } from '../documents/pdf.js';

/**
 * The billing module's PDF printer: one headless Chromium, created on first use and shared by
 * every bill PDF; Core.close() closes it (closeBillPrinter). Electron may install its own
 * printer (webContents.printToPDF) with setBillPrinter.
 */
let printer: PdfPrinter | undefined;

export function billPrinter(): PdfPrinter {
  printer ??= new ChromiumPdfPrinter();
  return printer;
}

export function setBillPrinter(p: PdfPrinter): void {
  printer = p;
}

export async function closeBillPrinter(): Promise<void> {
  const p = printer;
  printer = undefined;
  await p?.close();
}
