import { z } from 'zod';
import { op } from '../api/operation.js';
import { uuid } from '../api/fields.js';

/**
 * In-app notifications (SPEC §8.2): the cards under the home grid, newest first, until the user
 * dismisses them. A notification's `code` is an i18n key prefix: `<code>.title` and `<code>.body`
 * (with `params`) are its text; `title`/`body` come rendered in the caller's language.
 */
export interface NotificationInfo {
  id: string;
  code: string;
  params: Record<string, string | number>;
  title: string;
  body: string;
  actionRoute: string | null;
  createdAt: string;
}

export const notificationsContract = {
  'notifications.list': op<{ items: NotificationInfo[]; total: number; page: number; pageSize: number }>()({
    input: z.object({
      page: z.number().int().min(1).default(1),
      pageSize: z.number().int().min(1).max(50).default(10),
    }),
    access: 'signedIn',
    mode: 'write',
    doc: 'The signed-in user\'s undismissed notifications for the selected Gram Panchayat, newest first (first runs any reminder that is due).',
  }),
  'notifications.dismiss': op<{ dismissed: true }>()({
    input: z.object({ id: uuid }),
    access: 'signedIn',
    mode: 'write',
    doc: 'Hide one notification for the signed-in user.',
  }),
} as const;
