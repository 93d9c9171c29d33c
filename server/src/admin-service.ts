import { createHash, randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { hashPassword, HybridClock, newId, type WireChange } from '@mgramseva/core/node';
import { tenantCode, mobileNumber, newPassword, personName, placeName } from '@mgramseva/core/contracts';
import type { ServerDb } from './db/open.js';
import { loadCatalogue } from './sync/catalogue.js';
import { applyBatch } from './sync/push.js';

/**
 * What an administrator of the central server does, shared by the admin API (plugins/admin.ts)
 * and the CLI (cli.ts): onboard a Gram Panchayat, issue enrolment codes, list and revoke devices.
 */
export const SERVER_NODE = 'server';

export const createGpInput = z.object({
  /** Register a GP already set up on a desktop: its id (shown on the desktop's sync screen). */
  id: z.string().uuid().optional(),
  code: tenantCode,
  name: placeName(100),
  district: placeName(60),
  block: placeName(60),
  state: placeName(60),
  /** The first administrator, for a GP new to every desktop: replicated to the desktops that enrol. */
  admin: z.object({ name: personName, mobile: mobileNumber, password: newPassword }).optional(),
});
export type CreateGpInput = z.input<typeof createGpInput>;

export class AdminError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function createGp(db: ServerDb, raw: CreateGpInput, now: Date): Promise<{ tenantId: string; adminUserId?: string }> {
  const input = createGpInput.parse(raw);
  if (!input.id && !input.admin) {
    throw new AdminError(400, 'admin_required', 'A new Gram Panchayat needs its first administrator (name, mobile, password).');
  }
  const tenantId = input.id ?? newId();
  const clash = await db
    .selectFrom('gram_panchayats')
    .select(['id', 'code'])
    .where((eb) => eb.or([eb('id', '=', tenantId), eb('code', '=', input.code)]))
    .executeTakeFirst();
  if (clash) throw new AdminError(409, 'exists', `A Gram Panchayat with this ${clash.id === tenantId ? 'id' : 'code'} exists.`);
  const nowIso = now.toISOString();
  await db
    .insertInto('gram_panchayats')
    .values({
      id: tenantId,
      code: input.code,
      name: input.name,
      district: input.district,
      block: input.block,
      state: input.state,
      created_at: nowIso,
      next_seq: 0,
    })
    .execute();
  if (input.id) return { tenantId }; // the desktop that set it up pushes its own records
  const admin = input.admin!;
  // The GP and its administrator enter replication like any device's records, from 'server'.
  const clock = new HybridClock(SERVER_NODE, () => now.getTime());
  const userId = newId();
  const rows: Pick<WireChange, 'table' | 'rowId' | 'data'>[] = [
    {
      table: 'tenants',
      rowId: tenantId,
      data: { id: tenantId, code: input.code, name: input.name, district: input.district, block: input.block, state: input.state, created_at: nowIso },
    },
    {
      table: 'users',
      rowId: userId,
      data: {
        id: userId, tenant_id: tenantId, mobile: admin.mobile, name: admin.name, password_hash: await hashPassword(admin.password),
        gender: null, email: null, language: null, active: 1, must_change_password: 0, created_at: nowIso,
      },
    },
    ...['GP_ADMIN', 'SARPANCH'].map((role) => {
      const id = newId();
      return { table: 'user_roles', rowId: id, data: { id, user_id: userId, tenant_id: tenantId, role, created_at: nowIso } };
    }),
  ];
  const changes: WireChange[] = rows.map((r, i) => {
    const hlc = clock.now();
    return { ...r, mutationId: newId(), seq: i + 1, op: 'insert', hlc, data: { ...r.data, updated_at: hlc } };
  });
  await applyBatch(db, { id: SERVER_NODE, tenantId }, newId(), changes, await loadCatalogue(), now);
  return { tenantId, adminUserId: userId };
}

// Enrolment codes: 8 characters without look-alikes (no 0/O, 1/I/L), shown as XXXX-XXXX.
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export async function issueEnrolmentCode(
  db: ServerDb,
  tenantId: string,
  now: Date,
  ttlMinutes = 30,
): Promise<{ code: string; expiresAt: string }> {
  const gp = await db.selectFrom('gram_panchayats').select('id').where('id', '=', tenantId).executeTakeFirst();
  if (!gp) throw new AdminError(404, 'not_found', 'No such Gram Panchayat.');
  const raw = Array.from({ length: 8 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  const expiresAt = new Date(now.getTime() + ttlMinutes * 60_000).toISOString();
  await db
    .insertInto('enrolment_codes')
    .values({ code_hash: sha256(raw), tenant_id: tenantId, created_at: now.toISOString(), expires_at: expiresAt, used_at: null, device_id: null })
    .execute();
  return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAt };
}

export interface GpListing {
  id: string;
  code: string;
  name: string;
  district: string;
  block: string;
  state: string;
  createdAt: string;
  changes: number;
  devices: { id: string; name: string; createdAt: string; lastSeenAt: string | null; revokedAt: string | null }[];
}

export async function listGps(db: ServerDb): Promise<GpListing[]> {
  const gps = await db.selectFrom('gram_panchayats').selectAll().orderBy('code').execute();
  const devices = await db.selectFrom('devices').selectAll().orderBy('created_at').execute();
  return gps.map((g) => ({
    id: g.id,
    code: g.code,
    name: g.name,
    district: g.district,
    block: g.block,
    state: g.state,
    createdAt: g.created_at,
    changes: g.next_seq,
    devices: devices
      .filter((d) => d.tenant_id === g.id)
      .map((d) => ({ id: d.id, name: d.name, createdAt: d.created_at, lastSeenAt: d.last_seen_at, revokedAt: d.revoked_at })),
  }));
}

export async function revokeDevice(db: ServerDb, deviceId: string, now: Date): Promise<void> {
  const r = await db
    .updateTable('devices')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', deviceId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) {
    const exists = await db.selectFrom('devices').select('id').where('id', '=', deviceId).executeTakeFirst();
    if (!exists) throw new AdminError(404, 'not_found', 'No such device.');
  }
}

/** Exchange a one-time code for a device identity and its secret token (stored hashed). */
export async function enrolDevice(
  db: ServerDb,
  input: { code: string; deviceName: string; tenantId?: string | undefined },
  now: Date,
  tokenTtlDays?: number,
): Promise<{ deviceId: string; token: string; tenant: { id: string; code: string; name: string } }> {
  const codeHash = sha256(normaliseCode(input.code));
  const nowIso = now.toISOString();
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('enrolment_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= nowIso) {
      throw new AdminError(401, 'bad_code', 'This enrolment code is wrong, used or expired. Ask for a new one.');
    }
    const gp = await trx.selectFrom('gram_panchayats').select(['id', 'code', 'name']).where('id', '=', row.tenant_id).executeTakeFirstOrThrow();
    if (input.tenantId && input.tenantId !== gp.id) {
      throw new AdminError(409, 'other_tenant', `This code is for another Gram Panchayat (${gp.code}).`);
    }
    const deviceId = newId();
    const token = randomBytes(32).toString('base64url');
    const used = await trx
      .updateTable('enrolment_codes')
      .set({ used_at: nowIso, device_id: deviceId })
      .where('code_hash', '=', codeHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) throw new AdminError(401, 'bad_code', 'This enrolment code was just used.');
    await trx
      .insertInto('devices')
      .values({
        id: deviceId,
        tenant_id: gp.id,
        name: input.deviceName,
        token_hash: sha256(token),
        created_at: nowIso,
        last_seen_at: null,
        revoked_at: null,
        expires_at: tokenTtlDays ? new Date(now.getTime() + tokenTtlDays * 86_400_000).toISOString() : null,
      })
      .execute();
    return { deviceId, token, tenant: gp };
  });
}

/** The device behind a bearer token, or null (unknown, revoked, expired). */
export async function authenticateDevice(
  db: ServerDb,
  authorization: string | undefined,
  now: Date,
): Promise<{ id: string; tenantId: string } | null> {
  const m = /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(authorization ?? '');
  if (!m) return null;
  const d = await db
    .selectFrom('devices')
    .select(['id', 'tenant_id', 'revoked_at', 'expires_at'])
    .where('token_hash', '=', sha256(m[1]!))
    .executeTakeFirst();
  if (!d || d.revoked_at || (d.expires_at && d.expires_at <= now.toISOString())) return null;
  return { id: d.id, tenantId: d.tenant_id };
}
