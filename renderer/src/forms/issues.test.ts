import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { mobileNumber, personName } from '@mgramseva/core/contracts';
import { issuesToKeys } from './issues';

describe('issuesToKeys', () => {
  const schema = z.object({ name: personName, mobile: mobileNumber });
  const keys = (value: unknown) => {
    const r = schema.safeParse(value);
    return r.success ? {} : issuesToKeys(r.error.issues);
  };

  it('gives the core i18n key of the first problem of each field', () => {
    expect(keys({ name: '<script>', mobile: '5123456789' })).toEqual({
      name: { key: 'validation.nameLetters', params: {} },
      mobile: { key: 'validation.mobileStart', params: {} },
    });
  });
  it('carries the maximum length for tooLong', () => {
    expect(keys({ name: 'a'.repeat(51), mobile: '9876543210' }).name).toEqual({ key: 'validation.tooLong', params: { max: 50 } });
  });
});
