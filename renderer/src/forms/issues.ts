import type { z } from 'zod';

export type FieldKey = { key: string; params?: Record<string, string | number> };

/** zod issues → first problem per field, as i18n keys (the same rule as core/api/validation.ts). */
export function issuesToKeys(issues: readonly z.core.$ZodIssue[]): Record<string, FieldKey> {
  const out: Record<string, FieldKey> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.');
    if (out[path]) continue;
    const isKey = issue.message.includes('.') && !issue.message.includes(' ');
    const params: Record<string, number> = {};
    if ('maximum' in issue && issue.maximum !== undefined) params['max'] = Number(issue.maximum);
    if ('minimum' in issue && issue.minimum !== undefined) params['min'] = Number(issue.minimum);
    out[path] = { key: isKey ? issue.message : 'validation.invalid', params };
  }
  return out;
}
