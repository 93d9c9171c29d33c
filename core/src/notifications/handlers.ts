import { sql } from 'kysely';
import type { Handlers } from '../api/handlers.js';
import { signedIn } from '../api/context.js';
import { fail } from '../api/errors.js';
import { translate } from '../i18n/translate.js';
import { todayInKolkata } from '../expenses/index.js';
import type { notificationsContract, NotificationInfo } from './contract.js';
import { expenseReminders } from './jobs.js';

type NotificationOps = keyof typeof notificationsContract;

export const notificationsHandlers: Handlers<NotificationOps> = {
  'notifications.list': async (ctx, input) => {
    const session = signedIn(ctx);
    // Catch up on reminders that fell due while nobody looked (idempotent).
    await expenseReminders({ db: ctx.db, nowIso: ctx.nowIso, hlc: ctx.hlc }, session.tenantId, todayInKolkata(ctx.now));
    const rows = await ctx.db
      .selectFrom('notifications as n')
      .selectAll('n')
      .where('n.tenant_id', '=', session.tenantId)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('notification_dismissals as d')
              .select('d.notification_id')
              .whereRef('d.notification_id', '=', 'n.id')
              .where('d.user_id', '=', session.userId),
          ),
        ),
      )
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id', 'desc')
      .execute();
    const visible = rows.filter((r) => {
      if (!r.roles) return true;
      const roles = JSON.parse(r.roles) as string[];
      return roles.some((role) => session.roles.includes(role));
    });
    const start = (input.page - 1) * input.pageSize;
    const items: NotificationInfo[] = visible.slice(start, start + input.pageSize).map((r) => {
      const params = JSON.parse(r.params) as Record<string, string | number>;
      return {
        id: r.id,
        code: r.code,
        params,
        title: translate(ctx.lang, `${r.code}.title`, params),
        body: translate(ctx.lang, `${r.code}.body`, params),
        actionRoute: r.action_route,
        createdAt: r.created_at,
      };
    });
    return { items, total: visible.length, page: input.page, pageSize: input.pageSize };
  },

  'notifications.dismiss': async (ctx, input) => {
    const session = signedIn(ctx);
    const n = await ctx.db
      .selectFrom('notifications')
      .select('id')
      .where('id', '=', input.id)
      .where('tenant_id', '=', session.tenantId)
      .executeTakeFirst();
    if (!n) throw fail.notFound();
    await sql`INSERT OR IGNORE INTO notification_dismissals (notification_id, user_id, dismissed_at)
      VALUES (${n.id}, ${session.userId}, ${ctx.nowIso})`.execute(ctx.db);
    return { dismissed: true };
  },
};
