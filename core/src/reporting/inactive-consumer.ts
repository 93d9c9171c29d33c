import { sql } from 'kysely';
import { istDayEndUtc, istDayStartUtc } from '../calendar/dates.js';
import type { ReportRule } from './rule.js';

/**
 * Inactive consumer report (SPEC §7.4): every deactivation of a connection (the audit log's
 * 'deactivate' entries, written by consumers.update) on an IST day of the range, with who did it;
 * status is the connection's status today (it may have been reactivated since).
 */
export const inactiveConsumerReport: ReportRule = {
  columns: [
    { key: 'connectionNo', kind: 'text' },
    { key: 'name', kind: 'text' },
    { key: 'status', kind: 'code', prefix: 'reports.status.' },
    { key: 'inactivatedAt', kind: 'instant' },
    { key: 'inactivatedBy', kind: 'text' },
  ],
  select: (tenantId, from, to) => sql`
    SELECT c.connection_no AS "connectionNo", p.name AS "name", c.status AS "status", a.at AS "inactivatedAt",
           u.name AS "inactivatedBy", a.id AS "eventId"
    FROM audit_log a
    JOIN connections c ON c.id = a.entity_id
    JOIN consumers p ON p.id = c.consumer_id
    LEFT JOIN users u ON u.id = a.user_id
    WHERE a.tenant_id = ${tenantId} AND a.entity = 'connection' AND a.action = 'deactivate'
      AND a.at >= ${istDayStartUtc(from)} AND a.at < ${istDayEndUtc(to)}`,
  order: sql`"inactivatedAt", "connectionNo", "eventId"`,
};
