import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The app's document store: `<dataDir>/documents/<tenant id>/<sha256>`, content-addressed, so a
 * file is written once however many bills carry it and its name can never be chosen by a user.
 *
 * Writing with a database transaction (the row must never point at a missing file, and a failed
 * call must leave no file behind):
 *   1. `stage` writes each new file to `<dir>/.tmp-<uuid>` (fsync'd) before any row is written;
 *   2. the handler inserts its rows;
 *   3. `publish` renames the temp files to their final names as the handler's last step, still
 *      inside the transaction — so the file exists before the row is committed;
 *   4. any error before that: `discard` removes the temp files (and any final file this call
 *      created). The one window left — the COMMIT itself failing after publish — leaves an
 *      unreferenced file, which `sweepDocuments` removes (run it on start; see notifications/jobs.ts).
 */

export function documentsRoot(dataDir: string): string {
  return path.join(dataDir, 'documents');
}

export function documentPath(dataDir: string, tenantId: string, sha256: string): string {
  if (!/^[0-9a-f]{64}$/.test(sha256) || !/^[0-9A-Za-z-]+$/.test(tenantId)) throw new Error('bad document address');
  return path.join(documentsRoot(dataDir), tenantId, sha256);
}

export function sha256Of(bytes: Uint8Array): string {
  return crypto.createHash('sha256').update(bytes).digest('hex');
}

export interface StagedFiles {
  /** Move the temp files to their final names (idempotent). */
  publish(): void;
  /** Remove everything this staging wrote. Never throws. */
  discard(): void;
}

export function stageFiles(dataDir: string, tenantId: string, files: { sha256: string; bytes: Uint8Array }[]): StagedFiles {
  const dir = path.join(documentsRoot(dataDir), tenantId);
  const temps: { temp: string; final: string }[] = [];
  const created: string[] = [];
  const discard = () => {
    for (const p of [...temps.map((t) => t.temp), ...created]) {
      try {
        fs.rmSync(p, { force: true });
      } catch {
        // best effort; the sweep removes what is left
      }
    }
  };
  try {
    fs.mkdirSync(dir, { recursive: true });
    const seen = new Set<string>();
    for (const f of files) {
      const final = documentPath(dataDir, tenantId, f.sha256);
      if (seen.has(f.sha256) || fs.existsSync(final)) continue;
      seen.add(f.sha256);
      const temp = path.join(dir, `.tmp-${crypto.randomUUID()}`);
      temps.push({ temp, final });
      const fd = fs.openSync(temp, 'wx');
      try {
        fs.writeSync(fd, f.bytes);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
    }
  } catch (e) {
    discard();
    throw e;
  }
  return {
    publish() {
      for (const t of temps) {
        if (fs.existsSync(t.final)) {
          fs.rmSync(t.temp, { force: true });
          continue;
        }
        fs.renameSync(t.temp, t.final);
        created.push(t.final);
      }
      temps.length = 0;
    },
    discard,
  };
}

export function readDocument(dataDir: string, tenantId: string, sha256: string): Buffer {
  return fs.readFileSync(documentPath(dataDir, tenantId, sha256));
}

/**
 * Remove temp files and files no attachment row refers to, older than `minAgeMs` (so a call in
 * flight is never disturbed). Returns how many files went.
 */
export async function sweepDocuments(db: Kysely<DB>, dataDir: string, now: Date, minAgeMs = 60 * 60_000): Promise<number> {
  const root = documentsRoot(dataDir);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const tenant of fs.readdirSync(root)) {
    const dir = path.join(root, tenant);
    if (!fs.statSync(dir).isDirectory()) continue;
    const referenced = new Set(
      (await db.selectFrom('expense_attachments').select('sha256').where('tenant_id', '=', tenant).execute()).map((r) => r.sha256),
    );
    for (const name of fs.readdirSync(dir)) {
      const file = path.join(dir, name);
      const stat = fs.statSync(file);
      if (now.getTime() - stat.mtimeMs < minAgeMs) continue;
      if (name.startsWith('.tmp-') || !referenced.has(name)) {
        fs.rmSync(file, { force: true });
        removed++;
      }
    }
  }
  return removed;
}
