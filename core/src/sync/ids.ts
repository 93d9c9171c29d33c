import { uuidv7 } from 'uuidv7';

/** A globally unique, time-ordered id made on this device (UUIDv7). */
export function newId(): string {
  return uuidv7();
}
