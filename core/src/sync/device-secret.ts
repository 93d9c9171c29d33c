import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The device token (the desktop's credential for the central server) is stored sealed with
 * AES-256-GCM, never in plain text in the database file, so a copy of `mgramseva.sqlite` (a
 * backup, a file sent for support) does not carry a working credential.
 *
 * The key comes from, in order:
 * - `MGRAMSEVA_DEVICE_KEY` (64 hex characters): the Electron main process keeps the key sealed by
 *   the operating system (safeStorage: DPAPI, Keychain, libsecret; electron/device-key.ts) and
 *   hands it to the core process this way, so the data folder alone does not unseal it;
 * - otherwise `device.key` in the data folder, created once with owner-only permissions. This is
 *   browser mode's protection: the database file alone is not enough, the whole folder is.
 *
 * Sealed values read `v1:<iv>:<tag>:<ciphertext>` (base64). A value without the prefix is a token
 * stored before sealing existed; it still works and is sealed on the next sync round.
 */
const PREFIX = 'v1:';
const KEY_FILE = 'device.key';

export interface TokenSealer {
  seal(token: string): string;
  /** The token, from a sealed or a legacy plain value. Throws if the key does not fit. */
  open(stored: string): string;
  isSealed(stored: string): boolean;
}

export function tokenSealer(dataDir: string, env: NodeJS.ProcessEnv = process.env): TokenSealer {
  const key = deviceKey(dataDir, env);
  return {
    seal(token) {
      const iv = crypto.randomBytes(12);
      const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
      return `${PREFIX}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${body.toString('base64')}`;
    },
    open(stored) {
      if (!stored.startsWith(PREFIX)) return stored;
      const [iv, tag, body] = stored.slice(PREFIX.length).split(':');
      if (!iv || !tag || body === undefined) throw new Error('the stored device token is damaged');
      const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
      decipher.setAuthTag(Buffer.from(tag, 'base64'));
      try {
        return Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]).toString('utf8');
      } catch {
        throw new Error('the device token was sealed with another key (enrol this desktop again)');
      }
    },
    isSealed: (stored) => stored.startsWith(PREFIX),
  };
}

function deviceKey(dataDir: string, env: NodeJS.ProcessEnv): Buffer {
  const given = env['MGRAMSEVA_DEVICE_KEY'];
  if (given) {
    if (!/^[0-9a-f]{64}$/i.test(given)) throw new Error('MGRAMSEVA_DEVICE_KEY must be 64 hex characters');
    return Buffer.from(given, 'hex');
  }
  const file = path.join(dataDir, KEY_FILE);
  try {
    return parseKeyFile(fs.readFileSync(file, 'utf8'), file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const fresh = crypto.randomBytes(32).toString('hex');
  try {
    // 'wx': two processes starting at once cannot both write a key; the loser reads the winner's.
    fs.writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
  }
  return parseKeyFile(fs.readFileSync(file, 'utf8'), file);
}

function parseKeyFile(text: string, file: string): Buffer {
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/i.test(hex)) throw new Error(`${file} is damaged: expected 64 hex characters`);
  return Buffer.from(hex, 'hex');
}
