import { documentShell, escapeHtml } from '../documents/html.js';
import { amountInWords } from '../documents/amount-in-words.js';
import { formatDate, formatRupees } from '../documents/money.js';
import type { PdfPrinter } from '../platform/pdf.js';
import { translate, type Language } from '../i18n/translate.js';
import type { ReceiptLine, ReceiptModel } from './contract.js';
import { cycleSummaryHtml } from '../billing/index.js';

/**
 * The receipt document (SPEC §5.2) from the one receipt model (contract.ts `ReceiptModel`):
 * HTML (printed to PDF by Chromium with the shipped Noto fonts, so Hindi and Punjabi shape
 * correctly) here; the thermal layout in printing/receipt-layout.ts. Same figures in both.
 * A cancelled receipt carries "CANCELLED" across the page and the reason.
 */
const t = (lang: Language, key: string, params: Record<string, string | number> = {}) => translate(lang, `collections.${key}`, params);

export function periodText(from: string, to: string): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

export function headLabel(lang: Language, line: Pick<ReceiptLine, 'taxHead'>): string {
  return t(lang, `heads.${line.taxHead}`);
}

const CSS = `
.receipt{position:relative;border:1px solid #0B0C0C;padding:14px 18px;max-width:170mm;margin:0 auto}
.receipt h1{font-size:13pt;text-align:center;margin:0}
.receipt h2{font-size:12pt;text-align:center;margin:2px 0 10px;text-decoration:underline}
.receipt table.kv{width:100%;border-collapse:collapse}
.receipt table.kv td{padding:2px 4px;vertical-align:top}
.receipt table.kv td.k{width:42%;color:#333}
.receipt table.kv td.v{font-weight:700}
.receipt table.lines{width:100%;border-collapse:collapse;margin-top:2px}
.receipt table.lines th,.receipt table.lines td{border:1px solid #888;padding:3px 6px;font-size:10pt}
.receipt table.lines td.n,.receipt table.lines th.n{text-align:right}
.receipt .breakup{margin-top:8px;font-weight:700}
.receipt .words{margin-top:6px;font-style:italic}
.receipt .sep{text-align:center;margin:8px 0 4px;letter-spacing:2px}
.receipt .footer{text-align:center;font-size:9pt;color:#333}
.receipt .stamp{position:absolute;top:34%;left:0;right:0;text-align:center;font-size:44pt;line-height:1.15;font-weight:700;color:rgba(200,0,0,.45);transform:rotate(-18deg);border:5px solid rgba(200,0,0,.45);padding:4px 0;margin:0 18%;pointer-events:none}
.receipt .summary{margin-top:8px;font-size:9pt}
.receipt .summary h3{font-size:10pt;margin:0 0 2px}
.receipt .summary table{width:100%;border-collapse:collapse}
.receipt .summary td{padding:2px 4px;border:1px solid #E0E0E0;width:33%}
.receipt .summary td.num{text-align:right}
.receipt .cancel-note{color:#B00;font-weight:700;text-align:center;margin:6px 0}
`;

/** On 80 mm paper (system printer driving a thermal printer, UI.md §4): narrow, smaller type. */
const NARROW_CSS = `
body{font-size:8pt;line-height:1.35}
.receipt{border:0;padding:0;max-width:none;width:54mm;margin:0}
.receipt h1{font-size:9pt}.receipt h2{font-size:9pt}
.receipt table.kv td.k{width:45%}
.receipt table.lines{table-layout:fixed}
.receipt table.lines th,.receipt table.lines td{font-size:7pt;padding:2px 2px;overflow-wrap:anywhere}
.receipt table.lines th:nth-child(1){width:42%}.receipt table.lines th:nth-child(3){width:28%}
.receipt table.kv td.v{overflow-wrap:anywhere}
.receipt .stamp{font-size:20pt;border-width:3px;margin:0 4%}
.receipt .footer{font-size:7pt}
`;

export function receiptHtml(m: ReceiptModel, lang: Language, paper: 'A4' | 'receipt80' = 'A4'): string {
  const kv = (k: string, v: string) => `<tr><td class="k">${escapeHtml(t(lang, `receipt.${k}`))}</td><td class="v">${escapeHtml(v)}</td></tr>`;
  const rows = [
    kv('gpwsc', m.gramPanchayat),
    kv('consumerNo', m.connectionNo),
    kv('oldConnectionNo', m.oldConnectionNo),
    kv('consumerName', m.consumerName),
    kv('mobile', m.mobileMasked),
    kv('address', m.address),
    kv('serviceType', t(lang, `receipt.serviceTypes.${m.serviceType}`)),
    kv('receiptNo', m.receiptNo),
    kv('receiptDate', formatDate(m.paidOn)),
    ...(m.billPeriod ? [kv('billPeriod', periodText(m.billPeriod.from, m.billPeriod.to))] : []),
    kv('dueAmount', formatRupees(Math.max(0, m.dueBeforePaise))),
    kv('amountPaid', formatRupees(m.amountPaise)),
    m.advancePaise > 0 ? kv('advance', formatRupees(m.advancePaise)) : kv('pending', formatRupees(m.pendingPaise)),
    kv('mode', t(lang, `modes.${m.mode}`)),
    ...(m.payerName ? [kv('payer', m.payerName)] : []),
    kv('collectedBy', m.collectedBy),
  ].join('');
  const lineRows = m.lines
    .map((l) => {
      const label = l.paise < 0 ? t(lang, 'receipt.advanceUsed') : headLabel(lang, l);
      return `<tr><td>${escapeHtml(periodText(l.periodFrom, l.periodTo))}</td><td>${escapeHtml(label)}</td><td class="n">${escapeHtml(formatRupees(l.paise))}</td></tr>`;
    })
    .concat(m.advanceCreatedPaise > 0 ? [`<tr><td></td><td>${escapeHtml(t(lang, 'receipt.advanceCreated'))}</td><td class="n">${escapeHtml(formatRupees(m.advanceCreatedPaise))}</td></tr>`] : [])
    .join('');
  const body = `<div class="receipt">
${m.cancelled ? '<div class="stamp">CANCELLED</div>' : ''}
<h1>${escapeHtml(t(lang, 'receipt.title'))}</h1>
<h2>${escapeHtml(t(lang, 'receipt.heading'))}</h2>
${m.cancelled ? `<div class="cancel-note">CANCELLED — ${escapeHtml(t(lang, 'receipt.cancelledOn', { date: formatDate(m.cancelled.at.slice(0, 10)), reason: m.cancelled.reason }))}</div>` : ''}
<table class="kv">${rows}</table>
<div class="words">${escapeHtml(t(lang, 'receipt.inWords'))}: ${escapeHtml(amountInWords(m.amountPaise, lang))}</div>
<div class="breakup">${escapeHtml(t(lang, 'receipt.breakup'))}</div>
<table class="lines"><thead><tr><th>${escapeHtml(t(lang, 'receipt.period'))}</th><th>${escapeHtml(t(lang, 'receipt.head'))}</th><th class="n">${escapeHtml(t(lang, 'receipt.amount'))}</th></tr></thead>
<tbody>${lineRows}</tbody></table>
${m.previousCycle ? cycleSummaryHtml(m.previousCycle, lang) : ''}
<div class="sep">- - *** - -</div>
<div class="footer">${escapeHtml(t(lang, 'receipt.footer'))}</div>
</div>`;
  return documentShell({ lang, title: `${t(lang, 'receipt.heading')} ${m.receiptNo}`, body, css: paper === 'receipt80' ? CSS + NARROW_CSS : CSS });
}

/** PDF file name = receipt number (SPEC §2.6), made safe for every file system. */
export function receiptFileName(m: Pick<ReceiptModel, 'receiptNo'>): string {
  return `${m.receiptNo.replace(/[^A-Za-z0-9-]+/g, '_')}.pdf`;
}

export async function receiptPdf(pdf: PdfPrinter, m: ReceiptModel, lang: Language, paper: 'A4' | 'receipt80' = 'A4'): Promise<Buffer> {
  return pdf.print(receiptHtml(m, lang, paper), { paper });
}
