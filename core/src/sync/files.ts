import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { documentPath, sha256Of, stageFiles } from '../expenses/documents.js';
import { MAX_ATTACHMENT_BYTES } from '../expenses/rules.js';

/**
 * Replication of attachment FILES (the rows replicate like any other; see server/src/plugins/files.ts).
 *
 * Once per sync round, after the rows were pushed and pulled, up to `limit` content addresses of
 * this GP's `expense_attachments` that are not yet settled (`file_sync.done_at`) are looked at:
 *   - held here, not on the server → PUT /v1/files/<sha256> (the server checks the hash);
 *   - on the server, not here      → GET it, check its sha256, and only then move it into the
 *                                    document store (temp file + rename, expenses/documents.ts);
 *                                    a corrupt download is discarded, never placed;
 *   - on both                      → settled;
 *   - on neither (the desktop that has it has not sent it yet) → tried again later.
 * A failed transfer is retried (the first time next round, then backing off up to an hour).
 *
 * It never throws and never holds a transaction across the network: a failure is written to the
 * sync status (`sync.error.files`) like the other sync errors, and row sync is not affected.
 */


export interface FileSyncOptions {
  db: Kysely<DB>;
  /** The enrolled device: server URL, token, GP. */
  state: { server_url: string; device_token: string; tenant_id: string };
  fetch: typeof fetch;
  now: () => Date;
  log?: (message: string, error?: unknown) => void;
  /** Asked between files: true ends the work early (the client is stopping). */
  stopping?: () => boolean;
  /** Content addresses looked at per round (default FILES_PER_ROUND). */
  limit?: number;
  timeoutMs?: number;
  /** Folder of the document store; by default the folder of the device's SQLite file (core.ts puts both in dataDir). */
  dataDir?: string;
}

export interface FileSyncResult {
  uploaded: number;
  downloaded: number;
  /** Settled without a transfer (both sides already had it). */
  settled: number;
  /** Nobody has sent it yet, or the server does not accept it yet: tried later. */
  deferred: number;
  failed: { sha256: string; error: string }[];
}

/** At most this many files (each ≤ 5 MB) per round, so one round stays short. */
export const FILES_PER_ROUND = 10;
const MAX_BACKOFF_MS = 60 * 60_000;

/** Delay before the next try after `attempts` failed or deferred tries: next round, then 30 s, 1 min, … ≤ 1 h. */
export function retryDelayMs(attempts: number): number {
  return attempts <= 1 ? 0 : Math.min(MAX_BACKOFF_MS, 30_000 * 2 ** Math.min(attempts - 2, 20));
}

export async function syncFiles(options: FileSyncOptions): Promise<FileSyncResult> {
  const result: FileSyncResult = { uploaded: 0, downloaded: 0, settled: 0, deferred: 0, failed: [] };
  const log = options.log ?? (() => {});
  try {
    await run(options, result);
  } catch (e) {
    // The database itself (closing) or the disk: nothing more to do this round.
    log('attachment file sync failed', e);
    result.failed.push({ sha256: '', error: e instanceof Error ? e.message : String(e) });
  }
  if (result.failed.length) {
    const detail = result.failed
      .slice(0, 3)
      .map((f) => (f.sha256 ? `${f.sha256.slice(0, 12)}…: ${f.error}` : f.error))
      .join('; ');
    try {
      await options.db
        .updateTable('sync_state')
        .set({ last_error_key: 'sync.error.files', last_error_detail: `${result.failed.length} file(s): ${detail}`.slice(0, 500) })
        .where('id', '=', 1)
        .execute();
    } catch (e) {
      log('could not record the file sync failure', e);
    }
  }
  return result;
}

async function run(options: FileSyncOptions, result: FileSyncResult): Promise<void> {
  const db = options.db;
  const { tenant_id: tenantId } = options.state;
  const dataDir = options.dataDir ?? (await databaseFolder(options.db));
  if (!dataDir) return;
  const nowIso = options.now().toISOString();
  const candidates = (
    await sql<{ sha256: string }>`
      SELECT a.sha256 AS sha256 FROM expense_attachments a
      LEFT JOIN file_sync f ON f.tenant_id = a.tenant_id AND f.sha256 = a.sha256
      WHERE a.tenant_id = ${tenantId} AND f.done_at IS NULL AND (f.next_try_at IS NULL OR f.next_try_at <= ${nowIso})
      GROUP BY a.sha256
      ORDER BY MAX(COALESCE(f.attempts, 0)), a.sha256
      LIMIT ${options.limit ?? FILES_PER_ROUND}`.execute(db)
  ).rows.map((r) => r.sha256);
  if (candidates.length === 0) return;

  const http = new FileHttp(options);
  let onServer: Set<string>;
  try {
    onServer = new Set(await http.have(candidates));
  } catch (e) {
    // The server cannot say (unreachable, an older server without files): nothing is counted against the files.
    result.failed.push({ sha256: '', error: message(e) });
    return;
  }

  for (const sha256 of candidates) {
    if (options.stopping?.()) return;
    const local = documentPath(dataDir, tenantId, sha256);
    try {
      if (fs.existsSync(local)) {
        if (!onServer.has(sha256)) {
          const bytes = fs.readFileSync(local);
          if (sha256Of(bytes) !== sha256) throw new Error('the file on this computer is damaged (its sha256 differs)');
          const status = await http.put(sha256, bytes);
          if (status === 409) {
            // The server has no attachment row naming it yet (its row is still in the outbox, or was refused).
            await later(db, tenantId, sha256, options.now(), null);
            result.deferred++;
            continue;
          }
          result.uploaded++;
        } else {
          result.settled++;
        }
        await settle(db, tenantId, sha256, options.now());
      } else if (onServer.has(sha256)) {
        const bytes = await http.get(sha256);
        if (sha256Of(bytes) !== sha256) throw new Error('the download is corrupt (its sha256 differs); discarded');
        const staged = stageFiles(dataDir, tenantId, [{ sha256, bytes }]);
        try {
          staged.publish();
        } catch (e) {
          staged.discard();
          throw e;
        }
        result.downloaded++;
        await settle(db, tenantId, sha256, options.now());
      } else {
        await later(db, tenantId, sha256, options.now(), null);
        result.deferred++;
      }
    } catch (e) {
      const error = message(e);
      result.failed.push({ sha256, error });
      await later(db, tenantId, sha256, options.now(), error);
    }
  }
}

async function settle(db: Kysely<DB>, tenantId: string, sha256: string, now: Date): Promise<void> {
  await db
    .insertInto('file_sync')
    .values({ tenant_id: tenantId, sha256, done_at: now.toISOString(), attempts: 0, next_try_at: null, last_error: null })
    .onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doUpdateSet({ done_at: now.toISOString(), next_try_at: null, last_error: null }))
    .execute();
}

async function later(db: Kysely<DB>, tenantId: string, sha256: string, now: Date, error: string | null): Promise<void> {
  const row = await db
    .selectFrom('file_sync')
    .select('attempts')
    .where('tenant_id', '=', tenantId)
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  const attempts = (row?.attempts ?? 0) + 1;
  const next = new Date(now.getTime() + retryDelayMs(attempts)).toISOString();
  await db
    .insertInto('file_sync')
    .values({ tenant_id: tenantId, sha256, done_at: null, attempts, next_try_at: next, last_error: error })
    .onConflict((oc) => oc.columns(['tenant_id', 'sha256']).doUpdateSet({ attempts, next_try_at: next, last_error: error }))
    .execute();
}

/** The folder of the main SQLite file (core.ts keeps documents/ beside it); undefined in memory. */
export async function databaseFolder(db: Kysely<DB>): Promise<string | undefined> {
  const r = await sql<{ file: string }>`SELECT file FROM pragma_database_list WHERE name = 'main'`.execute(db);
  const file = r.rows[0]?.file;
  return file ? path.dirname(file) : undefined;
}

function message(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  return `${e.name === 'Error' ? '' : `${e.name}: `}${e.message}${e.cause instanceof Error ? ` (${e.cause.message})` : ''}`;
}

/** The three requests of /v1/files, relative to the server URL (which may carry a path prefix). */
class FileHttp {
  constructor(private readonly options: FileSyncOptions) {}

  private async send(method: 'GET' | 'PUT' | 'POST', route: string, body?: Uint8Array | string, type?: string): Promise<Response> {
    const base = this.options.state.server_url;
    const url = new URL(route, base.endsWith('/') ? base : `${base}/`).toString();
    return this.options.fetch(url, {
      method,
      headers: { authorization: `Bearer ${this.options.state.device_token}`, ...(type ? { 'content-type': type } : {}) },
      // A Uint8Array is a valid fetch body; the DOM typings (electron's tsconfig) want an ArrayBuffer view of a plain ArrayBuffer.
      ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}),
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
    });
  }

  async have(sha256: string[]): Promise<string[]> {
    const res = await this.send('POST', 'v1/files/have', JSON.stringify({ sha256 }), 'application/json');
    const json = (await res.json().catch(() => null)) as { have?: unknown } | null;
    if (res.status !== 200 || !Array.isArray(json?.have)) throw new Error(`HTTP ${res.status} asking which files the server has`);
    return json.have.filter((s): s is string => typeof s === 'string');
  }

  /** 200/201 stored (or already there), 409 not accepted yet; anything else throws. */
  async put(sha256: string, bytes: Uint8Array): Promise<number> {
    const res = await this.send('PUT', `v1/files/${sha256}`, bytes, 'application/octet-stream');
    const text = await res.text();
    if (res.status === 200 || res.status === 201 || res.status === 409) return res.status;
    throw new Error(`HTTP ${res.status} sending the file: ${text.slice(0, 200)}`);
  }

  async get(sha256: string): Promise<Buffer> {
    const res = await this.send('GET', `v1/files/${sha256}`);
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_ATTACHMENT_BYTES) {
      await res.body?.cancel();
      throw new Error(`the server offered ${length} bytes, more than an attachment may have`);
    }
    if (res.status !== 200) throw new Error(`HTTP ${res.status} fetching the file: ${(await res.text()).slice(0, 200)}`);
    return Buffer.from(await res.arrayBuffer());
  }
}
