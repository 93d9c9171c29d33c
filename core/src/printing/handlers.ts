import type { Handlers } from '../api/handlers.js';
import type { Ctx } from '../api/context.js';
import { signedIn } from '../api/context.js';
import { fail } from '../api/errors.js';
import { loadReceipt } from '../collections/index.js';
import type { ChosenPrinter, printingContract } from './contract.js';
import { layoutReceipt, PAPER_58, PAPER_80 } from './receipt-layout.js';

type PrintingOps = keyof typeof printingContract;

/** The device-local setting (settings table, not replicated) that names this desktop's printer. */
export const PRINTER_SETTING = 'printing.printer';

/** This desktop's printer, or null (never set, or a value this version cannot read). */
export async function chosenPrinter(ctx: Pick<Ctx, 'db'>): Promise<ChosenPrinter | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', PRINTER_SETTING).executeTakeFirst();
  if (!row) return null;
  try {
    const v = JSON.parse(row.value) as Partial<ChosenPrinter>;
    if (typeof v.id !== 'string' || !v.id || typeof v.name !== 'string' || (v.paperMm !== 58 && v.paperMm !== 80)) return null;
    return { id: v.id, name: v.name, known: v.known === true, paperMm: v.paperMm };
  } catch {
    return null;
  }
}

export const printingHandlers: Handlers<PrintingOps> = {
  'printing.status': async (ctx) => {
    const service = ctx.printer;
    return { printer: await chosenPrinter(ctx), bluetooth: service.bluetooth, lastPrint: service.lastPrint };
  },

  'printing.scan': async (ctx) => {
    const s = signedIn(ctx);
    return { taskId: ctx.printer.scan(s.userId) };
  },

  'printing.choose': async (ctx, input) => {
    signedIn(ctx);
    const current = await chosenPrinter(ctx);
    // A printer the last search found, or the current one with another paper width.
    const found = ctx.printer.foundPrinter(input.printerId) ?? (current?.id === input.printerId ? current : undefined);
    if (!found) throw fail.field('printerId', 'printing.errors.searchFirst');
    const chosen: ChosenPrinter = { id: found.id, name: found.name, known: found.known, paperMm: input.paperMm };
    await ctx.db
      .insertInto('settings')
      .values({ key: PRINTER_SETTING, value: JSON.stringify(chosen) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(chosen) }))
      .execute();
    return chosen;
  },

  'printing.printReceipt': async (ctx, input) => {
    const s = signedIn(ctx);
    const printer = await chosenPrinter(ctx);
    if (!printer) throw fail.conflict('printing.errors.noPrinter');
    const model = await loadReceipt(ctx.db, s.tenantId, input.paymentId);
    const bytes = layoutReceipt(model, printer.paperMm === 80 ? PAPER_80 : PAPER_58);
    const taskId = ctx.printer.print(s.userId, printer.id, bytes, model.receiptNo);
    return { taskId, receiptNo: model.receiptNo };
  },

  'printing.receiptEscpos': async (ctx, input) => {
    const s = signedIn(ctx);
    const m = await loadReceipt(ctx.db, s.tenantId, input.paymentId);
    const profile = input.width === 80 ? PAPER_80 : PAPER_58;
    const bytes = layoutReceipt(m, { ...profile, cutter: input.cutter ?? profile.cutter });
    return { base64: Buffer.from(bytes).toString('base64'), columns: profile.columns };
  },

  'printing.task': async (ctx, input) => {
    const s = signedIn(ctx);
    const state = ctx.printer.task(input.taskId, s.userId);
    if (!state) throw fail.notFound('printing.errors.taskNotFound');
    if (state.state === 'failed') throw fail.conflict(state.key);
    return state;
  },
};
