import { afterEach, beforeEach, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { ADMIN, openTestCore, type TestCore } from '../testing/harness.js';
import { buildLocalServer, SESSION_COOKIE } from '../server/http.js';

// Browser mode: attachments (base64 in JSON) pass the local server only on the upload operations.
let t: TestCore;
let app: FastifyInstance;
let cookie: string;
beforeEach(async () => {
  t = await openTestCore();
  await t.setupAdmin();
  app = await buildLocalServer({ core: t.core });
  const res = await post('auth.signIn', { mobile: ADMIN.mobile, password: ADMIN.password });
  cookie = `${SESSION_COOKIE}=${res.cookies.find((c) => c.name === SESSION_COOKIE)!.value}`;
});
afterEach(async () => {
  await app.close();
  await t.close();
});

const post = (op: string, body: unknown) =>
  app.inject({ method: 'POST', url: `/api/${op}`, headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) }, payload: JSON.stringify(body) });

const pdf = (bytes: number) => {
  const b = Buffer.alloc(bytes, 1);
  Buffer.from('%PDF-1.7\n').copy(b);
  return b.toString('base64');
};

it('takes 5 files of 5,000,000 bytes on expenses.create and keeps 1 MB for every other operation', async () => {
  const attachments = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}.pdf`, contentBase64: pdf(5_000_000) }));
  const res = await post('expenses.create', {
    typeCode: 'OTHERS', vendorName: 'Bhatia Stationers', vendorMobile: '9855512300', amountRupees: 350,
    billDate: '2026-11-20', periodFrom: '2026-11-20', periodTo: '2026-11-20', attachments,
  });
  expect(res.statusCode).toBe(200);
  const { id } = res.json().result as { id: string };
  const more = await post('expenses.addAttachments', { id, attachments: [{ name: 'g.pdf', contentBase64: pdf(2_000_000) }] });
  // Reached core: the sixth file is refused by the rule, not by the body limit.
  expect(more.statusCode).toBe(400);
  expect(more.json().error.fields.attachments.key).toBe('expenses.tooManyAttachments');
  const big = await post('vendors.suggest', { prefix: 'x'.repeat(2_000_000) });
  expect(big.statusCode).toBe(413);
  expect(big.json().error.key).toBe('errors.bodyTooLarge');
});
