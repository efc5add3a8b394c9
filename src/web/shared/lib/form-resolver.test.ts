import { zodResolver } from '@hookform/resolvers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commentSchema } from '../../../contract/appeals.schemas.js';
import { applicantInputSchema } from '../../../contract/applicants.schemas.js';
import { formResolver, validationKey } from './form-resolver.js';

const options = { fields: {}, shouldUseNativeValidation: false } as const;

describe('validationKey', () => {
  it.each([
    [{ type: 'too_small', message: 'must not be empty' }, 'comment', 'validation.required'],
    [{ type: 'too_big', message: 'Too big' }, 'comment', 'validation.tooLong'],
    [{ type: 'invalid_format', message: 'Invalid email address' }, 'email', 'validation.email'],
    [{ type: 'invalid_format', message: 'Invalid string' }, 'login', 'validation.invalid'],
    [{ type: 'invalid_value', message: 'Invalid option' }, 'role', 'validation.invalid'],
    [{ type: 'custom', message: 'validation.phone' }, 'phone', 'validation.phone'],
  ])('%o on %s → %s', (error, field, key) => {
    expect(validationKey(error, field)).toBe(key);
  });
});

describe('formResolver over a contract schema', () => {
  const form = z.object({
    comment: commentSchema.shape.comment,
    applicant: z.object({ email: applicantInputSchema.shape.email.unwrap().unwrap() }),
  });
  const resolve = formResolver(zodResolver(form));

  it('gives catalogue keys for the contract’s messages, nested fields included', async () => {
    const result = await resolve(
      { comment: '   ', applicant: { email: 'not-an-address' } },
      undefined,
      options,
    );
    expect(result.errors).toMatchObject({
      comment: { message: 'validation.required' },
      applicant: { email: { message: 'validation.email' } },
    });
  });

  it('passes valid values through, trimmed by the contract', async () => {
    const result = await resolve(
      { comment: '  Перевірено  ', applicant: { email: 'a@example.org' } },
      undefined,
      options,
    );
    expect(result).toEqual({
      values: { comment: 'Перевірено', applicant: { email: 'a@example.org' } },
      errors: {},
    });
  });
});
