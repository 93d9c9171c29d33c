import type { Handlers } from '../api/handlers.js';
import { signedIn } from '../api/context.js';
import { afterRelease } from '../api/after-release.js';
import { istDate } from '../calendar/dates.js';
import { periodOf, recentFinancialYears } from '../dashboard/index.js';
import type { ReportKind } from './contract.js';
import { countRows, reportRows, type ReportRule } from './rule.js';
import { billReport } from './bill.js';
import { collectionReport } from './collection.js';
import { expenseBillReport } from './expense-bill.js';
import { vendorReport } from './vendor.js';
import { inactiveConsumerReport } from './inactive-consumer.js';
import { reportFileBase, reportXlsx } from './export.js';
import { translate } from '../i18n/translate.js';
import { formatDate } from '../documents/money.js';

type ReportOps = 'reports.view' | 'reports.xlsx';

export const REPORT_RULES: Record<ReportKind, ReportRule> = {
  bill: billReport,
  collection: collectionReport,
  expenseBill: expenseBillReport,
  vendor: vendorReport,
  inactiveConsumer: inactiveConsumerReport,
};

export const reportsHandlers: Handlers<ReportOps> = {
  async 'reports.view'(ctx, input) {
    const tenantId = signedIn(ctx).tenantId;
    const today = istDate(ctx.now);
    const { from, to, month } = periodOf(input, today);
    const rule = REPORT_RULES[input.report];
    const total = await countRows(ctx.db, rule, tenantId, from, to);
    const rows = await reportRows(ctx.db, rule, tenantId, from, to, { limit: input.pageSize, offset: (input.page - 1) * input.pageSize });
    return {
      report: input.report,
      financialYear: input.financialYear,
      month: month ?? null,
      from,
      to,
      years: recentFinancialYears(today),
      columns: rule.columns,
      total,
      page: input.page,
      pageSize: input.pageSize,
      rows,
    };
  },

  async 'reports.xlsx'(ctx, input) {
    const tenantId = signedIn(ctx).tenantId;
    const lang = input.lang ?? ctx.lang;
    const { from, to, month } = periodOf(input, istDate(ctx.now));
    const rule = REPORT_RULES[input.report];
    const rows = await reportRows(ctx.db, rule, tenantId, from, to);
    const period = month ?? input.financialYear;
    const label = translate(lang, 'reports.periodLabel', { from: formatDate(from), to: formatDate(to) });
    return afterRelease(async () => {
      const buf = await reportXlsx(lang, input.report, rule.columns, rows, label);
      return {
        fileName: `${reportFileBase(input.report, period)}.xlsx`,
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        base64: buf.toString('base64'),
        rows: rows.length,
      };
    });
  },
};
