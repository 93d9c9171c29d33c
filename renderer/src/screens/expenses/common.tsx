import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { ApiCallError } from '../../api/client';
import { StatusChip } from '../../components';
import { translateKey } from '../../forms/errors';
import type { ExpenseStatus } from '@mgramseva/core/contracts';

/**
 * Shared bits of the expense screens (issue 6). Core's messages for this domain are keys
 * `expenses.<key>`, which live at `<key>` of the `expenses` namespace (resources/locales/<lang>/expenses.json).
 */
export function useExpenseT() {
  const { t } = useTranslation('expenses');
  const tk = (key: string, params?: Record<string, string | number>, message?: string) =>
    key.startsWith('expenses.') ? t(key.slice('expenses.'.length), params ?? {}) : translateKey(t, { key, ...(params ? { params } : {}), ...(message ? { message } : {}) });
  return { t, tk };
}

export type FieldErrors = Record<string, string>;

/** Field path → translated message, from a zod result (client) or a failed call (core). */
export function zodErrors(tk: ReturnType<typeof useExpenseT>['tk'], issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const path = i.path.map(String).join('.') || '_';
    if (out[path]) continue;
    out[path] = tk(i.message.includes('.') && !i.message.includes(' ') ? i.message : 'validation.invalid');
  }
  return out;
}

export function callErrors(tk: ReturnType<typeof useExpenseT>['tk'], err: unknown): { fields: FieldErrors; form: string | null } {
  if (err instanceof ApiCallError) {
    const fields = Object.fromEntries(Object.entries(err.fields).map(([k, f]) => [k, tk(f.key, f.params, f.message)]));
    return { fields, form: Object.keys(fields).length && err.code === 'VALIDATION' ? null : tk(err.error.key, err.error.params, err.error.message) };
  }
  return { fields: {}, form: tk('errors.internal') };
}

export function ExpenseStatusChip({ status, t }: { status: ExpenseStatus; t: TFunction }) {
  const tone = status === 'PAID' ? 'success' : status === 'UNPAID' ? 'pending' : 'error';
  return <StatusChip tone={tone}>{t(`statusName.${status}`)}</StatusChip>;
}

/** A File picked by the clerk → the operation's attachment input (base64 without the data: prefix). */
export async function toAttachment(file: File): Promise<{ name: string; contentBase64: string; previewUrl: string | null; size: number }> {
  const dataUrl = await new Promise<string>((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve(String(r.result));
    r.onerror = () => reject(r.error ?? new Error('read failed'));
    r.readAsDataURL(file);
  });
  const contentBase64 = dataUrl.slice(dataUrl.indexOf(',') + 1);
  return { name: file.name, contentBase64, previewUrl: file.type.startsWith('image/') ? dataUrl : null, size: file.size };
}

export const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

export function formatBytes(n: number): string {
  return n >= 1_000_000 ? `${(n / 1_000_000).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1000))} KB`;
}
