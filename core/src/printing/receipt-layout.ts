import type { ReceiptModel } from '../collections/contract.js';
import { amountInWords } from '../documents/amount-in-words.js';
import { formatDate } from '../documents/money.js';
import { translate } from '../i18n/translate.js';
import { EscPosEncoder } from './escpos.js';

/**
 * The thermal receipt (SPEC §5.2, §5.5) as ESC/POS bytes, from the same receipt model as the PDF.
 *
 * Paper: 58 mm = 32 columns (384 dots), 80 mm = 48 columns (576 dots), font A (ANCHORS §6).
 *
 * Language choice: printer code pages cannot carry Devanagari or Gurmukhi, and rasterising
 * shaped Indic text needs a text shaper in core that we do not have. So the thermal receipt is
 * ALWAYS the English layout, ₹ printed as "Rs.", amount in words in English, whatever the
 * clerk's language; the PDF (Chromium, Noto fonts) is the receipt in Hindi or Punjabi. A name
 * or address written in an Indic script cannot be printed either: it is left out (the
 * connection number identifies the household) rather than printed as question marks.
 */
export interface ThermalProfile {
  columns: 32 | 48;
  /** Most 58 mm BLE printers have no cutter: then only feed. */
  cutter: boolean;
}
export const PAPER_58: ThermalProfile = { columns: 32, cutter: false };
export const PAPER_80: ThermalProfile = { columns: 48, cutter: true };

const en = (key: string, params: Record<string, string | number> = {}) => translate('en', `collections.${key}`, params);

const grouping = new Intl.NumberFormat('en-IN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** Rs. 1,23,456.00 — ₹ is not in any printer code page. */
export function rs(paise: number): string {
  return `${paise < 0 ? '-' : ''}Rs. ${grouping.format(Math.abs(paise) / 100)}`;
}

const printable = (s: string) => /^[\x20-\x7e]*$/.test(s);

/** Greedy word wrap to `width` columns (a word longer than the width is broken). */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    let w = word;
    while (w.length > width) {
      if (cur) { out.push(cur); cur = ''; }
      out.push(w.slice(0, width));
      w = w.slice(width);
    }
    if (!cur) cur = w;
    else if (cur.length + 1 + w.length <= width) cur += ` ${w}`;
    else { out.push(cur); cur = w; }
  }
  if (cur) out.push(cur);
  return out;
}

/** "label ....... value" on one line, or the label then the value right-aligned below. */
function kv(label: string, value: string, cols: number): string[] {
  if (label.length + 1 + value.length <= cols) return [label + ' '.repeat(cols - label.length - value.length) + value];
  return [...wrap(label, cols), ...wrap(value, cols).map((l) => l.padStart(cols))];
}

const shortDate = (d: string) => formatDate(d).replace(/\/(\d{2})(\d{2})$/, '/$2');

export function layoutReceipt(m: ReceiptModel, profile: ThermalProfile = PAPER_58): Uint8Array {
  const cols = profile.columns;
  const e = new EscPosEncoder().init();
  const rule = '-'.repeat(cols);
  const lines = (ls: string[]) => ls.forEach((l) => e.line(l));

  e.align('center').bold(true);
  lines(wrap(en('receipt.title'), cols));
  e.size(1, 2).line(en('receipt.heading').toUpperCase()).size(1, 1).bold(false);
  if (printable(m.gramPanchayat)) lines(wrap(m.gramPanchayat, cols));
  if (m.cancelled) e.bold(true).size(2, 2).line(en('receipt.cancelled')).size(1, 1).bold(false);
  e.align('left').line(rule);

  const field = (key: string, value: string | null | undefined) => {
    if (value && printable(value)) lines(kv(en(`receipt.${key}`), value, cols));
  };
  field('receiptNo', m.receiptNo);
  field('receiptDate', formatDate(m.paidOn));
  field('consumerNo', m.connectionNo);
  field('oldConnectionNo', m.oldConnectionNo);
  field('consumerName', m.consumerName);
  field('mobile', m.mobileMasked);
  field('address', m.address);
  field('serviceType', en(`receipt.serviceTypes.${m.serviceType}`));
  if (m.billPeriod) field('billPeriod', `${shortDate(m.billPeriod.from)}-${shortDate(m.billPeriod.to)}`);
  e.line(rule);

  if (m.lines.length || m.advanceCreatedPaise > 0) {
    e.bold(true).line(en('receipt.breakup')).bold(false);
    for (const l of m.lines) {
      const period = `${shortDate(l.periodFrom)}-${shortDate(l.periodTo)}`;
      const head = l.paise < 0 ? en('receipt.advanceUsed') : en(`heads.${l.taxHead}`);
      if (cols >= 48) lines(kv(`${period} ${head}`, rs(l.paise), cols));
      else {
        e.line(period);
        lines(kv(` ${head}`, rs(l.paise), cols));
      }
    }
    if (m.advanceCreatedPaise > 0) lines(kv(en('receipt.advanceCreated'), rs(m.advanceCreatedPaise), cols));
    e.line(rule);
  }

  field('dueAmount', rs(Math.max(0, m.dueBeforePaise)));
  e.bold(true);
  field('amountPaid', rs(m.amountPaise));
  e.bold(false);
  if (m.advancePaise > 0) field('advance', rs(m.advancePaise));
  else field('pending', rs(m.pendingPaise));
  lines(wrap(amountInWords(m.amountPaise, 'en'), cols));
  field('mode', en(`modes.${m.mode}`));
  field('payer', m.payerName);
  field('collectedBy', m.collectedBy);
  if (m.cancelled) {
    e.line(rule).bold(true);
    lines(wrap(en('receipt.cancelledOn', { date: formatDate(m.cancelled.at.slice(0, 10)), reason: m.cancelled.reason }), cols));
    e.bold(false);
  }
  e.align('center').line('- - *** - -');
  lines(wrap(en('receipt.footer'), cols));
  e.feed(3);
  if (profile.cutter) e.cut();
  return e.bytes();
}
