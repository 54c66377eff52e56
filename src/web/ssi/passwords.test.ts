import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblems, verifyPassword } from './passwords.ts';

describe('SSI passwords', () => {
  it('hashes with scrypt N=2^15, r=8, p=1, a 16-byte salt and a 64-byte key, all in the string', async () => {
    const hash = await hashPassword('correct horse battery');
    const m = /^\$scrypt\$ln=15,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
    expect(m).not.toBeNull();
    expect(Buffer.from(m?.[1] ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(m?.[2] ?? '', 'base64')).toHaveLength(64);
    expect(await hashPassword('correct horse battery')).not.toBe(hash);
  });

  it('verifies the right password only, and never a malformed or tampered hash', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
    const key = hash.slice(hash.lastIndexOf('$') + 1);
    const flipped = `${key[0] === 'A' ? 'B' : 'A'}${key.slice(1)}`;
    expect(await verifyPassword('correct horse battery', hash.replace(key, flipped))).toBe(false);
    expect(await verifyPassword('correct horse battery', hash.replace('ln=15', 'ln=14'))).toBe(
      false,
    );
    expect(await verifyPassword('x', 'plain text')).toBe(false);
    expect(await verifyPassword('x', hash.replace('ln=15', 'ln=40'))).toBe(false);
  });

  it('treats composed and decomposed accents as the same password', async () => {
    const hash = await hashPassword('caf\u00e9 au lait noir');
    expect(await verifyPassword('cafe\u0301 au lait noir', hash)).toBe(true);
  });

  it('asks for 12 characters or more, saying how many there were', () => {
    expect(passwordProblems('short')).toEqual(['use at least 12 characters (this one has 5)']);
    expect(passwordProblems('twelve chars')).toEqual([]);
    expect(passwordProblems(' '.repeat(12))).toEqual(['use something other than spaces']);
    expect(passwordProblems('x'.repeat(1025))).toEqual(['use at most 1024 characters']);
    // Characters, not UTF-16 units: 11 emoji are 22 units but still too few.
    expect(passwordProblems('\u{1F511}'.repeat(11))).toHaveLength(1);
  });
});
