import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tokenSealer } from './device-secret.js';

describe('the device token at rest', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-secret-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is sealed, opens again, and never shows the token', () => {
    const s = tokenSealer(dir, {});
    const sealed = s.seal('tok_secret_123');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(sealed).not.toContain('tok_secret_123');
    expect(s.seal('tok_secret_123')).not.toBe(sealed); // a fresh IV every time
    expect(tokenSealer(dir, {}).open(sealed)).toBe('tok_secret_123');
  });

  it('keeps its key in device.key, owner-only, created once', () => {
    tokenSealer(dir, {});
    const file = path.join(dir, 'device.key');
    const key = fs.readFileSync(file, 'utf8');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);
    tokenSealer(dir, {});
    expect(fs.readFileSync(file, 'utf8')).toBe(key);
  });

  it('refuses a token sealed with another key, and a tampered one', () => {
    const sealed = tokenSealer(dir, {}).seal('tok');
    const elsewhere = fs.mkdtempSync(path.join(os.tmpdir(), 'mgs-secret-'));
    try {
      expect(() => tokenSealer(elsewhere, {}).open(sealed)).toThrow(/another key/);
    } finally {
      fs.rmSync(elsewhere, { recursive: true, force: true });
    }
    const [, iv, tag, body] = sealed.split(':');
    const flipped = Buffer.from(body!, 'base64');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => tokenSealer(dir, {}).open(`v1:${iv}:${tag}:${flipped.toString('base64')}`)).toThrow(/another key/);
    expect(() => tokenSealer(dir, {}).open('v1:garbage')).toThrow(/damaged/);
  });

  it('reads a token stored before sealing as it is', () => {
    const s = tokenSealer(dir, {});
    expect(s.isSealed('plain-old-token')).toBe(false);
    expect(s.open('plain-old-token')).toBe('plain-old-token');
  });

  it('takes the key from MGRAMSEVA_DEVICE_KEY (Electron: sealed by the OS) and writes no key file', () => {
    const env = { MGRAMSEVA_DEVICE_KEY: 'ab'.repeat(32) };
    const sealed = tokenSealer(dir, env).seal('tok');
    expect(fs.existsSync(path.join(dir, 'device.key'))).toBe(false);
    expect(tokenSealer(dir, env).open(sealed)).toBe('tok');
    expect(() => tokenSealer(dir, {}).open(sealed)).toThrow(/another key/);
    expect(() => tokenSealer(dir, { MGRAMSEVA_DEVICE_KEY: 'short' })).toThrow(/64 hex/);
  });

  it('refuses a damaged key file rather than making a new key over it', () => {
    fs.writeFileSync(path.join(dir, 'device.key'), 'not a key');
    expect(() => tokenSealer(dir, {})).toThrow(/damaged/);
  });
});
