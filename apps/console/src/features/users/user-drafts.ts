import { ROLES, type CreateUser, type Role, type UpdateUser, type User } from '@vaka/domain';
import { MIN_PASSWORD_LENGTH } from '../auth/password-change.ts';

/** The limits of CreateUserSchema, so the form stops the admin before the server does. */
export const USER_LIMITS = {
  username: 100,
  displayName: 200,
  password: 1_000,
} as const;

/** What CreateUserSchema accepts as a username. */
export const USERNAME_PATTERN = /^[a-zA-Z0-9._@-]{2,100}$/;

/** The new-user form as typed. */
export interface NewUserDraft {
  readonly username: string;
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly password: string;
}

/** Which message (a key under `users`, or `password.tooShort`) a field that cannot be sent shows. */
export type NewUserErrors = Partial<{
  username: 'usernameInvalid';
  displayName: 'displayNameRequired';
  password: 'tooShort';
}>;

/** An empty new-user form. */
export function emptyNewUser(): NewUserDraft {
  return { username: '', displayName: '', roles: [], password: '' };
}

/** What keeps the new user from being created; an empty object when it can go. */
export function validateNewUser(draft: NewUserDraft): NewUserErrors {
  const errors: NewUserErrors = {};
  if (!USERNAME_PATTERN.test(draft.username.trim())) errors.username = 'usernameInvalid';
  if (draft.displayName.trim() === '') errors.displayName = 'displayNameRequired';
  if (draft.password.length < MIN_PASSWORD_LENGTH) errors.password = 'tooShort';
  return errors;
}

/** The body of `POST /api/v1/users`. */
export function toCreateUser(draft: NewUserDraft): CreateUser {
  return {
    username: draft.username.trim(),
    displayName: draft.displayName.trim(),
    roles: withRole(draft.roles, null, true),
    password: draft.password,
  };
}

/** Roles with one turned on or off, always in the order the console lists them. */
export function withRole(roles: readonly Role[], role: Role | null, on: boolean): Role[] {
  return ROLES.filter((candidate) => (candidate === role ? on : roles.includes(candidate)));
}

/** An account as its edit form holds it. */
export interface UserEdit {
  readonly displayName: string;
  readonly roles: readonly Role[];
  readonly disabled: boolean;
}

/** The edit form filled in from the account. */
export function toUserEdit(user: User): UserEdit {
  return { displayName: user.displayName, roles: user.roles, disabled: user.disabled };
}

/** The body of `PATCH /api/v1/users/:id`: only what changed, or null when nothing did. */
export function userChanges(user: User, edit: UserEdit): UpdateUser | null {
  const changes: UpdateUser = {};
  const displayName = edit.displayName.trim();
  if (displayName !== user.displayName) changes.displayName = displayName;
  const roles = withRole(edit.roles, null, true);
  if (roles.join() !== withRole(user.roles, null, true).join()) changes.roles = roles;
  if (edit.disabled !== user.disabled) changes.disabled = edit.disabled;
  return Object.keys(changes).length === 0 ? null : changes;
}
