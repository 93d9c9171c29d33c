import type { TFunction } from 'i18next';

/** A master code's label (consumers:masters.<list>.<code>), or the ward's own name. */
export function masterLabel(t: TFunction, list: string, item: { code: string; name?: string }): string {
  if (item.name) return item.name;
  return t(`consumers:masters.${list}.${item.code}`, { defaultValue: item.code });
}

/** "Nov - 2023" style label of a YYYY-MM billing cycle, in the current language. */
export function cycleLabel(lang: string, month: string): string {
  const d = new Date(`${month}-01T00:00:00Z`);
  const locale = lang === 'hi' ? 'hi-IN' : lang === 'pa' ? 'pa-IN' : 'en-IN';
  return `${d.toLocaleString(locale, { month: 'long', timeZone: 'UTC' })} - ${month.slice(0, 4)}`;
}

/** The household's address on one line: door, street, ward. */
export function addressOf(r: { doorNo: string | null; street: string | null; wardName: string }): string {
  return [r.doorNo, r.street, r.wardName].filter(Boolean).join(', ');
}

/** Trigger a download of a base64 file (template, export): the kit's, renderer/src/components/download.ts. */
export { downloadBase64 } from '../../components/download';
