import { STATUS_CODES } from 'node:http';
import fp from 'fastify-plugin';
import type { FastifyError, FastifySchemaValidationError } from 'fastify';
import type { ErrorResponse } from '@vaka/domain';

/**
 * Turns the first schema violation into a sentence that names the field, e.g.
 * `body/severity must be one of: minor, moderate, serious, critical`.
 */
export function describeValidationErrors(
  errors: FastifySchemaValidationError[],
  dataVar: string,
): Error {
  const [first] = errors;
  if (!first) return new Error(`${dataVar} is not valid`);
  const where = `${dataVar}${first.instancePath}`;
  const params = first.params as Record<string, unknown>;
  let sentence: string;
  if (first.keyword === 'additionalProperties') {
    sentence = `${where} has a field that is not allowed: '${String(params.additionalProperty)}'`;
  } else if (first.keyword === 'enum' && Array.isArray(params.allowedValues)) {
    sentence = `${where} must be one of: ${params.allowedValues.join(', ')}`;
  } else if (first.keyword === 'required') {
    sentence = `${where} is missing the required field '${String(params.missingProperty)}'`;
  } else {
    sentence = `${where} ${first.message ?? 'is not valid'}`;
  }
  return new Error(sentence);
}

/** One error shape everywhere; a client error says why, a server error never leaks internals. */
export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const statusCode =
        typeof error.statusCode === 'number' && error.statusCode >= 400 && error.statusCode < 600
          ? error.statusCode
          : 500;
      if (statusCode >= 500) {
        request.log.error({ err: error }, 'request failed');
        return reply.code(statusCode).send({
          statusCode,
          error: STATUS_CODES[statusCode] ?? 'Server Error',
          message: 'Something went wrong on our side and nothing was changed; please try again',
        } satisfies ErrorResponse);
      }
      const message =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? `Content-Type ${request.headers['content-type'] ?? '(none)'} is not accepted: send JSON with Content-Type: application/json`
          : error.message;
      return reply.code(statusCode).send({
        statusCode,
        error: STATUS_CODES[statusCode] ?? 'Client Error',
        message,
      } satisfies ErrorResponse);
    });

    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        statusCode: 404,
        error: 'Not Found',
        message: `There is no ${request.method} ${request.url.split('?')[0]}`,
      } satisfies ErrorResponse),
    );
  },
  { name: 'errors' },
);
