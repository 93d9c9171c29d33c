import { z } from 'zod';
import { op } from '../api/operation.js';
import { mobileNumber, personName, uuid } from '../api/fields.js';
import masters from '../../../resources/masterdata/collections.json';
import type { CycleSummary } from '../billing/contract.js';

/**
 * Collections and receipts (SPEC §2.10, §4.6, §4.7, §5, Part A.5, A.6). Messages are i18n keys;
 * this domain's own keys are `collections.<path>` = `<path>` of
 * resources/locales/<lang>/collections.json.
 *
 * Receipt numbers: `WS/<FY yyyy-yy>/<device code>-<seq>`, e.g. `WS/2026-27/7F3A-0001` (SPEC §3.3
 * `WS/[fy]/[SEQ]` plus the device code). The sequence is per device, GP and financial year
 * (numbering/series.ts, local table, advanced in the payment's transaction), so two desktops of
 * one GP never issue the same number, and a failed collection gives its number back.
 */

/** Who may collect (SPEC §1.2 CORE_COLLECT_PAYMENTS card). Bundles (SARPANCH…) expand to these. */
export const COLLECTORS = ['COLLECTION_OPERATOR', 'SUPERUSER', 'DIV_ADMIN', 'SARPANCH', 'SECRETARY', 'REVENUE_COLLECTOR'] as const;
/** Who may download receipts (SPEC §1.2 DOWNLOAD_BILLS_AND_RECEIPTS). */
export const RECEIPT_VIEWERS = [...COLLECTORS, 'BULK_DEMAND_PROCESSING', 'GP_ADMIN'] as const;
/** Who may cancel a receipt (Part A.5). */
export const RECEIPT_CANCELLERS = ['GP_ADMIN', 'SARPANCH', 'SECRETARY'] as const;

export interface PaymentModeMaster {
  code: string;
  enabled: boolean;
}
export const collectionMasters = masters as { paymentCapRupees: number; paymentModes: PaymentModeMaster[] };
/** The largest single payment (whole rupees), master data (₹10,000 in Punjab). */
export const PAYMENT_CAP_RUPEES = collectionMasters.paymentCapRupees;
/** The payment modes staff may choose (CASH only by default). */
export const ENABLED_MODES = collectionMasters.paymentModes.filter((m) => m.enabled).map((m) => m.code);

/**
 * The amount field of E7: "" → required, "12a" → digits only, 0 → at least ₹1, 10001 → exceeds
 * the cap, 10000 → fine. Accepts the text of the field or a number.
 */
export const paymentAmountRupees = z.preprocess(
  (v) => {
    if (v === null || v === undefined) return undefined;
    if (typeof v === 'string') {
      const s = v.trim();
      if (s === '') return undefined;
      return /^\d+$/.test(s) ? Number(s) : Number.NaN;
    }
    return v;
  },
  z
    .number({ error: (iss) => (iss.input === undefined ? 'collections.validation.amountRequired' : 'collections.validation.amountDigits') })
    .int({ error: 'collections.validation.amountDigits' })
    .min(1, { error: 'collections.validation.amountMin' })
    .max(PAYMENT_CAP_RUPEES, { error: 'collections.validation.amountExceeds' }),
);

const optionalPersonName = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), personName.optional());
const optionalMobile = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), mobileNumber.optional());

export const collectInput = z.object({
  connectionId: uuid,
  amountRupees: paymentAmountRupees,
  mode: z.string({ error: 'collections.validation.mode' }).refine((m) => ENABLED_MODES.includes(m), 'collections.validation.mode').default('CASH'),
  payerName: optionalPersonName,
  payerMobile: optionalMobile,
  /** A uuid made when the form opens: a double click (or a retry) records one payment. */
  idempotencyKey: uuid,
  /** Required when nothing is due: the whole amount then becomes advance. */
  confirmAdvance: z.boolean().optional(),
});
export type CollectInput = z.input<typeof collectInput>;

export const cancelInput = z.object({
  paymentId: uuid,
  reason: z.string({ error: 'collections.validation.reasonRequired' }).trim().min(1, 'collections.validation.reasonRequired').max(200, { error: 'validation.tooLong' }),
});

const rating = z.number({ error: 'collections.validation.rating' }).int({ error: 'collections.validation.rating' }).min(1, { error: 'collections.validation.rating' }).max(5, { error: 'collections.validation.rating' });
export const feedbackInput = z.object({
  paymentId: uuid,
  /** "Are you happy with the water supply?" */
  happyWithSupply: rating,
  /** "Is the water supply regular?" */
  supplyRegular: rating,
  /** "Is the water quality good?" */
  qualityGood: rating,
});

const isoDate = z.string({ error: 'validation.required' }).regex(/^\d{4}-\d{2}-\d{2}$/, 'validation.invalid');
export const collectionRegisterInput = z.object({ from: isoDate, to: isoDate, collectorId: uuid.optional() });

export interface CollectResult {
  paymentId: string;
  receiptNo: string;
  amountPaise: number;
  /** Due just before (negative = advance held). */
  dueBeforePaise: number;
  /** Still due after this payment (0 when fully paid). */
  pendingPaise: number;
  /** Advance held after this payment (0 when none). */
  advancePaise: number;
  paidOn: string;
  /** True when the idempotency key had already recorded this payment (a double click). */
  repeated: boolean;
}

/** One line of "what was paid against what". */
export interface ReceiptLine {
  periodFrom: string;
  periodTo: string;
  consumerType: string;
  taxHead: string;
  /** Positive: settled on the line; negative: an advance held before was used up. */
  paise: number;
}

/** The one receipt model: the success screen, the PDF and the thermal print all render it. */
export interface ReceiptModel {
  paymentId: string;
  receiptNo: string;
  paidOn: string;
  createdAt: string;
  mode: string;
  amountPaise: number;
  payerName: string | null;
  payerMobileMasked: string | null;
  collectedBy: string;
  gramPanchayat: string;
  connectionId: string;
  connectionNo: string;
  oldConnectionNo: string;
  consumerName: string;
  mobileMasked: string;
  address: string;
  serviceType: 'Metered' | 'Non_Metered';
  /** Oldest start and latest end of the periods this payment settled; null for a pure advance. */
  billPeriod: { from: string; to: string } | null;
  dueBeforePaise: number;
  pendingPaise: number;
  advancePaise: number;
  advanceUsedPaise: number;
  advanceCreatedPaise: number;
  lines: ReceiptLine[];
  cancelled: { at: string; reason: string; by: string } | null;
  /** The GP's previous billing cycle (the month before the payment), SPEC §5.2 PDF block. */
  previousCycle: CycleSummary | null;
}

export interface ReceiptRow {
  paymentId: string;
  receiptNo: string;
  amountPaise: number;
  paidOn: string;
  mode: string;
  cancelled: boolean;
}

export interface CollectionRegisterRow {
  paymentId: string;
  receiptNo: string;
  paidOn: string;
  createdAt: string;
  connectionNo: string;
  consumerName: string;
  amountPaise: number;
  mode: string;
  cancelled: boolean;
}
export interface RegisterCollector {
  collectorId: string;
  collectorName: string;
  rows: CollectionRegisterRow[];
  /** Non-cancelled money by mode, paise. */
  totalsByMode: Record<string, number>;
  totalPaise: number;
  count: number;
  cancelledCount: number;
  cancelledPaise: number;
}
export interface CollectionRegister {
  from: string;
  to: string;
  collectors: RegisterCollector[];
  totalsByMode: Record<string, number>;
  totalPaise: number;
  count: number;
}

/** What the collect form needs: the bill summary with its breakdown, and the form's rules. */
export interface CollectInfo {
  connectionId: string;
  connectionNo: string;
  consumerName: string;
  serviceType: 'Metered' | 'Non_Metered';
  /** Net due (negative = advance held). */
  balancePaise: number;
  /** Outstanding lines, oldest first (the "view details" breakdown). */
  lines: { periodFrom: string; periodTo: string; consumerType: string; taxHead: string; outstandingPaise: number }[];
  capRupees: number;
  modes: string[];
  /** Metered connection without a first bill: nothing can be collected yet (SPEC §2.6). */
  blocked: boolean;
}

export const collectionsContract = {
  'collections.info': op<CollectInfo>()({
    input: z.object({ connectionId: uuid }),
    access: COLLECTORS,
    mode: 'read',
    doc: 'The collect-payment form: total due with its per-period breakdown, the payment cap and the allowed modes (SPEC §2.10).',
  }),
  'collections.collect': op<CollectResult>()({
    input: collectInput,
    access: COLLECTORS,
    mode: 'write',
    doc: 'Record a payment (SPEC §2.10, §4.7): apportioned oldest period first, credits first; any surplus becomes advance; receipt number, allocations and outbox in one transaction; idempotent on idempotencyKey.',
  }),
  'collections.cancelReceipt': op<{ paymentId: string; receiptNo: string; balancePaise: number }>()({
    input: cancelInput,
    access: RECEIPT_CANCELLERS,
    mode: 'write',
    doc: 'Cancel a receipt (Part A.5) with a reason: a reversing entry, the advance it created is reversed, the balance returns; audited.',
  }),
  'collections.receipts': op<ReceiptRow[]>()({
    input: z.object({ connectionId: uuid }),
    access: RECEIPT_VIEWERS,
    mode: 'read',
    doc: 'The receipts of one connection, newest first (household detail receipts block).',
  }),
  'collections.receipt': op<ReceiptModel>()({
    input: z.object({ paymentId: uuid }),
    access: RECEIPT_VIEWERS,
    mode: 'read',
    doc: 'One receipt: what was paid against what, per period and head; pending or advance after it; cancelled or not (SPEC §5.2).',
  }),
  'collections.receiptPdf': op<{ fileName: string; mimeType: string; base64: string }>()({
    input: z.object({ paymentId: uuid, lang: z.enum(['en', 'hi', 'pa']).optional(), paper: z.enum(['A4', 'receipt80']).optional() }),
    access: RECEIPT_VIEWERS,
    mode: 'read',
    doc: 'The receipt as a PDF in the chosen language (A4, or 80 mm roll for a thermal printer behind the system print dialog), base64.',
  }),
  'collections.register': op<CollectionRegister>()({
    input: collectionRegisterInput,
    access: COLLECTORS,
    mode: 'read',
    doc: 'The collection register for a day or date range by collector, with totals by mode — what the clerk hands over with the cash.',
  }),
  'collections.feedback': op<{ saved: true }>()({
    input: feedbackInput,
    access: COLLECTORS,
    mode: 'write',
    doc: 'The consumer\'s three ratings (1–5) at the counter (SPEC §5.4, Part A.6); once per payment.',
  }),
} as const;
