import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an acknowledgement link's token says, once its signature checks out. */
export interface LinkClaim {
  notificationId: string;
  expiresAt: Date;
}

/** Why a token does not open anything. */
export type LinkProblem = 'malformed' | 'forged' | 'expired';

/**
 * Signs and checks the tokens in acknowledgement links: the notification's id (16 bytes) and the
 * expiry in seconds (6 bytes), then the first 16 bytes of their HMAC-SHA-256, in base64url: 51
 * characters, short enough for an SMS. The token is single-use because the notification
 * remembers its answer, and it tells nobody anything about the incident.
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
    const payload = Buffer.alloc(PAYLOAD_BYTES);
    Buffer.from(claim.notificationId.replaceAll('-', ''), 'hex').copy(payload, 0);
    payload.writeUIntBE(Math.floor(claim.expiresAt.getTime() / 1000), 16, 6);
    return Buffer.concat([payload, this.#mac(payload)]).toString('base64url');
  }

  /** What a token says, or why it says nothing; expiry is judged at `now`. */
  verify(token: string, now: Date): LinkClaim | LinkProblem {
    if (!/^[A-Za-z0-9_-]+$/.test(token)) return 'malformed';
    const bytes = Buffer.from(token, 'base64url');
    if (bytes.length !== PAYLOAD_BYTES + MAC_BYTES) return 'malformed';
    const payload = bytes.subarray(0, PAYLOAD_BYTES);
    if (!timingSafeEqual(bytes.subarray(PAYLOAD_BYTES), this.#mac(payload))) return 'forged';
    const hex = payload.subarray(0, 16).toString('hex');
    const notificationId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    const expiresAt = new Date(payload.readUIntBE(16, 6) * 1000);
    if (expiresAt.getTime() <= now.getTime()) return 'expired';
    return { notificationId, expiresAt };
  }

  #mac(payload: Buffer): Buffer {
    return createHmac('sha256', this.#key).update(payload).digest().subarray(0, MAC_BYTES);
  }
}

const PAYLOAD_BYTES = 22;
const MAC_BYTES = 16;
