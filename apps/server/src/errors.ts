/**
 * Refusals a service throws. The error handler (plugins/errors.ts) answers with the status and
 * the message, which says why and what the person can do instead.
 */

/** What was asked for does not exist: 404. */
export class NotFoundError extends Error {
  override name = 'NotFoundError';
  readonly statusCode = 404;
}

/** It cannot be done to the thing as it is now, e.g. changed by someone else meanwhile: 409. */
export class ConflictError extends Error {
  override name = 'ConflictError';
  readonly statusCode = 409;
}

/** It makes no sense whatever the state, e.g. a time range that ends before it begins: 400. */
export class BadRequestError extends Error {
  override name = 'BadRequestError';
  readonly statusCode = 400;
}

/** This person may not do it to this thing, whatever its state, e.g. approve their own text: 403. */
export class ForbiddenError extends Error {
  override name = 'ForbiddenError';
  readonly statusCode = 403;
}
