import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { secretKeys } from './secrets';

describe('secrets at rest', () => {
  it('seals with AES-256-GCM and refuses tampered ciphertext', () => {
    const keys = secretKeys({ RELAIS_SECRET_KEY: 'b'.repeat(64), dataDir: '/nonexistent', DATABASE_URL: undefined });
    const sealed = keys.seal('mot de passe SMTP');
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('mot de passe');
    expect(keys.open(sealed)).toBe('mot de passe SMTP');
    expect(keys.seal('x')).not.toBe(keys.seal('x'));
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    raw[raw.length - 1] ^= 1;
    expect(() => keys.open(`v1.${raw.toString('base64url')}`)).toThrow();
    const other = secretKeys({ RELAIS_SECRET_KEY: 'c'.repeat(64), dataDir: '/nonexistent', DATABASE_URL: undefined });
    expect(() => other.open(sealed)).toThrow();
  });

  it('generates the key once into the data dir with mode 0600, lazily', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'relais-key-'));
    try {
      const keys = secretKeys({ RELAIS_SECRET_KEY: undefined, dataDir: dir, DATABASE_URL: undefined });
      expect(() => statSync(path.join(dir, 'secret.key'))).toThrow(); // nothing written until used
      const sealed = keys.seal('x');
      const st = statSync(path.join(dir, 'secret.key'));
      expect(st.mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, 'secret.key'), 'utf8').trim()).toMatch(/^[0-9a-f]{64}$/);
      expect(keys.open(sealed)).toBe('x');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
