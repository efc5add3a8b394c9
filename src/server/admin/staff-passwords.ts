/**
 * Passwords of staff users (issue 14; NIST SP 800-63B): the acceptance check every new password
 * passes (administrator's create, the user's own change, the `users` command) and the one-time
 * password an administrator's reset hands out.
 */
import { randomInt } from 'node:crypto';
import { passwordProblem } from '../../domain/admin/password-policy.js';
import { badRequest } from '../errors.js';
import { BREACHED_PASSWORDS } from './breached-passwords.js';

/**
 * Refuse a password by NIST SP 800-63B (length, breached list, the login or name).
 * @throws AppError 400 `password_too_short`, `password_breached`, `password_like_login`.
 */
export function assertPasswordAcceptable(
  password: string,
  context: { login?: string | null; fullName?: string | null },
): void {
  const problem = passwordProblem(password, context, BREACHED_PASSWORDS);
  if (problem === null) return;
  if (problem === 'breached')
    throw badRequest(
      'password_breached',
      'This password is in a list of passwords known from breaches, or is too easy to guess: choose another (a few unrelated words make a good one).',
    );
  if (problem === 'like_login')
    throw badRequest('password_like_login', 'The password must not be the login or the name.');
  throw badRequest(
    'password_too_short',
    'The password must be 8 to 200 characters long (any characters, spaces included).',
  );
}

// Unambiguous letters and digits (no 0/O, 1/l/I), in groups: easy to read out over the phone.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A one-time password of 4 groups of 4 (about 79 bits). */
export function oneTimePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  );
  return groups.join('-');
}
