import { z } from 'zod';
import { op } from '../api/operation.js';
import { anyPassword, languageCode, mobileNumber, newPassword, personName, placeName, uuid } from '../api/fields.js';

export const tenantCode = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, 'validation.required')
  .max(42, { error: 'validation.tooLong' })
  .regex(/^[a-z]{2}\.[a-z][a-z0-9]{1,39}$/, 'validation.tenantCode');

export const setupInput = z.object({
  tenant: z.object({
    name: placeName(100),
    code: tenantCode,
    district: placeName(60),
    block: placeName(60),
    state: placeName(60),
  }),
  admin: z.object({
    name: personName,
    mobile: mobileNumber,
    password: newPassword,
  }),
});

export const signInInput = z.object({ mobile: mobileNumber, password: anyPassword });

export const changePasswordInput = z
  .object({ currentPassword: anyPassword, newPassword })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ['newPassword'],
    error: 'validation.passwordSameAsOld',
  });

export interface TenantRef {
  id: string;
  code: string;
  name: string;
}

export interface SessionInfo {
  user: { id: string; name: string; mobile: string; language: string | null };
  tenant: TenantRef;
  tenants: TenantRef[];
  /** Role codes for the selected GP, bundles expanded (SARPANCH → GP_ADMIN, …). */
  roles: string[];
  idleTimeoutMinutes: number;
}

export interface DemoUser {
  name: string;
  mobile: string;
  password: string;
  role: string;
}

export const authContract = {
  'app.status': op<{ initialized: boolean; version: string; defaultLanguage: string; deviceId: string }>()({
    input: z.object({}).strict(),
    access: 'public',
    mode: 'read',
    doc: 'Whether this installation has a Gram Panchayat yet (first run shows the setup screen), and its version.',
  }),
  'setup.createGramPanchayat': op<{ tenantId: string; userId: string }>()({
    input: setupInput,
    access: 'public',
    mode: 'write',
    doc: 'First run only: create the Gram Panchayat and its first administrator (roles GP_ADMIN and SARPANCH).',
  }),
  'setup.loadDemo': op<{ tenantId: string; users: DemoUser[] }>()({
    input: z.object({}).strict(),
    access: 'public',
    mode: 'write',
    doc: 'First run only: load a demo Gram Panchayat with realistic data and users of each role; returns their sign-in details.',
  }),
  'auth.signIn': op<{ token: string; session: SessionInfo }>()({
    input: signInInput,
    access: 'public',
    mode: 'write',
    doc: 'Sign in with mobile number and password. Five wrong passwords lock the account for 15 minutes.',
  }),
  'auth.session': op<SessionInfo | null>()({
    input: z.object({}).strict(),
    access: 'public',
    mode: 'read',
    doc: 'The current session, or null when signed out or expired. Counts as activity.',
  }),
  'auth.signOut': op<{ signedOut: true }>()({
    input: z.object({}).strict(),
    access: 'signedIn',
    mode: 'write',
    doc: 'End the current session.',
  }),
  'auth.changePassword': op<{ changed: true }>()({
    input: changePasswordInput,
    access: 'signedIn',
    mode: 'write',
    doc: 'Change the signed-in user\'s password (current + new, policy of SPEC §2.2). Other sessions of the user end.',
  }),
  'auth.selectTenant': op<SessionInfo>()({
    input: z.object({ tenantId: uuid }),
    access: 'signedIn',
    mode: 'write',
    doc: 'Switch the session to another Gram Panchayat the user is mapped to.',
  }),
  'profile.setLanguage': op<{ language: string }>()({
    input: z.object({ language: languageCode }),
    access: 'signedIn',
    mode: 'write',
    doc: 'Remember the signed-in user\'s language.',
  }),
} as const;
