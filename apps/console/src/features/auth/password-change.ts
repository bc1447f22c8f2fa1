/** The shortest new password the server accepts (ChangePasswordSchema, CreateUserSchema). */
export const MIN_PASSWORD_LENGTH = 12;

/** The change-password form as typed. */
export interface PasswordChangeDraft {
  readonly currentPassword: string;
  readonly newPassword: string;
  readonly repeatedPassword: string;
}

/** Which message (a key under `password`) a field that cannot be sent shows. */
export type PasswordChangeErrors = Partial<{
  currentPassword: 'currentRequired';
  newPassword: 'tooShort';
  repeatedPassword: 'mismatch';
}>;

/** What keeps the change from being sent; an empty object when it can go. */
export function validatePasswordChange(draft: PasswordChangeDraft): PasswordChangeErrors {
  const errors: PasswordChangeErrors = {};
  if (draft.currentPassword === '') errors.currentPassword = 'currentRequired';
  if (draft.newPassword.length < MIN_PASSWORD_LENGTH) errors.newPassword = 'tooShort';
  else if (draft.repeatedPassword !== draft.newPassword) errors.repeatedPassword = 'mismatch';
  return errors;
}
