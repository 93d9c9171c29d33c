import type { TFunction } from 'i18next';
import { ApiCallError } from '../../api/client';
import { api } from '../../api/client';
import { downloadBase64 } from '../../components';

/**
 * Core's keys of this domain are `collections.<path>` (core bundles the file under its own
 * namespace); here the same file is the `collections` namespace, so `collections.x` → `collections:x`.
 */
export function tc(t: TFunction, key: string, params: Record<string, unknown> = {}): string {
  if (key.startsWith('collections.')) return t(`collections:${key.slice('collections.'.length)}`, params);
  return t(key, { ns: ['core', 'app'], ...params });
}

export function errorText(t: TFunction, err: unknown): string {
  if (err instanceof ApiCallError) {
    const e = err.error;
    const known = e.key.startsWith('collections.') ? tc(t, e.key, e.params ?? {}) : e.message;
    return known || e.message;
  }
  return t('core:errors.internal');
}

function base64ToBlob(base64: string, type: string): Blob {
  return new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type });
}

/** Save the receipt PDF (file name = receipt number, SPEC §2.6). */
export async function saveReceiptPdf(paymentId: string, lang: 'en' | 'hi' | 'pa'): Promise<void> {
  const r = await api.call('collections.receiptPdf', { paymentId, lang });
  downloadBase64(r.fileName, r.mimeType, r.base64);
}

/** Print through the system print dialog: the receipt PDF (A4, or the 80 mm roll layout) in a hidden frame. */
export async function printReceipt(paymentId: string, lang: 'en' | 'hi' | 'pa', paper: 'A4' | 'receipt80' = 'A4'): Promise<void> {
  const r = await api.call('collections.receiptPdf', { paymentId, lang, paper });
  const url = URL.createObjectURL(base64ToBlob(r.base64, r.mimeType));
  const frame = document.createElement('iframe');
  frame.style.position = 'fixed';
  frame.style.width = '0';
  frame.style.height = '0';
  frame.style.border = '0';
  frame.src = url;
  frame.onload = () => {
    frame.contentWindow?.focus();
    frame.contentWindow?.print();
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 60_000);
  };
  document.body.appendChild(frame);
}
