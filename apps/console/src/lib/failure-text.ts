import type { TFunction } from 'i18next';
import type { ApiFailure } from './api.ts';

/** What a screen says when a call to the server did not succeed. */
export function failureText(failure: ApiFailure, t: TFunction): string {
  switch (failure.outcome) {
    case 'rejected':
      if (failure.status === 429) return tooManyAttemptsText(failure.retryAfterSeconds, t);
      return t('errors.rejected', { message: failure.message });
    case 'server_error':
      return t('errors.serverError', { status: failure.status });
    case 'network_error':
      return t('errors.networkError');
    case 'signed_out':
      return t('errors.signedOut');
  }
}

/** How long to wait, in the unit a person would say it in: seconds under a minute, else minutes. */
export function waitInWords(seconds: number): { unit: 'seconds' | 'minutes'; count: number } {
  if (seconds < 60) return { unit: 'seconds', count: Math.max(1, Math.ceil(seconds)) };
  return { unit: 'minutes', count: Math.ceil(seconds / 60) };
}

/** "Too many attempts — try again in 5 minutes", or "later" when the server did not say. */
export function tooManyAttemptsText(retryAfterSeconds: number | null, t: TFunction): string {
  if (retryAfterSeconds === null) return t('auth.tooManyAttempts');
  const { unit, count } = waitInWords(retryAfterSeconds);
  return unit === 'seconds'
    ? t('auth.tooManyAttemptsSeconds', { count })
    : t('auth.tooManyAttemptsMinutes', { count });
}
