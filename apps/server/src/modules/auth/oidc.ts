import { createHmac } from 'node:crypto';
import * as client from 'openid-client';
import { OidcSignInError, ROLES, type Role } from '@vaka/domain';
import type { OidcConfig } from '../../config.ts';
import { sameSecret } from './tokens.ts';

/** A sign-in through the identity provider that cannot succeed; `reason` goes to the console. */
export class OidcSignInFailure extends Error {
  override name = 'OidcSignInFailure';
  constructor(
    readonly reason: OidcSignInError,
    /** What the journal records: never shown to the person. */
    readonly detail: string,
    /** The username, when the provider's answer got as far as naming one. */
    readonly username = '',
  ) {
    super(detail);
  }
}

/** Who the identity provider says signed in, in Vaka's terms. */
export interface OidcIdentity {
  username: string;
  displayName: string;
  /** Mapped through the role map; may be empty. */
  roles: Role[];
}

/** What a sign-in keeps between leaving for the provider and coming back: in a cookie. */
interface PendingSignIn {
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Vaka as an OpenID Connect relying party: the authorization code flow with PKCE (S256), state
 * and nonce, for one configured provider.
 */
export class OidcRelyingParty {
  private configuration: Promise<client.Configuration> | undefined;
  private readonly cookieKey: Buffer;

  constructor(private readonly settings: OidcConfig) {
    this.cookieKey = createHmac('sha256', settings.clientSecret)
      .update('vaka oidc pending sign-in')
      .digest();
  }

  /** The provider's address for this sign-in, and the cookie value that must come back with it. */
  async start(): Promise<{ authorizationUrl: URL; pendingCookie: string }> {
    const configuration = await this.discover();
    const pending: PendingSignIn = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
    };
    const authorizationUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.settings.redirectUrl.href,
      scope: 'openid profile',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { authorizationUrl, pendingCookie: this.seal(pending) };
  }

  /**
   * Checks the provider's answer at the callback against the pending sign-in, exchanges the code,
   * checks the ID token, and says who signed in.
   */
  async finish(
    callbackQuery: URLSearchParams,
    pendingCookie: string | undefined,
  ): Promise<OidcIdentity> {
    const pending = pendingCookie === undefined ? undefined : this.unseal(pendingCookie);
    const state = callbackQuery.get('state');
    if (!pending || state === null || !sameSecret(state, pending.state)) {
      throw new OidcSignInFailure(OidcSignInError.expired, 'state does not match');
    }
    // NOTE: built from the configured redirect URL, not the request's Host header, which the
    // client chooses.
    const callbackUrl = new URL(this.settings.redirectUrl);
    callbackUrl.search = callbackQuery.toString();
    let claims: Record<string, unknown>;
    try {
      const configuration = await this.discover();
      const tokens = await client.authorizationCodeGrant(configuration, callbackUrl, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idToken = tokens.claims();
      if (!idToken) throw new Error('the provider sent no ID token');
      claims = { ...idToken };
      // Many providers put profile and group claims in userinfo rather than in the ID token.
      if (configuration.serverMetadata().userinfo_endpoint !== undefined) {
        const userInfo = await client.fetchUserInfo(
          configuration,
          tokens.access_token,
          idToken.sub,
        );
        claims = { ...userInfo, ...idToken };
      }
    } catch (error) {
      throw new OidcSignInFailure(OidcSignInError.provider, describeFailure(error));
    }
    return this.identityOf(claims);
  }

  /** Maps the provider's claims to a username, a name and Vaka roles. */
  identityOf(claims: Record<string, unknown>): OidcIdentity {
    const username = nonEmptyString(claims.preferred_username) ?? nonEmptyString(claims.sub);
    if (username === undefined) {
      throw new OidcSignInFailure(OidcSignInError.provider, 'the provider named no user');
    }
    const granted = new Set<Role>();
    for (const name of namesIn(claimAt(claims, this.settings.rolesClaim))) {
      const role = this.settings.roleMap[name];
      if (role !== undefined) granted.add(role);
    }
    return {
      username,
      displayName: nonEmptyString(claims.name) ?? username,
      roles: ROLES.filter((role) => granted.has(role)),
    };
  }

  private discover(): Promise<client.Configuration> {
    this.configuration ??= client
      .discovery(
        this.settings.issuer,
        this.settings.clientId,
        undefined,
        client.ClientSecretBasic(this.settings.clientSecret),
        // The configuration allows plain http only for a provider on this machine.
        this.settings.issuer.protocol === 'http:'
          ? { execute: [client.allowInsecureRequests] }
          : undefined,
      )
      .catch((error: unknown) => {
        // Ask again next time: the provider may only have been unreachable for a moment.
        this.configuration = undefined;
        throw error;
      });
    return this.configuration;
  }

  private seal(pending: PendingSignIn): string {
    const value = [pending.state, pending.nonce, pending.codeVerifier].join('.');
    return `${value}.${this.mac(value)}`;
  }

  private unseal(cookie: string): PendingSignIn | undefined {
    const parts = cookie.split('.');
    const [state, nonce, codeVerifier, mac] = parts;
    if (parts.length !== 4 || !state || !nonce || !codeVerifier || !mac) return undefined;
    if (!sameSecret(mac, this.mac(`${state}.${nonce}.${codeVerifier}`))) return undefined;
    return { state, nonce, codeVerifier };
  }

  private mac(value: string): string {
    return createHmac('sha256', this.cookieKey).update(value).digest('base64url');
  }
}

/** The claim by its name, or else by a dotted path into nested claims (`realm_access.roles`). */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name];
  let value: unknown = claims;
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A roles claim as names: a list of strings, or one string. */
function namesIn(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((name): name is string => typeof name === 'string');
  return [];
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function describeFailure(error: unknown): string {
  if (error instanceof client.AuthorizationResponseError) {
    return `the provider answered ${error.error}${error.error_description ? `: ${error.error_description}` : ''}`;
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}
