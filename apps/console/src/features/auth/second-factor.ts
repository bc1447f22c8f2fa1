/** How many digits an authentication code has (TotpCodeSchema). */
export const CODE_LENGTH = 6;

/**
 * The code as the server wants it: digits only. People copy codes with the space some apps show
 * in the middle ("123 456"), so spaces and dashes are dropped.
 */
export function normalizeCode(typed: string): string {
  return typed.replace(/[\s-]/g, '');
}

/** Whether the typed code can be sent: six digits once spaces are dropped. */
export function isCompleteCode(typed: string): boolean {
  return new RegExp(`^[0-9]{${CODE_LENGTH}}$`).test(normalizeCode(typed));
}

/** A base32 secret in groups of four, easier to type into an authenticator app by hand. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}
