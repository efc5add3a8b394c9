/**
 * The two argon2id costs (ADR 056): staff passwords at OWASP's m=19 MiB, t=2; the machine-made
 * 50-bit access codes at m=4 MiB, t=1; a code stored before the change (at the password cost)
 * still verifies; a missing hash never matches.
 */
import { describe, expect, it } from 'vitest';
import { hashAccessCode, hashPassword, verifyAccessCode, verifyPassword } from './password.js';

describe('argon2id costs', () => {
  it('hash passwords at m=19456, t=2 and access codes at m=4096, t=1', async () => {
    expect(await hashPassword('correct-horse-battery')).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/,
    );
    expect(await hashAccessCode('ABCDEFGHJK')).toMatch(/^\$argon2id\$v=19\$m=4096,t=1,p=1\$/);
  });

  it.each([
    ['a code hashed at the access-code cost', hashAccessCode, 'ABCDEFGHJK', true],
    ['a code hashed before ADR 056, at the password cost', hashPassword, 'ABCDEFGHJK', true],
    ['another code', hashAccessCode, 'ABCDEFGHJM', false],
  ] as const)('verify %s', async (_case, hasher, typed, matches) => {
    expect(await verifyAccessCode(await hasher('ABCDEFGHJK'), typed)).toBe(matches);
  });

  it('never match a missing hash, for codes and passwords', async () => {
    expect(await verifyAccessCode(null, 'ABCDEFGHJK')).toBe(false);
    expect(await verifyPassword(null, 'ABCDEFGHJK')).toBe(false);
  });
});
