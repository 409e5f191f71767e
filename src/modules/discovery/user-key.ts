import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { randomSecret } from '../../lib/secrets.js';

const SECRET_FILE = '.installation-secret';

/**
 * The installation secret: AIMS_SECRET when set, otherwise a random one kept in the file store (`dir`, the evidence
 * directory; created once, readable by the owner only). Without it the user pseudonyms stored by discovery cannot be
 * recomputed or tested against guessed names.
 */
export function installationSecret(dir: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.AIMS_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = path.join(dir, SECRET_FILE);
  try {
    return fs.readFileSync(file, 'utf8').trim();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.writeFileSync(file, `${randomSecret()}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    // Another process created it first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return fs.readFileSync(file, 'utf8').trim();
}

/** The organisation's HMAC key for user pseudonyms: stable across runs, different per organisation. */
export function discoveryUserKey(secret: string, orgId: string): Buffer {
  return createHmac('sha256', secret).update(`discovery-users:${orgId}`).digest();
}

/** A 52-bit pseudonym as the fixed-width hex text stored in discovery_finding_users. */
export const pseudonymText = (p: number): string => p.toString(16).padStart(13, '0');
