import { describe, expect, it } from 'vitest';
import { CreateUserSchema, Role } from '@vaka/domain';
import { buildUser } from '../../test-support/factories.ts';
import {
  emptyNewUser,
  toCreateUser,
  USERNAME_PATTERN,
  userChanges,
  validateNewUser,
  withRole,
} from './user-drafts.ts';

describe('validateNewUser', () => {
  it('asks for a plain username, a name and a first password of 12 characters', () => {
    expect(validateNewUser(emptyNewUser())).toEqual({
      username: 'usernameInvalid',
      displayName: 'displayNameRequired',
      password: 'tooShort',
    });
    expect(
      validateNewUser({
        username: 'anna berg',
        displayName: 'Anna Berg',
        roles: [],
        password: 'first-password',
      }),
    ).toEqual({ username: 'usernameInvalid' });
    expect(
      validateNewUser({
        username: 'anna.berg@stad',
        displayName: 'Anna Berg',
        roles: [],
        password: 'first-password',
      }),
    ).toEqual({});
  });

  it('accepts the usernames the server accepts', () => {
    const serverPattern = new RegExp(
      (CreateUserSchema.properties.username as { pattern?: string }).pattern ?? '',
    );
    for (const username of ['ab', 'anna.berg', 'a_b-c@d', 'x', 'anna berg', 'åsa']) {
      expect(USERNAME_PATTERN.test(username), username).toBe(
        serverPattern.test(username) && username.length >= 2,
      );
    }
  });
});

describe('toCreateUser', () => {
  it('trims the names and lists the roles once, in a fixed order', () => {
    expect(
      toCreateUser({
        username: ' anna ',
        displayName: ' Anna Berg ',
        roles: [Role.admin, Role.dutyOfficer, Role.admin],
        password: ' first password ',
      }),
    ).toEqual({
      username: 'anna',
      displayName: 'Anna Berg',
      roles: [Role.dutyOfficer, Role.admin],
      password: ' first password ',
    });
  });
});

describe('withRole', () => {
  it('turns one role on or off and keeps the others', () => {
    expect(withRole([Role.leadership], Role.dutyOfficer, true)).toEqual([
      Role.dutyOfficer,
      Role.leadership,
    ]);
    expect(withRole([Role.dutyOfficer, Role.leadership], Role.dutyOfficer, false)).toEqual([
      Role.leadership,
    ]);
  });
});

describe('userChanges', () => {
  it('sends only what changed, and nothing when nothing did', () => {
    const user = buildUser({ displayName: 'Anna Berg', roles: [Role.dutyOfficer, Role.admin] });

    expect(
      userChanges(user, {
        displayName: 'Anna Berg ',
        roles: [Role.admin, Role.dutyOfficer],
        disabled: false,
      }),
    ).toBeNull();
    expect(
      userChanges(user, { displayName: 'Anna Lind', roles: [Role.dutyOfficer], disabled: true }),
    ).toEqual({ displayName: 'Anna Lind', roles: [Role.dutyOfficer], disabled: true });
  });
});
