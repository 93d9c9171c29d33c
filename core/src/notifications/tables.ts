/**
 * In-app notifications (SPEC §8.2): events shown on the home screen until a user dismisses them.
 * Local to the device (not replicated): each desktop runs its own reminder jobs, and one
 * `period_key` per (tenant, code) makes a job idempotent.
 */
export interface NotificationTable {
  id: string;
  tenant_id: string;
  /** Event code, e.g. NEW_EXPENDITURE_REMINDER; the title/body i18n keys derive from it. */
  code: string;
  /** JSON of the message parameters ({count}, {date}, …). */
  params: string;
  /** Where the card's action leads (a renderer route). */
  action_route: string | null;
  /** Who sees it: JSON array of role codes, or null for every user of the GP. */
  roles: string | null;
  /** The period the event belongs to (e.g. the fortnight's first day); unique per tenant and code. */
  period_key: string;
  created_at: string;
}

export interface NotificationDismissalTable {
  notification_id: string;
  user_id: string;
  dismissed_at: string;
}

export interface NotificationTables {
  notifications: NotificationTable;
  notification_dismissals: NotificationDismissalTable;
}
