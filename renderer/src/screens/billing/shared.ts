import type { TFunction } from 'i18next';
import { ApiCallError, api } from '../../api/client';
import { downloadBase64 } from '../../components';

/** Core already answers in the caller's language: show its message (field messages joined when the summary is generic). */
export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiCallError) {
    const fields = Object.values(err.error.fields ?? {}).map((f) => f.message);
    return err.error.key === 'errors.validation' && fields.length ? fields.join(' · ') : err.error.message;
  }
  return t('core:errors.internal');
}

/** Field → message of a failed call, for putting errors under inputs. */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiCallError)) return {};
  return Object.fromEntries(Object.entries(err.error.fields ?? {}).map(([k, f]) => [k, f.message]));
}


/** Save a bill PDF (file name = bill number, SPEC §2.6). */
export async function saveBillPdf(target: { connectionId: string } | { demandId: string }, lang: 'en' | 'hi' | 'pa'): Promise<void> {
  const r = await api.call('billing.billPdf', { ...target, lang });
  downloadBase64(r.fileName, r.mimeType, r.base64);
}

/** Save every bill of a cycle as one PDF (a page per bill). */
export async function saveCyclePdf(month: string, lang: 'en' | 'hi' | 'pa'): Promise<void> {
  const r = await api.call('billing.cyclePdf', { month, lang });
  downloadBase64(r.fileName, r.mimeType, r.base64);
}

/** "October - 2026" in the language (the original's "Month - YYYY"). */
export function cycleLabel(lang: string, month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  const locale = lang === 'hi' ? 'hi-IN' : lang === 'pa' ? 'pa-IN' : 'en-IN';
  return `${d.toLocaleString(locale, { month: 'long', timeZone: 'UTC' })} - ${month.slice(0, 4)}`;
}
