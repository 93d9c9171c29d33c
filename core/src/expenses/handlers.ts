import { containsPattern, escapeLike } from '../db/like.js';
import { sql } from 'kysely';
import type { Handlers } from '../api/handlers.js';
import { signedIn, type Ctx } from '../api/context.js';
import { fail, type Params } from '../api/errors.js';
import type { expensesContract, ExpenseDetail, ExpenseEventInfo, ExpenseSummary, UserRef, VendorInfo } from './contract.js';
import { EXPENSE_TYPES } from './contract.js';
import {
  ATTACHMENT_TYPES,
  MAX_ATTACHMENT_BYTES,
  MAX_ATTACHMENTS,
  attachmentExtension,
  expenseDateErrors,
  magicMatches,
  tidyName,
  todayInKolkata,
  vendorKey,
} from './rules.js';
import { nextExpenseBillNo } from './numbering.js';
import { readDocument, sha256Of, stageFiles, type StagedFiles } from './documents.js';
import type { ExpenseEventKind, ExpenseTable, VendorTable } from './tables.js';

type ExpenseOps = keyof typeof expensesContract;
type FieldErrors = Record<string, { key: string; params?: Params }>;

// ---- helpers -------------------------------------------------------------------------------

function keysToFields(errors: Record<string, string>): FieldErrors {
  return Object.fromEntries(Object.entries(errors).map(([f, key]) => [f, { key }]));
}

function throwIfAny(fields: FieldErrors): void {
  if (Object.keys(fields).length) throw fail.validation(fields);
}

async function loadExpense(ctx: Ctx, id: string): Promise<ExpenseTable> {
  const tenantId = signedIn(ctx).tenantId;
  const row = await ctx.db.selectFrom('expenses').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) throw fail.notFound('expenses.notFound');
  return row;
}

/** Paid and cancelled bills are read-only (SPEC §2.12; the original's INVALID_UPDATE_REQ_CHALLAN_INACTIVE). */
function requireUnpaid(row: ExpenseTable): void {
  if (row.status === 'PAID') throw fail.conflict('expenses.paidReadOnly', { billNo: row.bill_no });
  if (row.status === 'CANCELLED') throw fail.conflict('expenses.cancelledReadOnly', { billNo: row.bill_no });
}

interface PreparedFile {
  name: string;
  mime: string;
  bytes: Buffer;
  sha256: string;
}

/** Above this many matches a vendor-fragment search pages through the date index (see search). */
const BROAD_MATCHES = 2000;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * Decode and check the files (the contract already checked names, extensions and base64 length):
 * real base64, 1 … 5,000,000 bytes, and content that is what the extension says (magic bytes).
 */
function prepareFiles(files: { name: string; contentBase64: string }[], fields: FieldErrors, prefix = 'attachments'): PreparedFile[] {
  const out: PreparedFile[] = [];
  files.forEach((f, i) => {
    const field = `${prefix}.${i}.contentBase64`;
    const ext = attachmentExtension(f.name);
    if (!ext) {
      fields[`${prefix}.${i}.name`] = { key: 'expenses.attachmentType' };
      return;
    }
    if (f.contentBase64.length % 4 !== 0 || !BASE64.test(f.contentBase64)) {
      fields[field] = { key: 'expenses.attachmentNotBase64' };
      return;
    }
    const bytes = Buffer.from(f.contentBase64, 'base64');
    if (bytes.length === 0) fields[field] = { key: 'expenses.attachmentEmpty' };
    else if (bytes.length > MAX_ATTACHMENT_BYTES) fields[field] = { key: 'expenses.attachmentTooLarge' };
    else if (!magicMatches(ext, bytes)) fields[field] = { key: 'expenses.attachmentContentMismatch', params: { ext } };
    else out.push({ name: f.name, mime: ATTACHMENT_TYPES[ext], bytes, sha256: sha256Of(bytes) });
  });
  return out;
}

async function findVendor(ctx: Ctx, tenantId: string, name: string): Promise<VendorTable | undefined> {
  return ctx.db
    .selectFrom('vendors')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('name_key', '=', vendorKey(name))
    .executeTakeFirst();
}

/** A vendor of the registry by name, registering a new name with its mobile (SPEC §2.12). */
async function vendorFor(ctx: Ctx, tenantId: string, name: string, mobile: string | undefined): Promise<VendorTable> {
  const existing = await findVendor(ctx, tenantId, name);
  if (existing) return existing;
  if (!mobile) throw fail.field('vendorMobile', 'expenses.vendorMobileRequired');
  const row = {
    id: ctx.newId(),
    tenant_id: tenantId,
    name: tidyName(name),
    name_key: vendorKey(name),
    mobile,
    created_at: ctx.nowIso,
    created_by: signedIn(ctx).userId,
  };
  await ctx.change.insert('vendors', row);
  await ctx.audit({ action: 'vendors.create', entity: 'vendor', entityId: row.id, changes: { name: row.name, mobile } });
  return { ...row, updated_at: '' };
}

async function recordEvent(
  ctx: Ctx,
  expense: { id: string; tenant_id: string },
  kind: ExpenseEventKind,
  changes: Record<string, unknown>,
  reason: string | null = null,
): Promise<void> {
  await ctx.change.insert('expense_events', {
    id: ctx.newId(),
    tenant_id: expense.tenant_id,
    expense_id: expense.id,
    kind,
    at: ctx.nowIso,
    user_id: signedIn(ctx).userId,
    reason,
    changes: JSON.stringify(changes),
  });
  await ctx.audit({
    action: `expenses.${kind.toLowerCase()}`,
    entity: 'expense',
    entityId: expense.id,
    changes: reason ? { ...changes, reason } : changes,
  });
}

/** Stage the files, write the rows, then publish; on any failure no file of this call remains. */
async function attachFiles(ctx: Ctx, expense: { id: string; tenant_id: string }, files: PreparedFile[]): Promise<StagedFiles> {
  const staged = stageFiles(ctx.dataDir, expense.tenant_id, files);
  try {
    for (const f of files) {
      await ctx.change.insert('expense_attachments', {
        id: ctx.newId(),
        tenant_id: expense.tenant_id,
        expense_id: expense.id,
        file_name: f.name,
        mime: f.mime,
        size_bytes: f.bytes.length,
        sha256: f.sha256,
        created_at: ctx.nowIso,
        created_by: signedIn(ctx).userId,
        removed_at: null,
        removed_by: null,
      });
    }
  } catch (e) {
    staged.discard();
    throw e;
  }
  return staged;
}

async function userRefs(ctx: Ctx, ids: (string | null)[]): Promise<Map<string, UserRef>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', wanted).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}

export async function expenseDetail(ctx: Ctx, id: string): Promise<ExpenseDetail> {
  const e = await loadExpense(ctx, id);
  const vendor = await ctx.db.selectFrom('vendors').selectAll().where('id', '=', e.vendor_id).executeTakeFirstOrThrow();
  const attachments = await ctx.db
    .selectFrom('expense_attachments')
    .selectAll()
    .where('expense_id', '=', e.id)
    .where('removed_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const events = await ctx.db.selectFrom('expense_events').selectAll().where('expense_id', '=', e.id).orderBy('at').orderBy('id').execute();
  const users = await userRefs(ctx, [e.paid_by, e.cancelled_by, e.created_by, ...events.map((ev) => ev.user_id)]);
  const user = (uid: string | null) => (uid ? (users.get(uid) ?? { id: uid, name: '' }) : null);
  const type = EXPENSE_TYPES.find((t) => t.code === e.type_code);
  const history: ExpenseEventInfo[] = events.map((ev) => ({
    kind: ev.kind,
    at: ev.at,
    user: user(ev.user_id),
    reason: ev.reason,
    changes: JSON.parse(ev.changes) as Record<string, unknown>,
  }));
  return {
    id: e.id,
    billNo: e.bill_no,
    typeCode: e.type_code,
    typeName: type?.name ?? e.type_code,
    taxHead: type?.taxHead ?? '',
    vendorId: vendor.id,
    vendorName: vendor.name,
    vendorMobile: vendor.mobile,
    amountPaise: e.amount_paise,
    billDate: e.bill_date,
    partyBillDate: e.party_bill_date,
    periodFrom: e.period_from,
    periodTo: e.period_to,
    status: e.status,
    paidDate: e.paid_date,
    paidAt: e.paid_at,
    paidBy: user(e.paid_by),
    cancelledAt: e.cancelled_at,
    cancelledBy: user(e.cancelled_by),
    cancelReason: e.cancel_reason,
    createdAt: e.created_at,
    createdBy: user(e.created_by),
    editable: e.status === 'UNPAID',
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.file_name,
      mime: a.mime,
      sizeBytes: a.size_bytes,
      sha256: a.sha256,
      createdAt: a.created_at,
    })),
    history,
  };
}

async function vendorInfo(ctx: Ctx, tenantId: string, ids: string[]): Promise<Map<string, Omit<VendorInfo, 'id' | 'name' | 'mobile'>>> {
  const out = new Map<string, Omit<VendorInfo, 'id' | 'name' | 'mobile'>>();
  if (!ids.length) return out;
  const rows = await ctx.db
    .selectFrom('expenses')
    .select([
      'vendor_id',
      sql<number>`count(*)`.as('bill_count'),
      sql<number>`sum(CASE WHEN status = 'UNPAID' THEN 1 ELSE 0 END)`.as('unpaid_count'),
      sql<number>`sum(CASE WHEN status <> 'CANCELLED' THEN amount_paise ELSE 0 END)`.as('total_paise'),
    ])
    .where('tenant_id', '=', tenantId)
    .where('vendor_id', 'in', ids)
    .groupBy('vendor_id')
    .execute();
  for (const r of rows) {
    out.set(r.vendor_id, { billCount: Number(r.bill_count), unpaidCount: Number(r.unpaid_count), totalPaise: Number(r.total_paise) });
  }
  return out;
}

// ---- handlers ------------------------------------------------------------------------------

export const expensesHandlers: Handlers<ExpenseOps> = {
  'expenses.types': async () => EXPENSE_TYPES.map((t) => ({ ...t })),

  'expenses.create': async (ctx, input) => {
    const session = signedIn(ctx);
    const tenantId = session.tenantId;
    const today = todayInKolkata(ctx.now);

    // Every rule first, all fields at once; nothing is written before they all hold.
    const fields = keysToFields(expenseDateErrors(input, today));
    const files = prepareFiles(input.attachments, fields);
    const knownVendor = await findVendor(ctx, tenantId, input.vendorName);
    if (!knownVendor && !input.vendorMobile) fields['vendorMobile'] = { key: 'expenses.vendorMobileRequired' };
    throwIfAny(fields);

    const vendor = await vendorFor(ctx, tenantId, input.vendorName, input.vendorMobile);
    const billNo = await nextExpenseBillNo(ctx, tenantId);
    const row: Omit<ExpenseTable, 'updated_at'> = {
      id: ctx.newId(),
      tenant_id: tenantId,
      bill_no: billNo,
      type_code: input.typeCode,
      vendor_id: vendor.id,
      amount_paise: input.amountRupees * 100,
      bill_date: input.billDate,
      party_bill_date: input.partyBillDate ?? null,
      period_from: input.periodFrom,
      period_to: input.periodTo,
      status: input.isPaid ? 'PAID' : 'UNPAID',
      paid_date: input.isPaid ? (input.paidDate ?? null) : null,
      paid_at: input.isPaid ? ctx.nowIso : null,
      paid_by: input.isPaid ? session.userId : null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
      created_at: ctx.nowIso,
      created_by: session.userId,
    };
    await ctx.change.insert('expenses', row);
    const staged = await attachFiles(ctx, row, files);
    try {
      await recordEvent(ctx, row, 'CREATED', {
        billNo,
        typeCode: row.type_code,
        vendorName: vendor.name,
        amountPaise: row.amount_paise,
        billDate: row.bill_date,
        partyBillDate: row.party_bill_date,
        periodFrom: row.period_from,
        periodTo: row.period_to,
        attachments: files.map((f) => f.name),
      });
      if (input.isPaid) {
        await recordEvent(ctx, row, 'PAID', { status: ['UNPAID', 'PAID'], paidDate: [null, row.paid_date] });
      }
      staged.publish();
    } catch (e) {
      staged.discard();
      throw e;
    }
    return { id: row.id, billNo };
  },

  'expenses.search': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    if (!input.vendor && !input.vendorId && !input.typeCode && !input.billNo) {
      throw fail.validation(
        { vendor: { key: 'expenses.noFieldsFilled' }, typeCode: { key: 'expenses.noFieldsFilled' }, billNo: { key: 'expenses.noFieldsFilled' } },
        'expenses.noFieldsFilled',
      );
    }
    const vendorIds = input.vendor
      ? ctx.db
          .selectFrom('vendors')
          .select('id')
          .where('tenant_id', '=', tenantId)
          .where(sql<boolean>`name_key LIKE ${containsPattern(vendorKey(input.vendor))} ESCAPE '\\'`)
      : undefined;
    // `broad`: the vendor test written `+e.vendor_id` so SQLite walks a date-ordered index and stops
    // at the page instead of collecting every match of a fragment like "a" first.
    const filtered = (broad: boolean) => {
      let q = ctx.db.selectFrom('expenses as e').where('e.tenant_id', '=', tenantId);
      if (vendorIds) q = q.where(broad ? sql<boolean>`+e.vendor_id IN (${vendorIds})` : sql<boolean>`e.vendor_id IN (${vendorIds})`);
      if (input.vendorId) q = q.where('e.vendor_id', '=', input.vendorId);
      if (input.typeCode) q = q.where('e.type_code', '=', input.typeCode);
      // Bill numbers are upper-case ASCII: a plain substring test, any case typed.
      if (input.billNo) q = q.where(sql<boolean>`instr(e.bill_no, ${input.billNo.trim().toUpperCase()}) > 0`);
      if (input.status) q = q.where('e.status', '=', input.status);
      return q;
    };
    const q = filtered(false);

    let total: number;
    let page: { rid: number }[];
    if (input.billNo) {
      // A bill-number fragment is a scan of the number index whatever we do: one pass gives both
      // the count and the page (matches are few; 50,000 would still be a few ms).
      const all = await q.select([sql<number>`e.rowid`.as('rid'), 'e.bill_date', 'e.bill_no']).execute();
      all.sort((a, b) => (a.bill_date === b.bill_date ? b.bill_no.localeCompare(a.bill_no) : b.bill_date.localeCompare(a.bill_date)));
      total = all.length;
      page = all.slice((input.page - 1) * input.pageSize, input.page * input.pageSize);
    } else {
      total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
      // The page is chosen from the indexes (bill date, bill number, rowid); only its rows are read.
      page = await filtered(Boolean(vendorIds) && total > BROAD_MATCHES)
        .select(sql<number>`e.rowid`.as('rid'))
        .orderBy('e.bill_date', 'desc')
        .orderBy('e.bill_no', 'desc')
        .limit(input.pageSize)
        .offset((input.page - 1) * input.pageSize)
        .execute();
    }
    const rows = page.length
      ? await ctx.db
          .selectFrom('expenses as e')
          .innerJoin('vendors as v', 'v.id', 'e.vendor_id')
          .select(['e.id', 'e.bill_no', 'e.type_code', 'e.vendor_id', 'v.name as vendor_name', 'e.amount_paise', 'e.bill_date', 'e.status'])
          .where(sql<boolean>`e.rowid IN (${sql.join(page.map((p) => p.rid))})`)
          .orderBy('e.bill_date', 'desc')
          .orderBy('e.bill_no', 'desc')
          .execute()
      : [];
    const items: ExpenseSummary[] = rows.map((r) => ({
      id: r.id,
      billNo: r.bill_no,
      typeCode: r.type_code,
      vendorId: r.vendor_id,
      vendorName: r.vendor_name,
      amountPaise: r.amount_paise,
      billDate: r.bill_date,
      status: r.status,
    }));
    return { items, total, page: input.page, pageSize: input.pageSize };
  },

  'expenses.get': async (ctx, input) => expenseDetail(ctx, input.id),

  'expenses.update': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const row = await loadExpense(ctx, input.id);
    requireUnpaid(row);
    const vendor = await ctx.db.selectFrom('vendors').selectAll().where('id', '=', row.vendor_id).executeTakeFirstOrThrow();
    const next = {
      billDate: input.billDate ?? row.bill_date,
      partyBillDate: input.partyBillDate === undefined ? row.party_bill_date : input.partyBillDate,
      periodFrom: input.periodFrom ?? row.period_from,
      periodTo: input.periodTo ?? row.period_to,
    };
    const fields = keysToFields(expenseDateErrors(next, todayInKolkata(ctx.now)));
    const vendorChanges = input.vendorName !== undefined && vendorKey(input.vendorName) !== vendor.name_key;
    if (vendorChanges && !input.vendorMobile && !(await findVendor(ctx, tenantId, input.vendorName!))) {
      fields['vendorMobile'] = { key: 'expenses.vendorMobileRequired' };
    }
    throwIfAny(fields);

    const patch: Partial<ExpenseTable> = {};
    const changes: Record<string, [unknown, unknown]> = {};
    const setIf = <K extends keyof ExpenseTable>(col: K, name: string, value: ExpenseTable[K]) => {
      if (value !== row[col]) {
        patch[col] = value;
        changes[name] = [row[col], value];
      }
    };
    if (vendorChanges) {
      const newVendor = await vendorFor(ctx, tenantId, input.vendorName!, input.vendorMobile);
      if (newVendor.id !== row.vendor_id) {
        patch.vendor_id = newVendor.id;
        changes['vendorName'] = [vendor.name, newVendor.name];
      }
    }
    if (input.amountRupees !== undefined) setIf('amount_paise', 'amountPaise', input.amountRupees * 100);
    setIf('bill_date', 'billDate', next.billDate);
    setIf('party_bill_date', 'partyBillDate', next.partyBillDate);
    setIf('period_from', 'periodFrom', next.periodFrom);
    setIf('period_to', 'periodTo', next.periodTo);
    if (Object.keys(patch).length) {
      await ctx.change.update('expenses', row.id, patch);
      await recordEvent(ctx, row, 'UPDATED', changes);
    }
    return expenseDetail(ctx, row.id);
  },

  'expenses.markPaid': async (ctx, input) => {
    const session = signedIn(ctx);
    const row = await loadExpense(ctx, input.id);
    requireUnpaid(row);
    const today = todayInKolkata(ctx.now);
    if (input.paidDate < row.bill_date) throw fail.field('paidDate', 'expenses.paidDateBeforeBillDate');
    if (input.paidDate > today) throw fail.field('paidDate', 'expenses.paidDateFuture');
    await ctx.change.update('expenses', row.id, { status: 'PAID', paid_date: input.paidDate, paid_at: ctx.nowIso, paid_by: session.userId });
    await recordEvent(ctx, row, 'PAID', { status: ['UNPAID', 'PAID'], paidDate: [null, input.paidDate] });
    return expenseDetail(ctx, row.id);
  },

  'expenses.cancel': async (ctx, input) => {
    const session = signedIn(ctx);
    const row = await loadExpense(ctx, input.id);
    if (row.status === 'PAID') throw fail.conflict('expenses.cannotCancelPaid', { billNo: row.bill_no });
    requireUnpaid(row);
    await ctx.change.update('expenses', row.id, {
      status: 'CANCELLED',
      cancelled_at: ctx.nowIso,
      cancelled_by: session.userId,
      cancel_reason: input.reason,
    });
    await recordEvent(ctx, row, 'CANCELLED', { status: ['UNPAID', 'CANCELLED'] }, input.reason);
    return expenseDetail(ctx, row.id);
  },

  'expenses.addAttachments': async (ctx, input) => {
    const row = await loadExpense(ctx, input.id);
    requireUnpaid(row);
    const fields: FieldErrors = {};
    const present = await ctx.db
      .selectFrom('expense_attachments')
      .select(sql<number>`count(*)`.as('n'))
      .where('expense_id', '=', row.id)
      .where('removed_at', 'is', null)
      .executeTakeFirstOrThrow();
    if (Number(present.n) + input.attachments.length > MAX_ATTACHMENTS) {
      fields['attachments'] = { key: 'expenses.tooManyAttachments', params: { max: MAX_ATTACHMENTS } };
    }
    const files = prepareFiles(input.attachments, fields);
    throwIfAny(fields);
    const staged = await attachFiles(ctx, row, files);
    try {
      await recordEvent(ctx, row, 'ATTACHED', { attachments: files.map((f) => f.name) });
      staged.publish();
    } catch (e) {
      staged.discard();
      throw e;
    }
    return expenseDetail(ctx, row.id);
  },

  'expenses.removeAttachment': async (ctx, input) => {
    const session = signedIn(ctx);
    const row = await loadExpense(ctx, input.id);
    requireUnpaid(row);
    const a = await ctx.db
      .selectFrom('expense_attachments')
      .selectAll()
      .where('id', '=', input.attachmentId)
      .where('expense_id', '=', row.id)
      .where('removed_at', 'is', null)
      .executeTakeFirst();
    if (!a) throw fail.notFound('expenses.attachmentNotFound');
    await ctx.change.update('expense_attachments', a.id, { removed_at: ctx.nowIso, removed_by: session.userId });
    await recordEvent(ctx, row, 'DETACHED', { attachments: [a.file_name] });
    return expenseDetail(ctx, row.id);
  },

  'expenses.attachment': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const a = await ctx.db
      .selectFrom('expense_attachments')
      .selectAll()
      .where('id', '=', input.attachmentId)
      .where('tenant_id', '=', tenantId)
      .executeTakeFirst();
    if (!a) throw fail.notFound('expenses.attachmentNotFound');
    let bytes: Buffer;
    try {
      bytes = readDocument(ctx.dataDir, tenantId, a.sha256);
    } catch {
      // Synced from another desktop whose files have not arrived, or removed from the disk.
      throw fail.notFound('expenses.attachmentMissing', { name: a.file_name });
    }
    return { fileName: a.file_name, mime: a.mime, sizeBytes: a.size_bytes, contentBase64: bytes.toString('base64') };
  },

  'vendors.list': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    let q = ctx.db.selectFrom('vendors').where('tenant_id', '=', tenantId);
    if (input.fragment) q = q.where(sql<boolean>`name_key LIKE ${containsPattern(vendorKey(input.fragment))} ESCAPE '\\'`);
    const total = Number((await q.select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n);
    const rows = await q
      .select(['id', 'name', 'mobile'])
      .orderBy('name_key')
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize)
      .execute();
    const stats = await vendorInfo(ctx, tenantId, rows.map((r) => r.id));
    const items = rows.map((r) => ({ ...r, ...(stats.get(r.id) ?? { billCount: 0, unpaidCount: 0, totalPaise: 0 }) }));
    return { items, total, page: input.page, pageSize: input.pageSize };
  },

  'vendors.suggest': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const key = vendorKey(input.prefix);
    if (!key) return [];
    const esc = escapeLike(key);
    return ctx.db
      .selectFrom('vendors')
      .select(['id', 'name', 'mobile'])
      .where('tenant_id', '=', tenantId)
      .where(sql<boolean>`name_key LIKE ${`%${esc}%`} ESCAPE '\\'`)
      .orderBy(sql`CASE WHEN name_key LIKE ${`${esc}%`} ESCAPE '\\' THEN 0 ELSE 1 END`)
      .orderBy('name_key')
      .limit(10)
      .execute();
  },

  'vendors.update': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const v = await ctx.db.selectFrom('vendors').selectAll().where('id', '=', input.id).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (!v) throw fail.notFound('expenses.vendorNotFound');
    if (v.mobile !== input.mobile) {
      await ctx.change.update('vendors', v.id, { mobile: input.mobile });
      await ctx.audit({ action: 'vendors.update', entity: 'vendor', entityId: v.id, changes: { mobile: [v.mobile, input.mobile] } });
    }
    const stats = (await vendorInfo(ctx, tenantId, [v.id])).get(v.id) ?? { billCount: 0, unpaidCount: 0, totalPaise: 0 };
    return { id: v.id, name: v.name, mobile: input.mobile, ...stats };
  },
};
