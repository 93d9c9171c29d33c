import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { MAX_ATTACHMENT_BYTES, sha256Of } from '@mgramseva/core/node';
import { AdminError, authenticateDevice } from '../admin-service.js';
import type { ServerContext } from '../app.js';
import type { ServerDb } from '../db/open.js';

/**
 * Attachment files (the bytes behind `expense_attachments` rows, which replicate as rows):
 *
 *   PUT  /v1/files/<sha256>   raw bytes (application/octet-stream, ≤ MAX_ATTACHMENT_BYTES). Stored
 *                             only if the body's sha256 is the name AND an attachment row of the
 *                             device's GP names it; idempotent (a file already stored answers 200).
 *   GET  /v1/files/<sha256>   the bytes, if the device's GP has that file (HEAD: whether it has).
 *   POST /v1/files/have       { sha256: [...≤ 200] } → { have: [...] }: which of these it has.
 *
 * Device-authenticated like /v1/sync (bearer device token). Stored per GP on disk,
 * `<filesDir>/<tenant id>/<sha256>`, written to a temp file, fsync'd, then renamed into place, so
 * a name only ever holds the complete, verified content. A GP never sees another GP's files, even
 * one with the same content: each GP has its own copy.
 */
export interface FilesPluginOptions extends ServerContext {
  filesDir: string;
}

const SHA256 = /^[0-9a-f]{64}$/;
const TENANT = /^[0-9A-Za-z-]{1,100}$/;
export const MAX_HAVE_QUERY = 200;
const haveRequest = z.object({ sha256: z.array(z.string().regex(SHA256)).max(MAX_HAVE_QUERY) });

export function storedFilePath(filesDir: string, tenantId: string, sha256: string): string {
  if (!SHA256.test(sha256) || !TENANT.test(tenantId)) throw new Error('bad file address');
  return path.join(filesDir, tenantId, sha256);
}

/** Whether an attachment row of this GP, as merged on the server, names this content. */
async function referenced(db: ServerDb, tenantId: string, sha256: string): Promise<boolean> {
  const rows = await db
    .selectFrom('sync_rows')
    .select('data')
    .where('tenant_id', '=', tenantId)
    .where('table_name', '=', 'expense_attachments')
    .where('data', 'like', `%${sha256}%`) // hex only: no LIKE wildcards; confirmed on the parsed row below
    .execute();
  return rows.some((r) => (JSON.parse(r.data) as { sha256?: unknown }).sha256 === sha256);
}

export const filesPlugin: FastifyPluginAsync<FilesPluginOptions> = async (app, ctx) => {
  const filesDir = path.resolve(ctx.filesDir);
  sweepTemps(filesDir, ctx.now());

  const deviceOf = async (request: FastifyRequest) => {
    const device = await authenticateDevice(ctx.db, request.headers.authorization, ctx.now());
    if (!device) throw new AdminError(401, 'unauthenticated', 'This device is not enrolled, or its token was revoked or has expired.');
    return device;
  };
  const nameOf = (request: FastifyRequest) => {
    const { sha256 } = request.params as { sha256: string };
    if (!SHA256.test(sha256)) throw new AdminError(400, 'malformed', 'A file is named by the sha256 of its content: 64 lower-case hex digits.');
    return sha256;
  };

  // Raw bodies for this plugin only (Fastify content-type parsers are scoped to the plugin).
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer', bodyLimit: MAX_ATTACHMENT_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.put('/:sha256', { bodyLimit: MAX_ATTACHMENT_BYTES }, async (request: FastifyRequest, reply: FastifyReply) => {
    const device = await deviceOf(request);
    const sha256 = nameOf(request);
    const body = request.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      return reply.code(400).send({ error: 'malformed', message: 'Send the file as application/octet-stream, not empty.' });
    }
    if (sha256Of(body) !== sha256) {
      return reply.code(422).send({ error: 'hash_mismatch', message: 'The content does not have the sha256 it is named by; nothing was stored.' });
    }
    const final = storedFilePath(filesDir, device.tenantId, sha256);
    if (fs.existsSync(final)) return reply.code(200).send({ stored: false, sha256 });
    if (!(await referenced(ctx.db, device.tenantId, sha256))) {
      return reply
        .code(409)
        .send({ error: 'unreferenced', message: 'No attachment of this Gram Panchayat names this file; push its row first. Nothing was stored.' });
    }
    await writeAtomically(path.dirname(final), final, body);
    return reply.code(201).send({ stored: true, sha256 });
  });

  // Fastify also answers HEAD from this route (no body): 200 if the GP has the file, else 404.
  app.get('/:sha256', async (request: FastifyRequest, reply: FastifyReply) => {
    const device = await deviceOf(request);
    const sha256 = nameOf(request);
    let bytes: Buffer;
    try {
      bytes = await fs.promises.readFile(storedFilePath(filesDir, device.tenantId, sha256));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        return reply.code(404).send({ error: 'not_found', message: 'This Gram Panchayat has no such file on the server.' });
      }
      throw e;
    }
    return reply.type('application/octet-stream').header('cache-control', 'private, max-age=31536000, immutable').send(bytes);
  });

  app.post('/have', async (request: FastifyRequest) => {
    const device = await deviceOf(request);
    const { sha256 } = haveRequest.parse(request.body);
    const have = [...new Set(sha256)].filter((s) => fs.existsSync(storedFilePath(filesDir, device.tenantId, s)));
    return { have };
  });
};

/** temp file in the same folder, fsync, rename (atomic on one file system), fsync the folder. */
async function writeAtomically(dir: string, final: string, bytes: Buffer): Promise<void> {
  await fs.promises.mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.tmp-${crypto.randomUUID()}`);
  try {
    const fh = await fs.promises.open(temp, 'wx');
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    await fs.promises.rename(temp, final);
  } catch (e) {
    await fs.promises.rm(temp, { force: true });
    throw e;
  }
  try {
    const d = await fs.promises.open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // fsync of a folder is not supported everywhere (Windows); the rename is still atomic
  }
}

/** Temp files an interrupted upload left (a crash between write and rename), older than an hour. */
function sweepTemps(filesDir: string, now: Date): void {
  if (!fs.existsSync(filesDir)) return;
  for (const tenant of fs.readdirSync(filesDir)) {
    const dir = path.join(filesDir, tenant);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const name of fs.readdirSync(dir)) {
      if (!name.startsWith('.tmp-')) continue;
      const file = path.join(dir, name);
      if (now.getTime() - fs.statSync(file).mtimeMs > 60 * 60_000) fs.rmSync(file, { force: true });
    }
  }
}
