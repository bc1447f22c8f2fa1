import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CitySettingsSchema, type CitySettings } from '@vaka/domain';

/** The city's settings the console needs: its name, time zone and languages. */
export const cityRoutes: FastifyPluginAsyncTypebox<{ city: CitySettings }> = async (
  app,
  { city },
) => {
  app.get(
    '/api/v1/city',
    {
      schema: {
        tags: ['city'],
        summary: "The city's name, time zone and languages",
        response: { 200: CitySettingsSchema },
      },
    },
    async () => city,
  );
};
