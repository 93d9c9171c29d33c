/**
 * The key that seals the desktop's server credential (core/src/sync/device-secret.ts), kept
 * sealed by the operating system through Electron's safeStorage (DPAPI on Windows, Keychain on
 * macOS, libsecret/kwallet on Linux) in `<userData>/device-key.sealed`. Main unseals it at start
 * and hands it to the core process as MGRAMSEVA_DEVICE_KEY, so copying the data folder to
 * another computer or user does not carry a working credential.
 *
 * A data folder from before this (or from browser mode) has its key in plain `device.key`: it is
 * taken over, sealed, and the plain file removed. Without OS encryption (no keyring) it returns
 * undefined and the core keeps using `device.key` with owner-only permissions.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Electron's safeStorage, as far as this uses it. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
}

const SEALED = 'device-key.sealed';
const PLAIN = 'device.key';
const HEX_KEY = /^[0-9a-f]{64}$/i;

export function deviceKeyFor(dataDir: string, storage: SafeStorageLike, log: (m: string, e?: unknown) => void): string | undefined {
  if (!storage.isEncryptionAvailable()) {
    log('operating-system encryption is not available; the device key stays in the data folder');
    return undefined;
  }
  const sealedFile = path.join(dataDir, SEALED);
  if (fs.existsSync(sealedFile)) {
    const key = storage.decryptString(fs.readFileSync(sealedFile)).trim();
    if (!HEX_KEY.test(key)) throw new Error(`${sealedFile} does not hold a device key`);
    return key;
  }
  const plainFile = path.join(dataDir, PLAIN);
  const inherited = fs.existsSync(plainFile) ? fs.readFileSync(plainFile, 'utf8').trim() : undefined;
  const key = inherited && HEX_KEY.test(inherited) ? inherited : crypto.randomBytes(32).toString('hex');
  fs.mkdirSync(dataDir, { recursive: true });
  const tmp = `${sealedFile}.tmp`;
  fs.writeFileSync(tmp, storage.encryptString(key), { mode: 0o600 });
  fs.renameSync(tmp, sealedFile);
  if (inherited !== undefined) fs.rmSync(plainFile);
  return key;
}
