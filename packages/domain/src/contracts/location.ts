import { Type, type Static } from 'typebox';

export const CoordinatesSchema = Type.Object(
  {
    lat: Type.Number({ minimum: -90, maximum: 90, description: 'WGS 84 latitude' }),
    lon: Type.Number({ minimum: -180, maximum: 180, description: 'WGS 84 longitude' }),
  },
  { additionalProperties: false },
);
export type Coordinates = Static<typeof CoordinatesSchema>;

/** A place: coordinates, an address, or both; at least one of them. */
export const LocationSchema = Type.Object(
  {
    coordinates: Type.Optional(CoordinatesSchema),
    address: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type Location = Static<typeof LocationSchema>;
