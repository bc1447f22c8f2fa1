import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { JournalKind, SecuritySettingsSchema } from '@vaka/domain';
import { readSecuritySettings, writeSecuritySettings } from '@vaka/db';
import { signedIn } from '../../plugins/auth.ts';
import { journaled } from '../auth/journaled.ts';

/** Settings for everyone's security, for admins. */
export const securityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/api/v1/security/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'The security settings',
        response: { 200: SecuritySettingsSchema },
      },
    },
    async () => readSecuritySettings(app.database.db),
  );

  app.put(
    '/api/v1/security/settings',
    {
      schema: {
        tags: ['admin'],
        summary: 'Change the security settings, e.g. which roles need an authentication code',
        body: SecuritySettingsSchema,
        response: { 200: SecuritySettingsSchema },
      },
    },
    async (request) => {
      const admin = signedIn(request).account;
      const settings = request.body;
      const { result } = await journaled(app, async (tx) => {
        const previous = await readSecuritySettings(tx);
        await writeSecuritySettings(tx, settings);
        return {
          entries: [
            {
              kind: JournalKind.securitySettingsChanged,
              actor: admin.username,
              data: { settings, previous },
            },
          ],
          result: settings,
        };
      });
      return result;
    },
  );
};
