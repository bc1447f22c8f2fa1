import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  CitySettingsSchema,
  DistrictCollectionSchema,
  type CitySettings,
  type DistrictCollection,
} from '@vaka/domain';

/** The city's settings the console needs, and its districts for the map and the filters. */
export const cityRoutes: FastifyPluginAsyncTypebox<{
  city: CitySettings;
  districts: DistrictCollection;
}> = async (app, { city, districts }) => {
  app.get(
    '/api/v1/city',
    {
      schema: {
        tags: ['city'],
        summary: "The city's name, time zone, languages, categories and map style",
        response: { 200: CitySettingsSchema },
      },
    },
    async () => city,
  );

  app.get(
    '/api/v1/city/districts',
    {
      schema: {
        tags: ['city'],
        summary: "The city's districts as GeoJSON (WGS 84); none when it has no districts file",
        response: { 200: DistrictCollectionSchema },
      },
    },
    async () => districts,
  );
};
