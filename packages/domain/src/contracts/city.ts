import { Type, type Static } from 'typebox';
import { CategorySchema, LanguageSchema } from './enums.ts';
import { CoordinatesSchema } from './location.ts';
import { MessageLanguagesSchema } from './message.ts';

const categories = (description: string) =>
  Type.Array(CategorySchema, { minItems: 1, uniqueItems: true, description });

/** The city a Vaka installation serves, as the console gets it: read from its file at start. */
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
    categories: categories(
      'The categories the city uses, in the order the console offers them; reports and changes in any other are refused',
    ),
    messageLanguages: Type.Object(MessageLanguagesSchema.properties, {
      additionalProperties: false,
      description:
        'The languages public messages must have (required) and should have (expected); by default the first of `languages` required and the others expected',
    }),
    mapStyleUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        description:
          'MapLibre style for the console map; without it the map has a plain background',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CitySettings = Static<typeof CitySettingsSchema>;

/**
 * The city's configuration file: the settings the console gets, with `categories` optional (all
 * of them when absent) and the server-side `districts` file, which the console never sees.
 */
export const CityFileSchema = Type.Object(
  {
    ...CitySettingsSchema.properties,
    categories: Type.Optional(
      categories('A subset of the built-in categories, in the order the console offers them'),
    ),
    messageLanguages: Type.Optional(CitySettingsSchema.properties.messageLanguages),
    districts: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'GeoJSON file of the districts (WGS 84), relative to the city file',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CityFile = Static<typeof CityFileSchema>;
