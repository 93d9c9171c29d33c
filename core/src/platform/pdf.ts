/**
 * Turns a complete HTML document (documents/html.ts) into PDF bytes with a browser engine's print,
 * so Hindi and Punjabi shape correctly with the fonts in resources/fonts. The desktop passes one
 * backed by Electron's `webContents.printToPDF`; browser mode and tests pass the headless Chromium
 * of documents/pdf.ts. One per process, kept warm, closed by `Core.close()`.
 */
export type Paper = 'A4' | 'receipt80';

export interface PdfPrinter {
  print(html: string, options?: { paper?: Paper }): Promise<Buffer>;
  /** Start the engine and load the fonts now, so the first document of the day is quick. */
  warm?(): Promise<void>;
  close(): Promise<void>;
}
