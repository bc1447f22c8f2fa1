import { Type, type Static } from 'typebox';
import { LanguageSchema } from './enums.ts';
import { CoordinatesSchema } from './location.ts';

/** The city a Vaka installation serves: read from its configuration file at start. */
export const CitySettingsSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Shown in the console header' }),
    timeZone: Type.String({ minLength: 1, description: 'IANA time zone, e.g. Europe/Stockholm' }),
    languages: Type.Array(LanguageSchema, {
      minItems: 1,
      uniqueItems: true,
      description: 'Languages of the city, the first being the default for the console',
    }),
    center: CoordinatesSchema,
  },
  { additionalProperties: false },
);
export type CitySettings = Static<typeof CitySettingsSchema>;
