import { Type, type Static } from 'typebox';
import { LanguageSchema } from './enums.ts';

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
  /** Whether the person signs in with an authentication code as well as the password. */
  secondFactor: Type.Boolean(),
  /** The console's language the person chose, on whichever computer they sign in. */
  language: Type.Optional(LanguageSchema),
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
  /**
   * A role that requires an authentication code, held by someone who has none yet: until they set
   * one up, nothing but that is allowed.
   */
  mustEnrollSecondFactor: Type.Boolean(),
});
export type Session = Static<typeof SessionSchema>;

/** The person's own settings for the console: `PUT /api/v1/auth/preferences`. */
export const PreferencesSchema = Type.Object(
  { language: LanguageSchema },
  { additionalProperties: false },
);
export type Preferences = Static<typeof PreferencesSchema>;

/** A code from an authenticator app: six digits. */
export const TotpCodeSchema = Type.String({ pattern: '^[0-9]{6}$', description: 'Six digits' });

export const LoginSchema = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 100 }),
    password: Type.String({ minLength: 1, maxLength: 1_000 }),
    /** The authentication code, for a person who has set one up. */
    code: Type.Optional(TotpCodeSchema),
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

/** A new authenticator secret, shown once to be entered in an authenticator app. */
export const SecondFactorSetupSchema = Type.Object({
  /** Base32, as authenticator apps accept it when typed. */
  secret: Type.String(),
  /** The `otpauth://totp/…` URI that carries the secret, its issuer and the username. */
  otpauthUri: Type.String(),
});
export type SecondFactorSetup = Static<typeof SecondFactorSetupSchema>;

/** A code from the new secret, which proves it was entered correctly and turns it on. */
export const ConfirmSecondFactorSchema = Type.Object(
  { code: TotpCodeSchema },
  { additionalProperties: false },
);
export type ConfirmSecondFactor = Static<typeof ConfirmSecondFactorSchema>;

/** Settings an admin chooses for everyone's security. */
export const SecuritySettingsSchema = Type.Object(
  {
    /** People holding any of these roles must sign in with an authentication code. */
    secondFactorRequiredRoles: Type.Array(RoleSchema, { uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type SecuritySettings = Static<typeof SecuritySettingsSchema>;

/** How people may sign in, for the sign-in screen: `GET /api/v1/auth/methods`. */
export const AuthMethodsSchema = Type.Object({
  password: Type.Boolean(),
  /** The city's identity provider, or null when Vaka has none. */
  oidc: Type.Union([Type.Object({ label: Type.String() }), Type.Null()]),
});
export type AuthMethods = Static<typeof AuthMethodsSchema>;

/** Why signing in through the identity provider failed: `/?signInError=<reason>`. */
export const OidcSignInError = {
  /** The answer did not belong to a sign-in started here (state, cookie, or it took too long). */
  expired: 'expired',
  /** The provider refused, or its answer could not be checked. */
  provider: 'provider',
  /** The provider gives the person no role in Vaka. */
  noRole: 'no_role',
  /** Vaka refuses the account: disabled, or the name belongs to a password account. */
  refused: 'refused',
} as const;
export type OidcSignInError = (typeof OidcSignInError)[keyof typeof OidcSignInError];

/** Set on the 401 of a sign-in whose password was right but that needs an authentication code. */
export const SECOND_FACTOR_HEADER = 'x-second-factor';

/** The header that carries the session's CSRF token on every cookie-authenticated change. */
export const CSRF_HEADER = 'x-csrf-token';
