import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceKeyFor, type SafeStorageLike } from './device-key.js';
import { tokenSealer } from '@mgramseva/core/node';

/** A stand-in for the OS keyring: reversible, but not plain text on disk. */
const keyring = (available = true): SafeStorageLike => ({
  isEncryptionAvailable: () => available,
  encryptString: (plain) => Buffer.from(`os:${Buffer.from(plain).toString('base64')}`),
  decryptString: (sealed) => Buffer.from(sealed.toString().replace(/^os:/, ''), 'base64').toString(),
});

describe('the device key in Electron', () => {
  let dir: string;
  const logs: string[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-key-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is made once, kept sealed by the OS, and the same on every start', () => {
    const key = deviceKeyFor(dir, keyring(), (m) => logs.push(m))!;
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(fs.readFileSync(path.join(dir, 'device-key.sealed'), 'utf8')).not.toContain(key);
    expect(deviceKeyFor(dir, keyring(), () => {})).toBe(key);
    expect(fs.existsSync(path.join(dir, 'device.key'))).toBe(false);
  });

  it('takes over the plain key of an older data folder, so its sealed token still opens', () => {
    const sealedToken = tokenSealer(dir, {}).seal('tok');
    const key = deviceKeyFor(dir, keyring(), () => {})!;
    expect(fs.existsSync(path.join(dir, 'device.key'))).toBe(false);
    expect(tokenSealer(dir, { MGRAMSEVA_DEVICE_KEY: key }).open(sealedToken)).toBe('tok');
  });

  it('without OS encryption leaves the key to the core (device.key)', () => {
    expect(deviceKeyFor(dir, keyring(false), (m) => logs.push(m))).toBeUndefined();
    expect(logs.at(-1)).toMatch(/not available/);
    expect(fs.existsSync(path.join(dir, 'device-key.sealed'))).toBe(false);
  });

  it('refuses a sealed file that does not hold a key', () => {
    fs.writeFileSync(path.join(dir, 'device-key.sealed'), keyring().encryptString('nonsense'));
    expect(() => deviceKeyFor(dir, keyring(), () => {})).toThrow(/does not hold a device key/);
  });
});
