import crypto from 'node:crypto';
import { uuidv7 } from 'uuidv7';

/** A globally unique, time-ordered id made on this device (UUIDv7). */
export function newId(): string {
  return uuidv7();
}

// crypto.hash (Node ≥ 20.12) is the one-shot form of createHash(...).update(...).digest(): same digest, a quarter of the cost.
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * An id derived from a natural key (a UUIDv8 over sha256 of the parts): every desktop that writes
 * the same thing — a connection's demand for a period, a demand's reversal — writes the same id,
 * so replication sees one row, not two (sync/converge.ts).
 */
export function derivedId(...parts: (string | number)[]): string {
  const h = sha256Hex(parts.join('|'));
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * `n` new UUIDv7 ids (RFC 9562, what newId makes one at a time) from one draw of
 * randomness. Laid out as newId's generator lays them out: the millisecond, then a 42-bit counter
 * (the 12 bits after the version and the 30 after the variant) that starts at random and counts
 * up, then 32 random bits; so ids are strictly increasing within a call and from one call to the
 * next (within a millisecond, or if the wall clock steps back, the counter carries on). newId
 * draws from an 8-word random buffer every few ids, most of its cost at 50,000 ids.
 */
export function newIds(n: number): string[] {
  if (n <= 0) return [];
  const random = crypto.randomBytes(6 + 4 * n);
  let ms = Date.now();
  // A fresh counter has 41 random bits, so it cannot run out within one call of < 2^41 ids.
  let counter = (random[0]! & 0x01) * 2 ** 40 + random.readUInt32BE(1) * 2 ** 8 + random[5]!;
  if (ms <= lastIds.ms) {
    ms = lastIds.ms;
    counter = lastIds.counter + 1;
    if (counter + n > 2 ** 42) {
      ms += 1;
      counter = random.readUInt32BE(1) * 2 ** 8 + random[5]!;
    }
  }
  lastIds.ms = ms;
  lastIds.counter = counter + n - 1;
  const head = `${HEX2[Math.floor(ms / 2 ** 40) % 256]}${HEX2[Math.floor(ms / 2 ** 32) % 256]}${HEX2[(ms >>> 24) & 255]}${HEX2[(ms >>> 16) & 255]}-${HEX2[(ms >>> 8) & 255]}${HEX2[ms & 255]}-7`;
  const randomHex = random.toString('hex');
  const out = new Array<string>(n);
  for (let i = 0; i < n; i++, counter++) {
    const high = Math.floor(counter / 2 ** 24); // counter bits 41..24: 12 → rand_a, 6 → after the variant
    const low = counter % 2 ** 24;
    out[i] = `${head}${HEX3[high >>> 6]!}-${HEX2[0x80 | (high & 0x3f)]!}${HEX2[low >>> 16]!}-${HEX2[(low >>> 8) & 255]!}${HEX2[low & 255]!}${randomHex.slice(12 + 8 * i, 20 + 8 * i)}`;
  }
  return out;
}
const lastIds = { ms: 0, counter: 0 };
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const HEX3 = Array.from({ length: 4096 }, (_, i) => i.toString(16).padStart(3, '0'));

/** A demand is reversed at most once, whichever desktop reverses it. */
export const reversalIdFor = (demandId: string) => derivedId('reversal', demandId);

/** A receipt is cancelled at most once, whichever desktop cancels it. */
export const cancellationIdFor = (paymentId: string) => derivedId('cancellation', paymentId);
