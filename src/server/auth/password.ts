/**
 * Password hashing with argon2id (OWASP Password Storage Cheat Sheet: m=19 MiB, t=2, p=1), and
 * the lighter cost for the machine-made 50-bit access codes (ADR 056).
 */
import { hash, verify } from '@node-rs/argon2';

const OPTIONS = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

/**
 * The cost for secrets of fixed, high entropy that no person chose: the portal's and the staff's
 * tracking access codes (50 random bits). The OWASP cost above exists because people pick
 * guessable passwords; against 2^50 equally likely codes argon2id at m=4 MiB, t=1 (about 1 ms
 * here, 15 ms with the password cost) still puts an offline search of one code from a stolen
 * database at tens of thousands of CPU-years, and online guessing is locked after a few tries
 * (access-codes.ts). The password cost made every staff registration wait 15 ms of CPU for the
 * caller's tracking code and capped a 2-core server near 100 registrations a second (ADR 056).
 * Verification reads the cost from the stored hash, so codes hashed before still verify.
 */
const ACCESS_CODE_OPTIONS = { memoryCost: 4096, timeCost: 1, parallelism: 1 } as const;

/** A PHC-format argon2id hash of `password`. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, OPTIONS);
}

/** A PHC-format argon2id hash of a machine-made access code, at {@link ACCESS_CODE_OPTIONS}. */
export function hashAccessCode(code: string): Promise<string> {
  return hash(code, ACCESS_CODE_OPTIONS);
}

// Verified against when the login is unknown, so both cases take the same time.
const DUMMY_HASH = hash('kontakt-dummy-password', OPTIONS);

/**
 * Whether `secret` matches `stored`; a null `stored` never matches, after verifying against
 * `dummy` (a hash of the same cost), so the time does not tell whether anything was stored.
 */
async function verifyOrDummy(
  stored: string | null,
  secret: string,
  dummy: Promise<string>,
): Promise<boolean> {
  if (!stored) {
    await verify(await dummy, secret).catch(() => false);
    return false;
  }
  return verify(stored, secret).catch(() => false);
}

/** Whether `password` matches `passwordHash` (a null hash never matches, in constant work). */
export function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  return verifyOrDummy(passwordHash, password, DUMMY_HASH);
}

// Verified against when no code is stored for the number typed, at the access codes' cost.
const DUMMY_ACCESS_CODE_HASH = hash('KONTAKTDUM', ACCESS_CODE_OPTIONS);

/**
 * Whether a typed access code matches its stored hash; a null hash (no such number) never matches,
 * after the same work as a code hashed at {@link ACCESS_CODE_OPTIONS}, so the time tells nothing.
 * (Codes hashed at the password cost before ADR 056 take longer to check.)
 */
export function verifyAccessCode(codeHash: string | null, typed: string): Promise<boolean> {
  return verifyOrDummy(codeHash, typed, DUMMY_ACCESS_CODE_HASH);
}
