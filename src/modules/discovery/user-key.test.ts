import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discoveryUserKey, installationSecret, pseudonymText } from './user-key.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aims-user-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('installationSecret', () => {
  it('prefers AIMS_SECRET, otherwise creates one private secret file and keeps it', () => {
    expect(installationSecret(dir, { AIMS_SECRET: ' from-env ' })).toBe('from-env');
    expect(fs.readdirSync(dir)).toEqual([]);
    const first = installationSecret(dir, {});
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(installationSecret(dir, {})).toBe(first);
    expect(fs.statSync(path.join(dir, '.installation-secret')).mode & 0o777).toBe(0o600);
  });
});

describe('discoveryUserKey', () => {
  it('is stable per organisation and differs between organisations and secrets', () => {
    const a = discoveryUserKey('s', 'org-a');
    expect(a.equals(discoveryUserKey('s', 'org-a'))).toBe(true);
    expect(a.equals(discoveryUserKey('s', 'org-b'))).toBe(false);
    expect(a.equals(discoveryUserKey('t', 'org-a'))).toBe(false);
  });

  it('writes 52-bit pseudonyms as 13 hex digits', () => {
    expect(pseudonymText(0)).toBe('0000000000000');
    expect(pseudonymText(2 ** 52 - 1)).toBe('fffffffffffff');
  });
});
