import { and, asc, count, eq, gt, inArray, isNull, lt, or } from 'drizzle-orm';
import type { ApiKey, Language, Role, SecuritySettings, User } from '@vaka/domain';
import { apiKeys, securitySettings, sessions, users } from '../schema/index.ts';
import type { Executor } from './journal.ts';

type UserRow = typeof users.$inferSelect;
type ApiKeyRow = typeof apiKeys.$inferSelect;

/** A user with what signing in needs, which an admin's view of the user leaves out. */
export interface UserAccount extends User {
  passwordHash: string | null;
  mustChangePassword: boolean;
  failedSignIns: number;
  lockedUntil: Date | null;
  /** The authenticator secret, set up or in use; null when none was ever set up. */
  totpSecret: string | null;
  /** Whether signing in needs a code from `totpSecret`. */
  totpEnabled: boolean;
  /** The time step of the last code accepted. */
  totpLastStep: number | null;
  /** The console's language the person chose; null until they choose one. */
  language: Language | null;
}

/** Stores a new user. */
export async function insertUser(
  tx: Executor,
  user: User & { passwordHash: string | null; mustChangePassword: boolean },
): Promise<void> {
  await tx.insert(users).values({ ...user, createdAt: new Date(user.createdAt) });
}

/** How many users there are. */
export async function countUsers(db: Executor): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

/** One account by its username. */
export async function findAccountByUsername(
  db: Executor,
  username: string,
): Promise<UserAccount | undefined> {
  const [row] = await db.select().from(users).where(eq(users.username, username));
  return row && toAccount(row);
}

/** One account by id. */
export async function findAccount(db: Executor, id: string): Promise<UserAccount | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row && toAccount(row);
}

/** Every user, by username. */
export async function listUsers(db: Executor): Promise<User[]> {
  const rows = await db.select().from(users).orderBy(asc(users.username));
  return rows.map(toUser);
}

/** Changes an account and returns it as it is now, or undefined when there is none. */
export async function updateAccount(
  tx: Executor,
  id: string,
  change: Partial<{
    displayName: string;
    roles: Role[];
    disabled: boolean;
    passwordHash: string;
    mustChangePassword: boolean;
    failedSignIns: number;
    lockedUntil: Date | null;
    totpSecret: string | null;
    totpEnabled: boolean;
    language: Language;
  }>,
): Promise<UserAccount | undefined> {
  const [row] = await tx.update(users).set(change).where(eq(users.id, id)).returning();
  return row && toAccount(row);
}

/**
 * Records that a code of this time step was used, unless one of this step or a later one already
 * was; true when it was not, so that each code is accepted once even by concurrent sign-ins.
 */
export async function claimTotpStep(tx: Executor, userId: string, step: number): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return rows.length === 1;
}

/** What the security settings are when an admin never chose any. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = { secondFactorRequiredRoles: [] };

const SECOND_FACTOR_REQUIRED_ROLES = 'second_factor_required_roles';

/** The security settings as they are now. */
export async function readSecuritySettings(db: Executor): Promise<SecuritySettings> {
  const rows = await db.select().from(securitySettings);
  const requiredRoles = rows.find((row) => row.key === SECOND_FACTOR_REQUIRED_ROLES)?.value;
  return {
    secondFactorRequiredRoles: Array.isArray(requiredRoles)
      ? (requiredRoles as Role[])
      : DEFAULT_SECURITY_SETTINGS.secondFactorRequiredRoles,
  };
}

/** Stores the security settings. */
export async function writeSecuritySettings(
  tx: Executor,
  settings: SecuritySettings,
): Promise<void> {
  await tx
    .insert(securitySettings)
    .values({ key: SECOND_FACTOR_REQUIRED_ROLES, value: settings.secondFactorRequiredRoles })
    .onConflictDoUpdate({
      target: securitySettings.key,
      set: { value: settings.secondFactorRequiredRoles },
    });
}

/** Stores a session under the hash of its token. */
export async function insertSession(
  tx: Executor,
  session: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    createdAt: Date;
    expiresAt: Date;
  },
): Promise<void> {
  await tx.insert(sessions).values(session);
}

/** A session that has not expired, with its user, or undefined. */
export async function findLiveSession(
  db: Executor,
  tokenHash: string,
  now: Date,
): Promise<{ csrfToken: string; expiresAt: Date; account: UserAccount } | undefined> {
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return (
    row && {
      csrfToken: row.session.csrfToken,
      expiresAt: row.session.expiresAt,
      account: toAccount(row.user),
    }
  );
}

/** Ends one session. */
export async function deleteSession(tx: Executor, tokenHash: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
}

/** Ends every session of a user. */
export async function deleteUserSessions(tx: Executor, userId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.userId, userId));
}

/** Which of these sessions still exist and have not expired. */
export async function liveSessionHashes(
  db: Executor,
  tokenHashes: readonly string[],
  now: Date,
): Promise<Set<string>> {
  if (tokenHashes.length === 0) return new Set();
  const rows = await db
    .select({ tokenHash: sessions.tokenHash })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        inArray(sessions.tokenHash, [...tokenHashes]),
        gt(sessions.expiresAt, now),
        eq(users.disabled, false),
      ),
    );
  return new Set(rows.map((row) => row.tokenHash));
}

/** Stores a new API key. */
export async function insertApiKey(
  tx: Executor,
  key: ApiKey & { secretHash: string; createdBy: string | null },
): Promise<void> {
  await tx.insert(apiKeys).values({
    ...key,
    createdAt: new Date(key.createdAt),
    revokedAt: key.revokedAt === null ? null : new Date(key.revokedAt),
  });
}

/** The key with this secret, unless it is revoked. */
export async function findActiveApiKey(
  db: Executor,
  secretHash: string,
): Promise<ApiKey | undefined> {
  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.secretHash, secretHash), isNull(apiKeys.revokedAt)));
  return row && toApiKey(row);
}

/** Every key, newest first. */
export async function listApiKeys(db: Executor): Promise<ApiKey[]> {
  const rows = await db.select().from(apiKeys).orderBy(asc(apiKeys.createdAt));
  return rows.map(toApiKey);
}

/** Revokes a key and returns it, or undefined when there is no such key. */
export async function revokeApiKey(
  tx: Executor,
  id: string,
  at: Date,
): Promise<ApiKey | undefined> {
  const [row] = await tx
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  if (row) return toApiKey(row);
  const [existing] = await tx.select().from(apiKeys).where(eq(apiKeys.id, id));
  return existing && toApiKey(existing);
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    roles: row.roles,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
  };
}

function toAccount(row: UserRow): UserAccount {
  return {
    ...toUser(row),
    passwordHash: row.passwordHash,
    mustChangePassword: row.mustChangePassword,
    failedSignIns: row.failedSignIns,
    lockedUntil: row.lockedUntil,
    totpSecret: row.totpSecret,
    totpEnabled: row.totpEnabled,
    totpLastStep: row.totpLastStep,
    language: row.language,
  };
}

function toApiKey(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes,
    rateLimitPerMinute: row.rateLimitPerMinute,
    createdAt: row.createdAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
