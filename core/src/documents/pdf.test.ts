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

  it('prints each document on a reused page, and two at once, each with its own text', async () => {
    const doc = (n: number) => documentShell({ lang: 'pa', title: `t${n}`, body: `<p>ਬਿੱਲ number-${n}</p>` });
    const textOf = (pdf: Buffer) => {
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-pdf-')), 'doc.pdf');
      fs.writeFileSync(file, pdf);
      return execFileSync('pdftotext', [file, '-']).toString();
    };
    for (const n of [1, 2, 3]) {
      const text = textOf(await printer.print(doc(n)));
      expect(text).toContain(`number-${n}`);
      expect(text).not.toMatch(new RegExp(`number-(?!${n})`));
    }
    const [a, b] = await Promise.all([printer.print(doc(10)), printer.print(doc(20))]);
    expect(textOf(a)).toContain('number-10');
    expect(textOf(b)).toContain('number-20');
    expect(textOf(a)).not.toContain('number-20');
  });
});
