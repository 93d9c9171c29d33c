import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';

/** Toasts, bottom-right (UI.md §4): dark green for success, red for errors, 10 s. */
export const notify = {
  success: (message: ReactNode) => notifications.show({ message, color: '#00703C', autoClose: 10_000 }),
  error: (message: ReactNode) => notifications.show({ message, color: 'red', autoClose: 10_000 }),
};
