import { Type, type Static } from 'typebox';

/** The district an incident lies in, by its id in the city's district file and its name. */
export const DistrictRefSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
});
export type DistrictRef = Static<typeof DistrictRefSchema>;

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const LinearRing = Type.Array(Position, { minItems: 4 });

export const DistrictGeometrySchema = Type.Union([
  Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(LinearRing) }),
  Type.Object({
    type: Type.Literal('MultiPolygon'),
    coordinates: Type.Array(Type.Array(LinearRing)),
  }),
]);
export type DistrictGeometry = Static<typeof DistrictGeometrySchema>;

/** One district as a GeoJSON feature: `properties.id` and `properties.name` name it. */
export const DistrictFeatureSchema = Type.Object({
  type: Type.Literal('Feature'),
  properties: Type.Object({
    id: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
  }),
  geometry: DistrictGeometrySchema,
});
export type DistrictFeature = Static<typeof DistrictFeatureSchema>;

/** The city's districts, as the GeoJSON file in its configuration holds them (WGS 84). */
export const DistrictCollectionSchema = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(DistrictFeatureSchema),
});
export type DistrictCollection = Static<typeof DistrictCollectionSchema>;
