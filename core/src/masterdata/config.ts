import config from '../../../resources/masterdata/config.json';

/** Installation defaults (resources/masterdata/config.json). */
export const appConfig = config as {
  defaultLanguage: 'en' | 'hi' | 'pa';
  languages: { code: string; label: string }[];
  session: { idleTimeoutMinutes: number };
  signIn: { maxFailedAttempts: number; lockMinutes: number };
  timeZone: string;
};
