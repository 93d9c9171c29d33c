import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { Core } from '../core.js';
import { HTTP_STATUS, type ApiErrorBody } from '../api/errors.js';
import { asLanguage, translate, type Language } from '../i18n/translate.js';
import { apiReference } from '../api/reference.js';
import { CONTENT_SECURITY_POLICY } from './csp.js';
import { ATTACHMENT_UPLOAD_OPS, UPLOAD_BODY_LIMIT } from '../expenses/contract.js';

export const SESSION_COOKIE = 'mgs_session';
const BODY_LIMIT = 1024 * 1024;

/** The renderer's Content-Security-Policy, the same in browser mode as in Electron (csp.ts). */
export { CONTENT_SECURITY_POLICY };

export interface LocalServerOptions {
  core: Core;
  /** The built renderer (dist/renderer); omitted in API-only tests. */
  staticDir?: string;
}

/**
 * Browser mode (DESIGN.md "Local server"): the same dispatcher as IPC over `POST /api/<op>`,
 * plus the built renderer. The session lives in an HttpOnly SameSite=Strict cookie; the token
 * never reaches page scripts.
 */
export async function buildLocalServer({ core, staticDir }: LocalServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ bodyLimit: BODY_LIMIT, logger: false, trustProxy: false });
  await app.register(fastifyCookie);

  const langOf = (header: unknown): Language => asLanguage(typeof header === 'string' ? header : undefined);
  const sendError = (reply: FastifyReply, error: ApiErrorBody) =>
    reply.code(HTTP_STATUS[error.code]).send({ ok: false, error });
  const simpleError = (code: ApiErrorBody['code'], key: string, lang: Language): ApiErrorBody => ({
    code,
    key,
    message: translate(lang, key),
  });

  // Malformed JSON, oversize bodies, wrong content types: a typed 4xx, never a stack trace.
  app.setErrorHandler((err: { statusCode?: number; code?: string }, request, reply) => {
    const lang = langOf(request.headers['x-mgs-lang']);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.code(413).send({ ok: false, error: simpleError('VALIDATION', 'errors.bodyTooLarge', lang) });
    }
    if (err.statusCode && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ ok: false, error: simpleError('VALIDATION', 'errors.malformedRequest', lang) });
    }
    console.error('[server] request failed', err);
    return sendError(reply, simpleError('INTERNAL', 'errors.internal', lang));
  });

  app.get('/api', async () => apiReference());

  // Attachment uploads carry base64 files in JSON (≤ 5 × 5,000,000 bytes ≈ 33.4 MB): those operations alone match the
  // regex route with UPLOAD_BODY_LIMIT (find-my-way prefers it to the plain :op); every other operation keeps 1 MB.
  for (const [url, bodyLimit] of [['/api/:op', BODY_LIMIT], [`/api/:op(^(?:${ATTACHMENT_UPLOAD_OPS.map((o) => o.replace('.', '\\.')).join('|')})$)`, UPLOAD_BODY_LIMIT]] as const)
  app.post<{ Params: { op: string } }>(url, { bodyLimit }, async (request, reply) => {
    const lang = langOf(request.headers['x-mgs-lang']);
    // SameSite=Strict already stops cross-site cookies; a foreign Origin is refused as well.
    const origin = request.headers.origin;
    if (origin && new URL(origin).host !== request.headers.host) {
      return sendError(reply, simpleError('FORBIDDEN', 'errors.badOrigin', lang));
    }
    if (!request.headers['content-type']?.startsWith('application/json')) {
      return reply.code(415).send({ ok: false, error: simpleError('VALIDATION', 'errors.malformedRequest', lang) });
    }
    const op = request.params.op;
    const token = request.cookies[SESSION_COOKIE];
    const response = await core.call(op, request.body, { token, lang });
    if (!response.ok) return sendError(reply, response.error);

    if (op === 'auth.signIn') {
      const { token: newToken, session } = response.result as { token: string; session: unknown };
      reply.setCookie(SESSION_COOKIE, newToken, { httpOnly: true, sameSite: 'strict', path: '/', secure: false });
      return { ok: true, result: { session } };
    }
    if (op === 'auth.signOut') reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return response;
  });

  app.all('/api/*', async (request, reply) =>
    sendError(reply, simpleError('NOT_FOUND', 'errors.notFound', langOf(request.headers['x-mgs-lang']))),
  );

  if (staticDir && fs.existsSync(path.join(staticDir, 'index.html'))) {
    await app.register(fastifyStatic, { root: staticDir, index: ['index.html'], wildcard: false });
    const indexHtml = fs.readFileSync(path.join(staticDir, 'index.html'));
    app.addHook('onSend', async (_request, reply, payload) => {
      reply.header('Content-Security-Policy', CONTENT_SECURITY_POLICY);
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
      return payload;
    });
    // Client-side routes (/home, /change-password, …) all load the single page.
    app.setNotFoundHandler((request, reply) => {
      if (request.method !== 'GET' || request.url.startsWith('/api')) {
        return sendError(reply, simpleError('NOT_FOUND', 'errors.notFound', langOf(request.headers['x-mgs-lang'])));
      }
      return reply.type('text/html; charset=utf-8').send(indexHtml);
    });
  }
  return app;
}
