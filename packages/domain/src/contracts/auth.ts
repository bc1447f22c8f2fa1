import { Type, type Static } from 'typebox';

/** What a person may be in Vaka; a person may hold several roles. */
export const Role = {
  dutyOfficer: 'duty_officer',
  communicator: 'communicator',
  leadership: 'leadership',
  admin: 'admin',
} as const;
export type Role = (typeof Role)[keyof typeof Role];
export const ROLES = Object.values(Role);
export const RoleSchema = Type.Enum(ROLES);

/** The signed-in person, as the console shows them. */
export const SessionUserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
});
export type SessionUser = Static<typeof SessionUserSchema>;

/**
 * The answer to signing in and to `GET /api/v1/auth/session`. The console sends `csrfToken` as the
 * `X-CSRF-Token` header with every change it asks for.
 */
export const SessionSchema = Type.Object({
  user: SessionUserSchema,
  csrfToken: Type.String(),
  /** A first-start or reset password: until it is changed, nothing but changing it is allowed. */
  mustChangePassword: Type.Boolean(),
});
export type Session = Static<typeof SessionSchema>;

export const LoginSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1_000 }),
  },
  { additionalProperties: false },
);
export type Login = Static<typeof LoginSchema>;

export const ChangePasswordSchema = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1_000 }),
    newPassword: Type.String({
      minLength: 12,
      maxLength: 1_000,
      description: 'At least 12 characters',
    }),
  },
  { additionalProperties: false },
);
export type ChangePassword = Static<typeof ChangePasswordSchema>;

/** The header that carries the session's CSRF token on every cookie-authenticated change. */
export const CSRF_HEADER = 'x-csrf-token';
