import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ChromiumPdfPrinter, chromiumExecutable } from './pdf.js';
import { documentShell, escapeHtml } from './html.js';

const printer = new ChromiumPdfPrinter();
afterAll(() => printer.close());

describe.skipIf(!chromiumExecutable())('PDF through Chromium', () => {
  it('prints Hindi and Punjabi text with the shipped fonts, and escapes markup', async () => {
    const html = documentShell({
      lang: 'hi',
      title: 'test',
      body: `<h1>जल बिल</h1><p>ਪਾਣੀ ਦੀ ਰਸੀਦ ₹1,23,456.00</p><p>${escapeHtml('<script>x</script>')}</p>`,
    });
    const pdf = await printer.print(html);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-pdf-')), 'doc.pdf');
    fs.writeFileSync(file, pdf);
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toMatch(/NotoSansDevanagari/);
    expect(fonts).toMatch(/NotoSansGurmukhi/);
    const text = execFileSync('pdftotext', [file, '-']).toString();
    expect(text).toContain('<script>x</script>');
  });
});
