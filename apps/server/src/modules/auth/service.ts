import { randomUUID } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { FastifyInstance } from 'fastify';
import { JournalKind, Role, type Session, type User } from '@vaka/domain';
import {
  countUsers,
  deleteSession,
  deleteUserSessions,
  findAccount,
  findAccountByUsername,
  insertSession,
  insertUser,
  updateAccount,
  type UserAccount,
} from '@vaka/db';
import { journaled } from './journaled.ts';
import { hashSecret, newSecret } from './tokens.ts';

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

/** Signs a person in with their password; returns the new session's token and what the console gets. */
export async function signIn(
  app: FastifyInstance,
  attempt: { username: string; password: string; ip: string },
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
  return { token, session: sessionOf(account, csrfToken) };
}

async function recordFailure(
  app: FastifyInstance,
  attempt: { username: string; ip: string },
  account: UserAccount | undefined,
  now: Date,
): Promise<void> {
  const reason = !account
    ? 'unknown user'
    : account.disabled
      ? 'account disabled'
      : 'wrong password';
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

/** The console's view of a session. */
export function sessionOf(account: UserAccount, csrfToken: string): Session {
  return {
    user: {
      id: account.id,
      username: account.username,
      displayName: account.displayName,
      roles: account.roles,
    },
    csrfToken,
    mustChangePassword: account.mustChangePassword,
  };
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

/** An account by id, for the routes that act on one. */
export async function accountById(
  app: FastifyInstance,
  id: string,
): Promise<UserAccount | undefined> {
  return findAccount(app.database.db, id);
}
