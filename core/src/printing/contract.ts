import { z } from 'zod';
import { op } from '../api/operation.js';
import { uuid } from '../api/fields.js';
import { COLLECTORS, RECEIPT_VIEWERS } from '../collections/contract.js';

/**
 * Bluetooth thermal receipt printing (SPEC §2.6, §2.10, §5.2, §5.5; ANCHORS §6). Messages are i18n
 * keys; this domain's own keys are `printing.<path>` = `<path>` of
 * resources/locales/<lang>/printing.json.
 *
 * The printer is this desktop's own setting (the `settings` table, never replicated): each PC
 * remembers its printer and paper width.
 *
 * Bluetooth takes seconds (a scan listens ~4 s; connecting and sending a receipt 1–3 s), and an
 * operation runs inside one SQLite transaction that every other call waits for. So the slow part
 * never runs inside an operation: `printing.scan` and `printing.printReceipt` start a task and
 * return its id at once; `printing.task` (polled) says whether it is still running, gives its
 * result when done, or fails with the task's message key.
 */

/** Who may print receipts: the same roles as collecting payments. */
export const PRINTER_USERS = COLLECTORS;

export const PAPER_WIDTHS = [58, 80] as const;
export type PaperWidth = (typeof PAPER_WIDTHS)[number];

/** A printer found by a scan. `known`: it advertises a GATT service we know (ANCHORS §6). */
export interface FoundPrinter {
  id: string;
  name: string;
  known: boolean;
}

/** The printer this desktop prints receipts on. */
export interface ChosenPrinter extends FoundPrinter {
  paperMm: PaperWidth;
}

export interface PrintingStatus {
  printer: ChosenPrinter | null;
  /** 'unknown' until this run of the app has tried Bluetooth (it is loaded only when needed). */
  bluetooth: 'unknown' | 'available' | 'unavailable';
  /** The last receipt this run of the app sent to the printer. */
  lastPrint: { receiptNo: string; bytes: number; at: string } | null;
}

export type PrintTask = { state: 'running' } | { state: 'done'; kind: 'scan'; printers: FoundPrinter[] } | { state: 'done'; kind: 'print'; receiptNo: string; bytes: number };

const paperMm = z.union([z.literal(58), z.literal(80)], { error: 'printing.errors.paper' });

export const printingContract = {
  'printing.status': op<PrintingStatus>()({
    input: z.object({}),
    access: PRINTER_USERS,
    passive: true,
    mode: 'read',
    doc: 'This desktop\'s receipt printer and paper width, whether Bluetooth is available, and the last receipt sent.',
  }),
  'printing.scan': op<{ taskId: string }>()({
    input: z.object({}),
    access: PRINTER_USERS,
    mode: 'read',
    doc: 'Start looking for Bluetooth printers for a few seconds (joins a search already running); poll printing.task for the printers found.',
  }),
  'printing.choose': op<ChosenPrinter>()({
    input: z.object({
      printerId: z.string({ error: 'validation.required' }).trim().min(1, 'validation.required').max(200, { error: 'validation.tooLong' }),
      paperMm,
    }),
    access: PRINTER_USERS,
    mode: 'write',
    doc: 'Remember this desktop\'s receipt printer (one found by the last search, or the current one) and its paper width, 58 or 80 mm. Kept on this PC only.',
  }),
  'printing.printReceipt': op<{ taskId: string; receiptNo: string }>()({
    input: z.object({ paymentId: uuid }),
    access: PRINTER_USERS,
    mode: 'read',
    doc: 'Print a receipt on this desktop\'s Bluetooth thermal printer (ESC/POS, the chosen paper width); poll printing.task until it is sent.',
  }),
  'printing.task': op<PrintTask>()({
    input: z.object({ taskId: uuid }),
    access: PRINTER_USERS,
    passive: true,
    mode: 'read',
    doc: 'A printer search or print started by this user: running, done (with its result), or failed with its message.',
  }),
  'printing.receiptEscpos': op<{ base64: string; columns: number }>()({
    input: z.object({ paymentId: uuid, width: z.union([z.literal(58), z.literal(80)]).default(58), cutter: z.boolean().optional() }),
    access: RECEIPT_VIEWERS,
    mode: 'read',
    doc: 'The receipt as ESC/POS bytes for a 58 mm (32 columns) or 80 mm (48 columns) thermal printer, base64.',
  }),
} as const;
