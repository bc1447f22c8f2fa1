import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link's token says, once its signature checks out. */
export interface LinkClaim {
  notificationId: string;
  expiresAt: Date;
}

/** Why a token does not open anything. */
export type LinkProblem = 'malformed' | 'forged' | 'expired';

/**
 * Signs and checks the tokens in acknowledgement links: `<notification id>.<expiry in seconds>`,
 * base64url, then a dot and its HMAC-SHA-256. The token is single-use because the notification
 * remembers its answer, and it carries nothing a person could read about the incident.
 */
export class AckLinks {
  readonly #key: Buffer;

  constructor(key: string) {
    this.#key = Buffer.from(key, 'base64url');
    if (this.#key.length < 32) throw new Error('the link key must be at least 32 bytes');
  }

  /** A new random key, for the server to keep. */
  static makeKey(): string {
    return randomBytes(32).toString('base64url');
  }

  /** The token for a notification's link. */
  sign(claim: LinkClaim): string {
    const payload = Buffer.from(
      `${claim.notificationId}.${Math.floor(claim.expiresAt.getTime() / 1000)}`,
    ).toString('base64url');
    return `${payload}.${this.#mac(payload)}`;
  }

  /** What a token says, or why it says nothing; expiry is judged at `now`. */
  verify(token: string, now: Date): LinkClaim | LinkProblem {
    const [payload, mac, ...rest] = token.split('.');
    if (payload === undefined || mac === undefined || rest.length > 0) return 'malformed';
    const expected = Buffer.from(this.#mac(payload));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    const match = /^([0-9a-f-]{36})\.(\d{1,12})$/.exec(
      Buffer.from(payload, 'base64url').toString(),
    );
    if (!match) return 'malformed';
    const expiresAt = new Date(Number(match[2]) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return 'expired';
    return { notificationId: match[1] as string, expiresAt };
  }

  #mac(payload: string): string {
    return createHmac('sha256', this.#key).update(payload).digest('base64url');
  }
}
