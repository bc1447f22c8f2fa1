import formBody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ACKNOWLEDGEMENT_ACTIONS, type AcknowledgementAction, type Language } from '@vaka/domain';
import { BadRequestError } from '../../errors.ts';
import { renderAckPage } from './ack-page.ts';
import type { LinkAnswer } from './service.ts';

const TokenParamsSchema = Type.Object({ token: Type.String({ minLength: 1, maxLength: 300 }) });

// Loose on purpose: a form from the page is checked here, so that a mistake is shown on the page
// in the person's language rather than as an API error.
const AnswerFormSchema = Type.Object(
  {
    action: Type.String({ maxLength: 20 }),
    reason: Type.Optional(Type.String({ maxLength: 1_000 })),
    unitId: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/**
 * The page a contact reached by SMS or e-mail answers on, without an account. GET only shows
 * (link previews in messaging apps fetch it); the answer is a POST of the page's form.
 */
export const ackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  // Only here: the rest of the API takes JSON alone.
  await app.register(formBody, { bodyLimit: 8 * 1024 });

  app.get(
    '/ack/:token',
    { schema: { hide: true, params: TokenParamsSchema } },
    async (request, reply) => {
      const view = await app.escalations.viewLink(request.params.token, app.clock());
      return send(reply, view, request.params.token);
    },
  );

  app.post(
    '/ack/:token',
    { schema: { hide: true, params: TokenParamsSchema, body: AnswerFormSchema } },
    async (request, reply) => {
      const { token } = request.params;
      const { action, reason, unitId } = request.body;
      const now = app.clock();
      if (!ACKNOWLEDGEMENT_ACTIONS.includes(action as AcknowledgementAction)) {
        return send(
          reply,
          await app.escalations.viewLink(token, now),
          token,
          'accept, decline or redirect',
        );
      }
      try {
        const answer = await app.escalations.respond(
          token,
          {
            action: action as AcknowledgementAction,
            ...(reason !== undefined && { reason }),
            ...(unitId !== undefined && unitId !== '' && { unitId }),
          },
          now,
        );
        return send(reply, answer, token);
      } catch (error) {
        if (!(error instanceof BadRequestError)) throw error;
        return send(reply, await app.escalations.viewLink(token, now), token, error.message);
      }
    },
  );

  function send(reply: FastifyReply, answer: LinkAnswer, token: string, error?: string) {
    const language: Language =
      'notification' in answer ? answer.notification.language : (app.city.languages[0] ?? 'en');
    const page = renderAckPage(answer, {
      language,
      token,
      timeZone: app.city.timeZone,
      ...(error !== undefined && { error }),
    });
    return reply
      .code(page.status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(page.html);
  }
};
