import type { Handlers } from '../api/handlers.js';
import { signedIn } from '../api/context.js';
import { istDate, monthRange } from '../calendar/dates.js';
import { feedbackAverages, monthFigures, monthRows, totalOf } from './figures.js';
import { periodOf, recentFinancialYears } from './period.js';
import { collectionsTab, expenditureTab } from './tabs.js';

type DashboardOps = 'dashboard.monthly' | 'dashboard.collections' | 'dashboard.expenditure';

export const dashboardHandlers: Handlers<DashboardOps> = {
  'dashboard.monthly': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const today = istDate(ctx.now);
    const period = periodOf(input, today);
    // The table always shows the whole year; the feedback follows the chosen period.
    const yearFrom = monthRange(period.months[0]!).from;
    const yearTo = monthRange(period.months[period.months.length - 1]!).to;
    const figures = await monthFigures(ctx.db, tenantId, yearFrom, yearTo);
    const months = monthRows(period.months, figures);
    const totals = totalOf(months);
    const selected = (period.month && months.find((m) => m.month === period.month)) || totals;
    return {
      financialYear: period.financialYear,
      month: period.month ?? null,
      months,
      totals,
      selected,
      feedback: await feedbackAverages(ctx.db, tenantId, period.from, period.to),
      years: recentFinancialYears(today),
    };
  },

  'dashboard.collections': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const { from, to } = periodOf(input, istDate(ctx.now));
    return collectionsTab(ctx.db, tenantId, { ...input, from, to });
  },

  'dashboard.expenditure': async (ctx, input) => {
    const tenantId = signedIn(ctx).tenantId;
    const { from, to } = periodOf(input, istDate(ctx.now));
    return expenditureTab(ctx.db, tenantId, { ...input, from, to });
  },
};
