import { Secret, TOTP } from 'otpauth';

const ISSUER = 'Vaka';
const PERIOD_SECONDS = 30;
/** Codes one step early or late are accepted too, for clocks that drift a little. */
const WINDOW_STEPS = 1;

function totpOf(secret: string, username: string): TOTP {
  return new TOTP({
    issuer: ISSUER,
    label: username,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secret),
  });
}

/** A new random secret (160 bits, base32) and the otpauth URI an authenticator app reads. */
export function newTotpSecret(username: string): { secret: string; otpauthUri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUri: totpOf(secret, username).toString() };
}

/**
 * The time step the code belongs to, when it is right for the secret at `now` (give or take one
 * step); null when it is not. The caller refuses a step that was already used.
 */
export function matchingTotpStep(secret: string, code: string, now: Date): number | null {
  const totp = totpOf(secret, '');
  const delta = totp.validate({ token: code, timestamp: now.getTime(), window: WINDOW_STEPS });
  if (delta === null) return null;
  return totp.counter({ timestamp: now.getTime() }) + delta;
}
