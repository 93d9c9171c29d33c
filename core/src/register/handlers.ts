import type { Handlers } from '../api/handlers.js';
import { signedIn, type Ctx } from '../api/context.js';
import { istDate } from '../calendar/dates.js';
import { mastersFor, tenantOf } from '../consumers/index.js';
import { afterRelease } from '../api/after-release.js';
import { MAX_PDF_PAGES, PDF_ROWS_PER_PAGE } from './contract.js';
import { registerPage, registerRows, type RegisterCriteria } from './register.js';
import { registerFileBase, registerHtml, registerXlsx } from './export.js';

type RegisterOps = 'consumers.register' | 'consumers.registerXlsx' | 'consumers.registerPdf';

function criteria(ctx: Ctx, input: { search?: string | undefined; tab: RegisterCriteria['tab']; sort: RegisterCriteria['sort']; direction: 'asc' | 'desc' }): RegisterCriteria {
  const s = signedIn(ctx);
  return { tenantId: s.tenantId, search: input.search || undefined, tab: input.tab, sort: input.sort, direction: input.direction };
}

export const registerHandlers: Handlers<RegisterOps> = {
  async 'consumers.register'(ctx, input) {
    const { counts, rows } = await registerPage(ctx.db, criteria(ctx, input), input.page, input.pageSize);
    return { asOf: istDate(ctx.now), counts, total: counts[input.tab], page: input.page, pageSize: input.pageSize, rows };
  },

  async 'consumers.registerXlsx'(ctx, input) {
    const c = criteria(ctx, input);
    const lang = input.lang ?? ctx.lang;
    const asOf = istDate(ctx.now);
    const { rows } = await registerRows(ctx.db, c);
    const masters = await mastersFor(ctx, c.tenantId);
    return afterRelease(async () => {
      const buf = await registerXlsx(lang, masters, rows, asOf);
      return {
        fileName: `${registerFileBase(asOf)}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: buf.toString('base64'),
        rows: rows.length,
        truncated: false,
      };
    });
  },

  async 'consumers.registerPdf'(ctx, input) {
    const c = criteria(ctx, input);
    const lang = input.lang ?? ctx.lang;
    const asOf = istDate(ctx.now);
    const { rows, total } = await registerRows(ctx.db, c, MAX_PDF_PAGES * PDF_ROWS_PER_PAGE);
    const tenant = await tenantOf(ctx.db, c.tenantId);
    const html = registerHtml(lang, await mastersFor(ctx, c.tenantId), rows, { asOf, gp: tenant.name, total, rowsPerPage: PDF_ROWS_PER_PAGE });
    return afterRelease(async () => {
      const pdf = await ctx.pdf.print(html);
      return { fileName: `${registerFileBase(asOf)}.pdf`, mimeType: 'application/pdf', base64: pdf.toString('base64'), rows: rows.length, truncated: rows.length < total };
    });
  },
};
