import type { TFunction } from 'i18next';
import { ApiCallError, api } from '../../api/client';

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

export const asLang = (l: string): 'en' | 'hi' | 'pa' => (l === 'hi' || l === 'pa' ? l : 'en');

function download(base64: string, mimeType: string, fileName: string): void {
  const bin = atob(base64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Save a bill PDF (file name = bill number, SPEC §2.6). */
export async function saveBillPdf(target: { connectionId: string } | { demandId: string }, lang: 'en' | 'hi' | 'pa'): Promise<void> {
  const r = await api.call('billing.billPdf', { ...target, lang });
  download(r.base64, r.mimeType, r.fileName);
}

/** Save every bill of a cycle as one PDF (a page per bill). */
export async function saveCyclePdf(month: string, lang: 'en' | 'hi' | 'pa'): Promise<void> {
  const r = await api.call('billing.cyclePdf', { month, lang });
  download(r.base64, r.mimeType, r.fileName);
}

/** "October - 2026" in the language (the original's "Month - YYYY"). */
export function cycleLabel(lang: string, month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  const locale = lang === 'hi' ? 'hi-IN' : lang === 'pa' ? 'pa-IN' : 'en-IN';
  return `${d.toLocaleString(locale, { month: 'long', timeZone: 'UTC' })} - ${month.slice(0, 4)}`;
}
