import { describe, expect, it } from 'vitest';
import { ChangePasswordSchema, CreateUserSchema } from '@vaka/domain';
import { MIN_PASSWORD_LENGTH, validatePasswordChange } from './password-change.ts';

describe('validatePasswordChange', () => {
  it('asks for the current password and a new one of at least 12 characters', () => {
    const minimum = (schema: object) => (schema as { minLength?: number }).minLength;
    expect(minimum(ChangePasswordSchema.properties.newPassword)).toBe(MIN_PASSWORD_LENGTH);
    expect(minimum(CreateUserSchema.properties.password)).toBe(MIN_PASSWORD_LENGTH);
    expect(
      validatePasswordChange({
        currentPassword: '',
        newPassword: 'eleven char',
        repeatedPassword: 'eleven char',
      }),
    ).toEqual({ currentPassword: 'currentRequired', newPassword: 'tooShort' });
  });

  it('asks for the new password twice, the same both times', () => {
    expect(
      validatePasswordChange({
        currentPassword: 'first-password',
        newPassword: 'twelve chars',
        repeatedPassword: 'twelve charz',
      }),
    ).toEqual({ repeatedPassword: 'mismatch' });
    expect(
      validatePasswordChange({
        currentPassword: 'first-password',
        newPassword: 'twelve chars',
        repeatedPassword: 'twelve chars',
      }),
    ).toEqual({});
  });
});
