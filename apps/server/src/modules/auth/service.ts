import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import {
  JournalKind,
  OidcSignInError,
  Role,
  type Preferences,
  type SecondFactorSetup,
  type NewJournalEntry,
  type SecuritySettings,
  type Session,
  type User,
} from '@vaka/domain';
import {
  claimTotpStep,
  countUsers,
  deleteSession,
  deleteUserSessions,
  findAccount,
  findAccountByUsername,
  insertSession,
  insertUser,
  lockJournal,
  readSecuritySettings,
  updateAccount,
  type UserAccount,
} from '@vaka/db';
import { journaled } from './journaled.ts';
import { OidcSignInFailure, type OidcIdentity } from './oidc.ts';
import { hashSecret, newSecret } from './tokens.ts';
import { matchingTotpStep, newTotpSecret } from './totp.ts';

/** A session lasts a long shift; then the console asks to sign in again. */
export const SESSION_TTL_MS = 14 * 60 * 60 * 1000;
/** Failed sign-ins allowed before the account locks; each one more doubles the lock. */
const LOCK_AFTER_FAILURES = 5;
const FIRST_LOCK_MS = 30_000;
const LONGEST_LOCK_MS = 15 * 60_000;

/** A sign-in that cannot succeed; the message never says whether the username exists. */
export class SignInError extends Error {
  override name = 'SignInError';
  readonly statusCode = 401;
}

/** The password was right, and the account needs an authentication code as well. */
export class SecondFactorRequiredError extends Error {
  override name = 'SecondFactorRequiredError';
  readonly statusCode = 401;
  constructor() {
    super('Enter the 6-digit code from your authenticator app');
  }
}

/** A request about the authentication code that does not fit the account's state. */
export class SecondFactorConflictError extends Error {
  override name = 'SecondFactorConflictError';
  readonly statusCode = 409;
}

/** A wrong authentication code when setting one up. */
export class WrongCodeError extends Error {
  override name = 'WrongCodeError';
  readonly statusCode = 400;
  constructor() {
    super('Wrong code');
  }
}

/** Too many failed sign-ins: wait before trying again. */
export class LockedOutError extends Error {
  override name = 'LockedOutError';
  readonly statusCode = 429;
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many failed sign-ins: try again in ${retryAfterSeconds} seconds`);
  }
}

// A hash to verify against when the username is unknown, so both cases take as long.
const NO_SUCH_USER_HASH = hash(newSecret());

/**
 * Signs a person in with their password, and their authentication code when they have set one
 * up; returns the new session's token and what the console gets.
 */
export async function signIn(
  app: FastifyInstance,
  attempt: { username: string; password: string; code?: string; ip: string },
  now = new Date(),
): Promise<{ token: string; session: Session }> {
  const account = await findAccountByUsername(app.database.db, attempt.username);
  if (account?.lockedUntil && account.lockedUntil > now) {
    throw new LockedOutError(Math.ceil((account.lockedUntil.getTime() - now.getTime()) / 1000));
  }
  const passwordOk = await verify(
    account?.passwordHash ?? (await NO_SUCH_USER_HASH),
    attempt.password,
  ).catch(() => false);
  if (!account || !passwordOk || account.disabled || account.passwordHash === null) {
    await recordFailure(app, attempt, account, now);
    throw new SignInError('Wrong username or password');
  }
  if (account.totpEnabled && account.totpSecret !== null) {
    // NOTE: asking for the code is no failure: the password was right, and the console asks again.
    if (attempt.code === undefined) throw new SecondFactorRequiredError();
    const step = matchingTotpStep(account.totpSecret, attempt.code, now);
    if (step === null || !(await claimTotpStep(app.database.db, account.id, step))) {
      await recordFailure(app, attempt, account, now, 'wrong code');
      throw new SignInError('Wrong code');
    }
  }
  const token = newSecret();
  const csrfToken = newSecret();
  await journaled(app, async (tx) => {
    await updateAccount(tx, account.id, { failedSignIns: 0, lockedUntil: null });
    await insertSession(tx, {
      tokenHash: hashSecret(token),
      userId: account.id,
      csrfToken,
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    return {
      entries: [
        {
          kind: JournalKind.signedIn,
          actor: account.username,
          data: { userId: account.id, method: 'password' },
        },
      ],
      result: undefined,
    };
  });
  const settings = await readSecuritySettings(app.database.db);
  return { token, session: sessionOf(account, csrfToken, settings) };
}

async function recordFailure(
  app: FastifyInstance,
  attempt: { username: string; ip: string },
  account: UserAccount | undefined,
  now: Date,
  knownReason?: string,
): Promise<void> {
  const reason =
    knownReason ??
    (!account
      ? 'unknown user'
      : account.disabled
        ? 'account disabled'
        : account.passwordHash === null
          ? 'account of the identity provider'
          : 'wrong password');
  await journaled(app, async (tx) => {
    if (account) {
      const failures = account.failedSignIns + 1;
      const excess = failures - LOCK_AFTER_FAILURES;
      const lockedUntil =
        excess >= 0
          ? new Date(now.getTime() + Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** excess))
          : null;
      await updateAccount(tx, account.id, { failedSignIns: failures, lockedUntil });
    }
    return {
      entries: [
        {
          kind: JournalKind.signInFailed,
          actor: 'anonymous',
          data: { username: attempt.username.slice(0, 100), reason, ip: attempt.ip },
        },
      ],
      result: undefined,
    };
  });
}

/** Who the journal names for what the identity provider changes in Vaka. */
const IDENTITY_PROVIDER_ACTOR = 'oidc';

/**
 * Signs in a person the identity provider vouched for: creates their account on first sign-in,
 * gives it the roles the provider grants now, and starts a session as a password sign-in does.
 * An account of the provider has no password, and is not asked for Vaka's authentication code:
 * the provider checks its own second factor.
 */
export async function signInWithOidc(
  app: FastifyInstance,
  identity: OidcIdentity,
  now = new Date(),
): Promise<{ token: string }> {
  const token = newSecret();
  if (identity.roles.length === 0) {
    throw new OidcSignInFailure(
      OidcSignInError.noRole,
      'the provider grants no role in Vaka',
      identity.username,
    );
  }
  const { result: userId } = await journaled(app, async (tx) => {
    const existing = await findAccountByUsername(tx, identity.username);
    const refuse = (detail: string) =>
      new OidcSignInFailure(OidcSignInError.refused, detail, identity.username);
    // NOTE: accounts are matched by username; a password account of the same name is never
    // handed to the provider, or the provider could take over e.g. the first admin.
    if (existing && existing.passwordHash !== null)
      throw refuse('a password account has this name');
    if (existing?.disabled) throw refuse('account disabled');
    const entries: NewJournalEntry[] = [];
    let userId: string;
    if (!existing) {
      const user: User = {
        id: randomUUID(),
        username: identity.username,
        displayName: identity.displayName,
        roles: identity.roles,
        disabled: false,
        createdAt: now.toISOString(),
      };
      await insertUser(tx, { ...user, passwordHash: null, mustChangePassword: false });
      entries.push({
        kind: JournalKind.userCreated,
        actor: IDENTITY_PROVIDER_ACTOR,
        data: { user },
      });
      userId = user.id;
    } else {
      userId = existing.id;
      const rolesChanged = !sameRoles(existing.roles, identity.roles);
      if (rolesChanged || existing.displayName !== identity.displayName) {
        await updateAccount(tx, existing.id, {
          roles: identity.roles,
          displayName: identity.displayName,
        });
        // As when an admin changes roles: the sessions under the old roles end now.
        if (rolesChanged) await deleteUserSessions(tx, existing.id);
        const { id, username, createdAt, disabled } = existing;
        const { displayName, roles } = identity;
        const user: User = { id, username, displayName, roles, disabled, createdAt };
        entries.push({
          kind: JournalKind.userChanged,
          actor: IDENTITY_PROVIDER_ACTOR,
          data: { user, previousRoles: existing.roles },
        });
      }
    }
    // Wrong passwords tried against this account may have locked it, as any account; that lock
    // keeps out passwords only, which never work here anyway.
    await updateAccount(tx, userId, { failedSignIns: 0, lockedUntil: null });
    await insertSession(tx, {
      tokenHash: hashSecret(token),
      userId,
      csrfToken: newSecret(),
      createdAt: now,
      expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
    });
    entries.push({
      kind: JournalKind.signedIn,
      actor: identity.username,
      data: { userId, method: 'oidc' },
    });
    return { entries, result: userId };
  });
  // Consoles still open under the old roles; the new session has none yet.
  app.liveHub.signOutUser(userId);
  return { token };
}

/** Journals a failed sign-in through the identity provider. */
export async function recordOidcFailure(
  app: FastifyInstance,
  failure: OidcSignInFailure,
  ip: string,
): Promise<void> {
  await journaled(app, async () => ({
    entries: [
      {
        kind: JournalKind.signInFailed,
        actor: 'anonymous',
        data: {
          username: failure.username.slice(0, 100),
          reason: `identity provider: ${failure.detail}`,
          ip,
        },
      },
    ],
    result: undefined,
  }));
}

function sameRoles(a: readonly Role[], b: readonly Role[]): boolean {
  return a.length === b.length && a.every((role) => b.includes(role));
}

/** Ends this session, or every session of its user. */
export async function signOut(
  app: FastifyInstance,
  caller: { account: UserAccount; sessionTokenHash: string },
  everywhere: boolean,
): Promise<void> {
  await journaled(app, async (tx) => {
    if (everywhere) await deleteUserSessions(tx, caller.account.id);
    else await deleteSession(tx, caller.sessionTokenHash);
    return {
      entries: [
        {
          kind: JournalKind.signedOut,
          actor: caller.account.username,
          data: { userId: caller.account.id, everywhere },
        },
      ],
      result: undefined,
    };
  });
  if (everywhere) app.liveHub.signOutUser(caller.account.id);
  else app.liveHub.signOutSession(caller.sessionTokenHash);
}

/** Changes a person's own password, after checking the current one. */
export async function changePassword(
  app: FastifyInstance,
  account: UserAccount,
  currentPassword: string,
  newPassword: string,
): Promise<void> {
  const ok =
    account.passwordHash !== null &&
    (await verify(account.passwordHash, currentPassword).catch(() => false));
  if (!ok) throw new SignInError('The current password is wrong');
  const passwordHash = await hash(newPassword);
  await journaled(app, async (tx) => {
    await updateAccount(tx, account.id, { passwordHash, mustChangePassword: false });
    return {
      entries: [
        {
          kind: JournalKind.passwordChanged,
          actor: account.username,
          data: { userId: account.id },
        },
      ],
      result: undefined,
    };
  });
}

/**
 * Stores a person's own settings and returns their account as it is now; journalled when
 * something changed.
 */
export async function setPreferences(
  app: FastifyInstance,
  account: UserAccount,
  preferences: Preferences,
): Promise<UserAccount> {
  const { result } = await journaled(app, async (tx) => {
    // Under the journal lock, so `previous` is what the language was just before, even when
    // two computers of the same person change it at once.
    await lockJournal(tx);
    const before = (await findAccount(tx, account.id)) ?? account;
    if (before.language === preferences.language) return { entries: [], result: before };
    const after = (await updateAccount(tx, account.id, { language: preferences.language }))!;
    return {
      entries: [
        {
          kind: JournalKind.userPreferencesChanged,
          actor: account.username,
          data: {
            userId: account.id,
            language: preferences.language,
            ...(before.language === null ? {} : { previous: before.language }),
          },
        },
      ],
      result: after,
    };
  });
  return result;
}

/** Creates an account; the actor is the admin, or "system" at first start. */
export async function createAccount(
  app: FastifyInstance,
  actor: string,
  input: {
    username: string;
    displayName: string;
    roles: Role[];
    password: string;
    mustChangePassword: boolean;
  },
): Promise<User> {
  const user: User = {
    id: randomUUID(),
    username: input.username,
    displayName: input.displayName,
    roles: input.roles,
    disabled: false,
    createdAt: new Date().toISOString(),
  };
  const passwordHash = await hash(input.password);
  await journaled(app, async (tx) => {
    await insertUser(tx, { ...user, passwordHash, mustChangePassword: input.mustChangePassword });
    return {
      entries: [{ kind: JournalKind.userCreated, actor, data: { user } }],
      result: undefined,
    };
  });
  return user;
}

/**
 * Whether the account holds a role that requires an authentication code, and has none yet. An
 * account of the identity provider never does: the provider checks its own second factor.
 */
export function mustEnrollSecondFactor(
  account: Pick<UserAccount, 'roles' | 'totpEnabled' | 'passwordHash'>,
  settings: SecuritySettings,
): boolean {
  return (
    account.passwordHash !== null &&
    !account.totpEnabled &&
    account.roles.some((role) => settings.secondFactorRequiredRoles.includes(role))
  );
}

/** The console's view of a session. */
export function sessionOf(
  account: UserAccount,
  csrfToken: string,
  settings: SecuritySettings,
): Session {
  return {
    user: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
      secondFactor: account.totpEnabled,
      ...(account.language === null ? {} : { language: account.language }),
    },
    csrfToken,
    mustChangePassword: account.mustChangePassword,
    mustEnrollSecondFactor: mustEnrollSecondFactor(account, settings),
  };
}

/**
 * Gives the account a new authenticator secret, not yet in use: a code from it must confirm it
 * first. An account whose code is already in use keeps it.
 */
export async function setUpSecondFactor(
  app: FastifyInstance,
  account: UserAccount,
): Promise<SecondFactorSetup> {
  if (account.totpEnabled) {
    throw new SecondFactorConflictError('You already sign in with an authentication code');
  }
  if (account.passwordHash === null) {
    throw new SecondFactorConflictError('Your identity provider checks your second factor');
  }
  const setup = newTotpSecret(account.username);
  await updateAccount(app.database.db, account.id, { totpSecret: setup.secret });
  return setup;
}

/** Turns on the secret set up last, given a code from it; journalled. */
export async function confirmSecondFactor(
  app: FastifyInstance,
  account: UserAccount,
  code: string,
  now = new Date(),
): Promise<UserAccount> {
  if (account.totpEnabled) {
    throw new SecondFactorConflictError('You already sign in with an authentication code');
  }
  if (account.totpSecret === null) {
    throw new SecondFactorConflictError('Set up an authentication code first');
  }
  const step = matchingTotpStep(account.totpSecret, code, now);
  if (step === null) throw new WrongCodeError();
  const { result } = await journaled(app, async (tx) => {
    if (!(await claimTotpStep(tx, account.id, step))) throw new WrongCodeError();
    const enabled = (await updateAccount(tx, account.id, { totpEnabled: true }))!;
    return {
      entries: [
        {
          kind: JournalKind.secondFactorEnabled,
          actor: account.username,
          data: { userId: account.id },
        },
      ],
      result: enabled,
    };
  });
  return result;
}

/**
 * On a database without users, creates `admin` with a one-time password and prints it once, so
 * the first person can sign in and must then choose a password of their own.
 */
export async function ensureFirstAdmin(app: FastifyInstance): Promise<void> {
  if ((await countUsers(app.database.db)) > 0) return;
  const password = newSecret(15);
  await createAccount(app, 'system', {
    username: 'admin',
    displayName: 'Administrator',
    roles: [Role.admin],
    password,
    mustChangePassword: true,
  });
  app.log.warn(
    `First start: sign in as "admin" with the one-time password ${password} (shown only now); you will be asked to choose a new one`,
  );
}

/** The demo's people, one per role, all with the demo password (see the README). */
export const DEMO_PASSWORD = 'vaka-demo-2026';
export const DEMO_USERS: ReadonlyArray<{ username: string; displayName: string; roles: Role[] }> = [
  { username: 'tib', displayName: 'Tjänsteperson i beredskap', roles: [Role.dutyOfficer] },
  // The night's duty officer, who handed over to `tib` this morning: a handover needs two.
  {
    username: 'tib-natt',
    displayName: 'Tjänsteperson i beredskap (natt)',
    roles: [Role.dutyOfficer],
  },
  { username: 'kib', displayName: 'Kommunikatör i beredskap', roles: [Role.communicator] },
  { username: 'ledning', displayName: 'Krisledning', roles: [Role.leadership] },
  { username: 'admin', displayName: 'Administratör', roles: [Role.admin] },
];

/** Creates the demo users on a database without users. */
export async function ensureDemoUsers(app: FastifyInstance): Promise<void> {
  if ((await countUsers(app.database.db)) > 0) return;
  for (const demo of DEMO_USERS) {
    await createAccount(app, 'demo', {
      ...demo,
      password: DEMO_PASSWORD,
      mustChangePassword: false,
    });
  }
}
