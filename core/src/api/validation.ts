import type { z } from 'zod';
import type { FieldError, Params } from './errors.js';
import { translate, type Language } from '../i18n/translate.js';

/**
 * Turn zod issues into the per-field map of a VALIDATION error. Schemas carry i18n keys as
 * messages (api/fields.ts); an issue zod raised itself (wrong type) gets a generic key.
 */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], lang: Language): Record<string, FieldError> {
  const out: Record<string, FieldError> = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || '_';
    if (out[path]) continue;
    const key = issue.message.includes('.') && !issue.message.includes(' ') ? issue.message : genericKey(issue);
    const params: Params = {};
    if ('maximum' in issue && issue.maximum !== undefined) params['max'] = Number(issue.maximum);
    if ('minimum' in issue && issue.minimum !== undefined) params['min'] = Number(issue.minimum);
    out[path] = { key, message: translate(lang, key, params), ...(Object.keys(params).length ? { params } : {}) };
  }
  return out;
}

function genericKey(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return /received undefined|received null/.test(issue.message) ? 'validation.required' : 'validation.invalidType';
    case 'unrecognized_keys':
      return 'validation.unknownField';
    case 'too_big':
      return 'validation.tooLong';
    default:
      return 'validation.invalid';
  }
}
