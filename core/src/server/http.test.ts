import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import { buildLocalServer, SESSION_COOKIE } from './http.js';

let t: TestCore;
let app: FastifyInstance;
beforeEach(async () => {
  t = await openTestCore();
  await t.setupAdmin();
  app = await buildLocalServer({ core: t.core });
});
afterEach(async () => {
  await app.close();
  await t.close();
});

const post = (op: string, body: unknown, headers: Record<string, string> = {}) =>
  app.inject({
    method: 'POST',
    url: `/api/${op}`,
    headers: { 'content-type': 'application/json', ...headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('local HTTP server', () => {
  it('keeps the session in an HttpOnly SameSite=Strict cookie and never sends the token in the body', async () => {
    const res = await post('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Strict');
    expect(res.body).not.toContain(cookie!.value);
    const session = await post('auth.session', {}, { cookie: `${SESSION_COOKIE}=${cookie!.value}` });
    expect(session.json().result.user.mobile).toBe(ADMIN.mobile);
  });

  it('answers a missing session with 401 UNAUTHENTICATED', async () => {
    const res = await post('home.cards', {});
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('UNAUTHENTICATED');
  });

  it('answers malformed JSON with 400 and no stack trace', async () => {
    const res = await post('auth.signIn', '{"mobile": ');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(res.body).not.toMatch(/at .*\.js|stack/i);
  });

  it('answers an unknown operation with 404 NOT_FOUND', async () => {
    const res = await post('consumers.dropEverything', {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('refuses an oversize body with 413', async () => {
    const res = await post('auth.signIn', { mobile: ADMIN.mobile, password: 'x'.repeat(2 * 1024 * 1024) });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.key).toBe('errors.bodyTooLarge');
  });

  it('refuses a non-JSON content type (no cross-site form posts)', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/auth.signIn', headers: { 'content-type': 'text/plain' }, payload: 'x' });
    expect(res.statusCode).toBe(415);
  });

  it('refuses a request from another origin', async () => {
    const res = await post('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password }, { origin: 'http://evil.example' });
    expect(res.statusCode).toBe(403);
  });

  it('answers validation errors with 400 and field messages in the requested language', async () => {
    const res = await post('auth.signIn', { mobile: '123', password: '' }, { 'x-mgs-lang': 'pa' });
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields;
    expect(fields.mobile.message).toBe('ਮੋਬਾਈਲ ਨੰਬਰ 10 ਅੰਕਾਂ ਦਾ ਹੋਣਾ ਚਾਹੀਦਾ ਹੈ।');
    expect(fields.password.key).toBe('validation.required');
  });

  it('lists every operation with its access and input schema at GET /api', async () => {
    const res = await app.inject({ method: 'GET', url: '/api' });
    const ops = res.json().operations as { name: string; access: string; input: { type: string } }[];
    const signIn = ops.find((o) => o.name === 'auth.signIn');
    expect(signIn?.access).toBe('public');
    expect(signIn?.input.type).toBe('object');
  });
});
