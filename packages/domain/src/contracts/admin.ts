import { Type, type Static } from 'typebox';
import { RoleSchema } from './auth.ts';

/** A person's account as an admin sees it. */
export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  createdAt: Type.String({ format: 'date-time' }),
});
export type User = Static<typeof UserSchema>;

export const CreateUserSchema = Type.Object(
  {
    username: Type.String({ minLength: 2, maxLength: 100, pattern: '^[a-zA-Z0-9._@-]+$' }),
    displayName: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(RoleSchema, { uniqueItems: true }),
    /** A first password the person must change when they sign in. */
    password: Type.String({ minLength: 12, maxLength: 1_000 }),
  },
  { additionalProperties: false },
);
export type CreateUser = Static<typeof CreateUserSchema>;

export const UpdateUserSchema = Type.Object(
  {
    displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    roles: Type.Optional(Type.Array(RoleSchema, { uniqueItems: true })),
    disabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUser = Static<typeof UpdateUserSchema>;

/** What an API key may do. */
export const ApiKeyScope = { reportsWrite: 'reports:write' } as const;
export type ApiKeyScope = (typeof ApiKeyScope)[keyof typeof ApiKeyScope];
export const API_KEY_SCOPES = Object.values(ApiKeyScope);

/** A machine's key as an admin sees it: never the secret, only its first characters. */
export const ApiKeySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  name: Type.String(),
  prefix: Type.String({ description: 'The first characters of the key, to recognise it by' }),
  scopes: Type.Array(Type.Enum(API_KEY_SCOPES)),
  rateLimitPerMinute: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});
export type ApiKey = Static<typeof ApiKeySchema>;

export const CreateApiKeySchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Who uses it, e.g. "SMHI warnings"',
    }),
    scopes: Type.Array(Type.Enum(API_KEY_SCOPES), { minItems: 1, uniqueItems: true }),
    rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 600 })),
  },
  { additionalProperties: false },
);
export type CreateApiKey = Static<typeof CreateApiKeySchema>;

/** The answer to creating a key: the only time the secret is shown. */
export const CreatedApiKeySchema = Type.Object({
  apiKey: ApiKeySchema,
  secret: Type.String({ description: 'Send as `Authorization: Bearer <secret>`; shown once' }),
});
export type CreatedApiKey = Static<typeof CreatedApiKeySchema>;
