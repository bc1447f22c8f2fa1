import { Type, type Static } from 'typebox';

/** The body of every error answer: the HTTP status, its name and a sentence a person can act on. */
export const ErrorResponseSchema = Type.Object({
  statusCode: Type.Integer(),
  error: Type.String(),
  message: Type.String(),
});
export type ErrorResponse = Static<typeof ErrorResponseSchema>;
