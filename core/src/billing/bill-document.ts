import { translate, type Language } from '../i18n/translate.js';
import { amountInWords } from '../documents/amount-in-words.js';
import { documentShell, escapeHtml } from '../documents/html.js';
import { formatDate, formatRupees, maskMobile } from '../documents/money.js';
import type { CurrentBill, CycleSummary } from './contract.js';
import { cycleSummaryHtml } from './cycle-summary-html.js';

/**
 * The bill document (SPEC §5.3; pdf keys ws-bill-v2 metered / ws-bill-nm-v2 non-metered): one
 * model, built from the bill composition, rendered to HTML (and to PDF by documents/pdf.ts).
 */
export interface BillDocument {
  lang: Language;
  gpName: string;
  connectionNo: string;
  consumerName: string;
  maskedMobile: string;
  address: string;
  metered: boolean;
  meterNumber: string | null;
  meter: CurrentBill['meter'];
  billNo: string;
  /** Non-metered: the billing cycle; metered: previous reading date – reading date. */
  periodText: string;
  issueDate: string;
  dueDate: string;
  breakup: { label: string; amountPaise: number }[];
  totalPaise: number;
  totalInWords: string;
  penaltyNote: string | null;
  /** The GP's previous billing cycle (SPEC §5.3). */
  summary: CycleSummary | null;
}

export interface BillParty {
  gpName: string;
  connectionNo: string;
  consumerName: string;
  mobile: string;
  address: string;
  metered: boolean;
  meterNumber: string | null;
}

const t = (lang: Language, key: string, params: Record<string, string | number> = {}) => translate(lang, `billing.doc.${key}`, params);

function periodText(from: string, to: string): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}

export function billDocument(lang: Language, party: BillParty, bill: CurrentBill, summary: CycleSummary | null = null): BillDocument {
  const breakup: BillDocument['breakup'] = [];
  if (bill.hasBill) {
    // The charge, then its WS_Round_Off line when the charge had paise (SPEC §4.5).
    const roundOff = bill.currentLines.filter((l) => l.taxHead === 'WS_Round_Off').reduce((s, l) => s + l.amountPaise, 0);
    breakup.push({ label: t(lang, 'currentCharge'), amountPaise: bill.currentChargePaise - roundOff });
    if (roundOff) breakup.push({ label: t(lang, 'roundOff'), amountPaise: roundOff });
  }
  const paidOnCurrent = bill.currentChargePaise - bill.currentOutstandingPaise;
  if (paidOnCurrent !== 0) breakup.push({ label: t(lang, 'paidAgainstCurrent'), amountPaise: -paidOnCurrent });
  for (const a of bill.arrears) breakup.push({ label: t(lang, 'arrearsFor', { period: periodText(a.periodFrom, a.periodTo) }), amountPaise: a.outstandingPaise });
  if (bill.penaltyPaise) breakup.push({ label: t(lang, 'penalty'), amountPaise: bill.penaltyPaise });
  if (bill.advanceAdjustedPaise) breakup.push({ label: t(lang, 'advanceAdjusted'), amountPaise: -bill.advanceAdjustedPaise });
  const total = bill.netDuePaise;
  return {
    lang,
    gpName: party.gpName,
    connectionNo: party.connectionNo,
    consumerName: party.consumerName,
    maskedMobile: maskMobile(party.mobile),
    address: party.address,
    metered: party.metered,
    meterNumber: party.meterNumber,
    meter: bill.meter,
    billNo: bill.billNo ?? '—',
    periodText: bill.periodFrom && bill.periodTo ? periodText(bill.periodFrom, bill.periodTo) : '—',
    issueDate: bill.billDate ? formatDate(bill.billDate) : '—',
    dueDate: bill.dueDate ? formatDate(bill.dueDate) : '—',
    breakup,
    totalPaise: total,
    totalInWords: amountInWords(total, lang),
    penaltyNote:
      bill.penaltyIfLatePaise > 0 && bill.penaltyApplicableAfter
        ? t(lang, 'penaltyNote', { date: formatDate(bill.penaltyApplicableAfter), amount: formatRupees(bill.penaltyIfLatePaise), total: formatRupees(bill.netDueWithPenaltyPaise) })
        : null,
    summary,
  };
}

const CSS = `
.bill{padding:0 4mm}
.bill h1{font-size:15pt;text-align:center;margin:0 0 1mm}
.bill h2{font-size:13pt;text-align:center;margin:0 0 4mm;font-weight:700}
.gp{background:#FFE8A3;text-align:center;font-weight:700;padding:1.5mm;margin-bottom:4mm}
.kv{width:100%;border-collapse:collapse;margin-bottom:4mm}
.kv td{padding:1mm 2mm;vertical-align:top;border-bottom:1px solid #E0E0E0}
.kv td:first-child{color:#505A5F;width:45%}
.amounts{width:100%;border-collapse:collapse}
.amounts th,.amounts td{padding:1.5mm 2mm;border:1px solid #B1B4B6;text-align:left}
.amounts td.num,.amounts th.num{text-align:right;white-space:nowrap}
.amounts tr.total td{font-weight:700;background:#F3F2F1}
.words{margin:2mm 0 4mm;font-style:italic}
.note{border-left:4px solid #D4351C;padding:1mm 3mm;margin-top:3mm}
.sep{text-align:center;color:#505A5F;margin-top:6mm}
.summary{margin-top:5mm;font-size:9.5pt}
.summary h3{font-size:10.5pt;margin:0 0 1.5mm}
.summary table{width:100%;border-collapse:collapse}
.summary td{padding:1mm 2mm;border:1px solid #E0E0E0;width:33%}
.summary td.num{text-align:right}
`;

function kv(label: string, value: string): string {
  return `<tr><td>${escapeHtml(label)}</td><td>${escapeHtml(value)}</td></tr>`;
}

/** One bill as a page (several can share a document: the cycle's bulk PDF). */
export function billPageHtml(d: BillDocument): string {
  const L = (k: string) => t(d.lang, k);
  const rows = [
    kv(L('connectionNo'), d.connectionNo),
    kv(L('consumerName'), d.consumerName),
    kv(L('mobile'), d.maskedMobile),
    kv(L('address'), d.address),
    kv(L('serviceType'), d.metered ? L('metered') : L('nonMetered')),
  ];
  if (d.metered) {
    rows.push(kv(L('meterNumber'), d.meterNumber ?? '—'));
    if (d.meter) {
      rows.push(kv(L('previousReading'), `${String(d.meter.previousReading).padStart(5, '0')} (${formatDate(d.meter.previousReadingDate)})`));
      rows.push(kv(L('currentReading'), `${String(d.meter.reading).padStart(5, '0')} (${formatDate(d.meter.readingDate)})`));
      rows.push(kv(L('consumption'), `${d.meter.consumption} · ${t(d.lang, `status.${d.meter.meterStatus}`)}`));
    }
  }
  rows.push(kv(L('billNo'), d.billNo), kv(d.metered ? L('billPeriodMetered') : L('billPeriod'), d.periodText), kv(L('issueDate'), d.issueDate), kv(L('dueDate'), d.dueDate));
  const amountRows = d.breakup.map((b) => `<tr><td>${escapeHtml(b.label)}</td><td class="num">${escapeHtml(formatRupees(b.amountPaise))}</td></tr>`).join('');
  return `<section class="page bill">
<h1>${escapeHtml(L('heading'))}</h1>
<h2>${escapeHtml(L('title'))}</h2>
<div class="gp">${escapeHtml(d.gpName)}</div>
<table class="kv">${rows.join('')}</table>
<table class="amounts"><thead><tr><th>${escapeHtml(L('breakup'))}</th><th class="num">${escapeHtml(L('amount'))}</th></tr></thead>
<tbody>${amountRows}<tr class="total"><td>${escapeHtml(L('totalDue'))}</td><td class="num">${escapeHtml(formatRupees(d.totalPaise))}</td></tr></tbody></table>
<div class="words">${escapeHtml(d.totalInWords)}</div>
${d.penaltyNote ? `<div class="note">${escapeHtml(d.penaltyNote)}</div>` : ''}
${d.summary ? cycleSummaryHtml(d.summary, d.lang) : ''}
<div class="sep">- - *** - -</div>
</section>`;
}

export function billsHtml(docs: BillDocument[], lang: Language): string {
  return documentShell({ lang, title: translate(lang, 'billing.doc.title'), body: docs.map(billPageHtml).join('\n'), css: CSS });
}
