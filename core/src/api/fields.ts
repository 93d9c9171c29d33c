import { z } from 'zod';

/**
 * Reusable field schemas. Every message is an i18n key (resources/locales/<lang>/core.json);
 * the renderer's forms use these same schemas, so the screen and the core say the same thing.
 */

/** Required text, trimmed, with a maximum length. */
export const requiredText = (max: number) =>
  z
    .string({ error: 'validation.required' })
    .trim()
    .min(1, 'validation.required')
    .max(max, { error: 'validation.tooLong' });

/** Optional text: empty becomes undefined. */
export const optionalText = (max: number) =>
  z
    .string({ error: 'validation.text' })
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : undefined));

// Letters of any script (names are written in Gurmukhi and Devanagari too), combining marks,
// spaces, dot and apostrophe. No digits and nothing that could carry markup (< > & " etc.).
const NAME_PATTERN = /^[\p{L}\p{M}][\p{L}\p{M} .']*$/u;

/** A person's name: letters and spaces, at most 50 characters (SPEC §2.4). */
export const personName = requiredText(50).regex(NAME_PATTERN, 'validation.nameLetters');

/** An Indian mobile number: 10 digits starting 6–9 (shown with +91 in front). */
export const mobileNumber = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .regex(/^\d+$/, 'validation.digitsOnly')
  .length(10, 'validation.mobileLength')
  .regex(/^[6-9]/, 'validation.mobileStart');

/** Password rules of SPEC §2.2: ≥ 6 chars, a letter, a digit, one of # ? ! @ $ % ^ & * -. */
export const PASSWORD_RULES = [
  { key: 'password.rule.length', test: (p: string) => p.length >= 6 },
  { key: 'password.rule.letter', test: (p: string) => /[A-Za-z]/.test(p) },
  { key: 'password.rule.digit', test: (p: string) => /[0-9]/.test(p) },
  { key: 'password.rule.special', test: (p: string) => /[#?!@$%^&*-]/.test(p) },
] as const;

export const newPassword = z
  .string({ error: 'validation.required' })
  .min(1, 'validation.required')
  .max(64, { error: 'validation.tooLong' })
  .refine((p) => PASSWORD_RULES.every((r) => r.test(p)), 'validation.passwordPolicy');

/** A password being checked, not set: any non-empty string. */
export const anyPassword = z.string({ error: 'validation.required' }).min(1, 'validation.required').max(128, {
  error: 'validation.tooLong',
});

/** A place name (district, block, GP name): letters of any script, digits, spaces, . - ( ). */
export const placeName = (max: number) =>
  requiredText(max).regex(/^[\p{L}\p{M}\p{N}][\p{L}\p{M}\p{N} .()-]*$/u, 'validation.placeName');

export const languageCode = z.enum(['en', 'hi', 'pa'], { error: 'validation.language' });
export type LanguageCode = z.infer<typeof languageCode>;

export const uuid = z.string({ error: 'validation.required' }).uuid({ error: 'validation.id' });
