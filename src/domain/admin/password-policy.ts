/**
 * Password rules for staff accounts, after NIST SP 800-63B §5.1.1.2 ("memorized secrets"):
 * at least 8 characters (a user chooses it) and at most 200 (NIST: at least 64 allowed); every
 * printable character and space allowed; **no composition rules** (no "one digit, one capital")
 * and no periodic expiry; refused when it appears in a list of passwords known from breaches,
 * is a repeated or sequential string, or is the login or the user's name.
 *
 * Pure: the breached list is passed in (the server bundles one, `server/admin/breached-passwords.ts`).
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 200;

export type PasswordProblem = 'too_short' | 'too_long' | 'breached' | 'like_login';

/** The form compared with the breached list and the user's own words: lower case, no spaces. */
export function passwordKey(password: string): string {
  return password.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

/** A string of one repeated character or a run such as `12345678`, `abcdefgh`. */
function isTrivial(key: string): boolean {
  if (/^(.)\1+$/u.test(key)) return true;
  const codes = [...key].map((c) => c.codePointAt(0) ?? 0);
  const step = (codes[1] ?? 0) - (codes[0] ?? 0);
  return Math.abs(step) === 1 && codes.every((c, i) => i === 0 || c - (codes[i - 1] ?? 0) === step);
}

/**
 * Check a new password.
 *
 * @param context the login and full name of the account (a password equal to either, or to the
 *   login with a few digits after it, is refused).
 * @param breached keys ({@link passwordKey}) of known breached passwords.
 * @returns the first problem found, or null when the password is acceptable.
 */
export function passwordProblem(
  password: string,
  context: { login?: string | null; fullName?: string | null },
  breached: ReadonlySet<string>,
): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return 'too_short';
  if (length > PASSWORD_MAX_LENGTH) return 'too_long';
  const key = passwordKey(password);
  if (breached.has(key) || isTrivial(key)) return 'breached';
  const own = [context.login, context.fullName]
    .filter((w): w is string => !!w)
    .map(passwordKey)
    .filter((w) => w.length >= 3);
  if (
    own.some((w) => key === w || key.replace(/\d+$/, '') === w || key === [...w].reverse().join(''))
  )
    return 'like_login';
  return null;
}
