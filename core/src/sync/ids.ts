import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** A globally unique, time-ordered id made on this device (UUIDv7). */
export function newId(): string {
  return uuidv7();
}

/**
 * An id derived from a natural key (a UUIDv8 over sha256 of the parts): every desktop that writes
 * the same thing — a connection's demand for a period, a demand's reversal — writes the same id,
 * so replication sees one row, not two (sync/converge.ts).
 */
export function derivedId(...parts: (string | number)[]): string {
  const h = createHash('sha256').update(parts.join('|')).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A demand is reversed at most once, whichever desktop reverses it. */
export const reversalIdFor = (demandId: string) => derivedId('reversal', demandId);

/** A receipt is cancelled at most once, whichever desktop cancels it. */
export const cancellationIdFor = (paymentId: string) => derivedId('cancellation', paymentId);
