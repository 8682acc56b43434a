import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from './config';
import { logger } from './log';

// Secrets at rest: AES-256-GCM with a key derived from RELAIS_SECRET_KEY, or from a key generated
// once into the data dir (mode 0600). Sub-keys per purpose (HKDF), so the unsubscribe-link MAC
// key is never the encryption key.
export type SecretKeys = {
  seal: (plain: string) => string;
  open: (sealed: string) => string;
  /** HMAC-SHA256 with the link-signing sub-key */
  mac: (data: string) => Buffer;
};

type KeySource = Pick<Config, 'RELAIS_SECRET_KEY' | 'dataDir' | 'DATABASE_URL'>;

const cache = new Map<string, SecretKeys>();
const AAD = Buffer.from('relais:secret:v1');

export function secretKeys(config: KeySource): SecretKeys {
  const id = config.RELAIS_SECRET_KEY ? `env:${config.RELAIS_SECRET_KEY}` : `dir:${config.dataDir}`;
  let keys = cache.get(id);
  if (!keys) {
    keys = lazyKeys(() => loadMasterKey(config));
    cache.set(id, keys);
  }
  return keys;
}

/** The master key is read (or created) on first use only: opening the app writes nothing. */
function lazyKeys(load: () => Buffer): SecretKeys {
  let derived: { enc: Buffer; mac: Buffer } | null = null;
  const get = () => {
    if (!derived) {
      const master = load();
      derived = {
        enc: Buffer.from(hkdfSync('sha256', master, 'relais', 'channel-secrets', 32)),
        mac: Buffer.from(hkdfSync('sha256', master, 'relais', 'unsubscribe-links', 32)),
      };
    }
    return derived;
  };
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', get().enc, iv);
      cipher.setAAD(AAD);
      const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `v1.${Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url')}`;
    },
    open(sealed) {
      if (!sealed.startsWith('v1.')) throw new Error('unknown secret format');
      const raw = Buffer.from(sealed.slice(3), 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', get().enc, raw.subarray(0, 12));
      decipher.setAAD(AAD);
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    },
    mac(data) {
      return createHmac('sha256', get().mac).update(data, 'utf8').digest();
    },
  };
}

function loadMasterKey(config: KeySource): Buffer {
  const fromEnv = config.RELAIS_SECRET_KEY?.trim();
  if (fromEnv) {
    if (/^[0-9a-f]{64}$/i.test(fromEnv)) return Buffer.from(fromEnv, 'hex');
    const b64 = Buffer.from(fromEnv, 'base64');
    if (b64.length === 32 && /^[A-Za-z0-9+/_-]{43}=?$/.test(fromEnv)) return b64;
    if (fromEnv.length < 16) throw new Error('RELAIS_SECRET_KEY is too short: use 32 random bytes (64 hex characters)');
    return Buffer.from(hkdfSync('sha256', fromEnv, 'relais', 'passphrase', 32));
  }
  const file = path.join(config.dataDir, 'secret.key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  if (config.DATABASE_URL) {
    logger.warn({ file }, 'RELAIS_SECRET_KEY is not set: generated a key in the data dir; set RELAIS_SECRET_KEY when several hosts share this database');
  }
  mkdirSync(config.dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
    logger.info({ file }, 'generated the secret key for channel credentials');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err; // another process won the race
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
}
