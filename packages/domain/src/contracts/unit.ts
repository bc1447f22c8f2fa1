import { Type, type Static } from 'typebox';
import { CategorySchema, LanguageSchema } from './enums.ts';

/**
 * The channel by which a contact prefers to be reached: an SMS, an e-mail, or Vaka's own console,
 * for a contact who has an account (a desk of the city's own that works in Vaka).
 */
export const ContactChannel = { sms: 'sms', email: 'email', console: 'console' } as const;
export type ContactChannel = (typeof ContactChannel)[keyof typeof ContactChannel];
export const CONTACT_CHANNELS = Object.values(ContactChannel);
export const ContactChannelSchema = Type.Enum(CONTACT_CHANNELS);

const uuid = () => Type.String({ format: 'uuid' });
const dateTime = (description?: string) =>
  Type.String({ format: 'date-time', ...(description !== undefined && { description }) });

/**
 * What a contact is: a person or a desk of a unit. Besides the schema, the service requires a
 * phone number, an e-mail address or an account, and the one of the preferred channel.
 */
const contactFields = {
  name: Type.String({ minLength: 1, maxLength: 200, description: 'A person or a desk' }),
  phone: Type.Optional(
    Type.String({
      minLength: 5,
      maxLength: 50,
      pattern: '^\\+?[0-9][0-9 ()-]*$',
      description: 'For SMS, best with the country code, e.g. +46 70 555 01 23',
    }),
  ),
  email: Type.Optional(Type.String({ maxLength: 254, format: 'email' })),
  username: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 100,
      description:
        "A Vaka account, for reaching the contact in the console; the account's username",
    }),
  ),
  preferredChannel: ContactChannelSchema,
  language: LanguageSchema,
};

/** Someone a unit can be reached through; its id stays the same for as long as it exists. */
export const ContactSchema = Type.Object({ id: uuid(), ...contactFields });
export type Contact = Static<typeof ContactSchema>;

/** A contact as an admin enters it; with `id` (on a change) an existing contact of the unit. */
export const ContactInputSchema = Type.Object(
  {
    id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'An existing contact of the unit, which keeps its id; absent for a new one',
      }),
    ),
    ...contactFields,
  },
  { additionalProperties: false },
);
export type ContactInput = Static<typeof ContactInputSchema>;

const unitFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Type.Optional(Type.String({ maxLength: 2_000 })),
  categories: Type.Array(CategorySchema, {
    uniqueItems: true,
    description: 'The categories of incident the unit answers for',
  }),
  districtIds: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), {
    uniqueItems: true,
    description: "Ids from the city's districts file; none for the whole city",
  }),
  timeZone: Type.String({
    minLength: 1,
    maxLength: 100,
    description: 'IANA time zone its schedules run in, e.g. Europe/Stockholm',
  }),
};

/** An organisation or part of one that can be made responsible for an incident. */
export const UnitSchema = Type.Object({
  id: uuid(),
  ...unitFields,
  contacts: Type.Array(ContactSchema, { description: 'In the order the admin gave them' }),
  createdAt: dateTime(),
  updatedAt: dateTime(),
  archivedAt: Type.Optional(
    dateTime('Set when the unit was archived: it stays known to the journal, but is not offered'),
  ),
});
export type Unit = Static<typeof UnitSchema>;

const contactInputs = Type.Array(ContactInputSchema, { maxItems: 100 });

/** A new unit with its contacts. */
export const CreateUnitSchema = Type.Object(
  {
    ...unitFields,
    categories: Type.Optional(unitFields.categories),
    districtIds: Type.Optional(unitFields.districtIds),
    contacts: Type.Optional(contactInputs),
  },
  { additionalProperties: false },
);
export type CreateUnit = Static<typeof CreateUnitSchema>;

/** The fields of a unit an admin may change. */
export const UnitFieldsSchema = Type.Object(
  {
    name: Type.Optional(unitFields.name),
    description: Type.Optional(
      Type.String({ maxLength: 2_000, description: 'An empty text removes the description' }),
    ),
    categories: Type.Optional(unitFields.categories),
    districtIds: Type.Optional(unitFields.districtIds),
    timeZone: Type.Optional(unitFields.timeZone),
    contacts: Type.Optional(
      Type.Array(ContactInputSchema, {
        maxItems: 100,
        description:
          'The whole new list: a contact with the id of an existing one changes it, one without an id is added, and one left out is removed',
      }),
    ),
  },
  { additionalProperties: false },
);
export type UnitFields = Static<typeof UnitFieldsSchema>;

/** A change of a unit, at least one field; `expectedUpdatedAt` guards against a stale view. */
export const UpdateUnitSchema = Type.Object(
  {
    changes: Type.Object(UnitFieldsSchema.properties, {
      additionalProperties: false,
      minProperties: 1,
    }),
    expectedUpdatedAt: Type.String({
      format: 'date-time',
      description:
        'The updatedAt the console showed; a different one means someone else changed it',
    }),
  },
  { additionalProperties: false },
);
export type UpdateUnit = Static<typeof UpdateUnitSchema>;

/** Which units a list holds. */
export const UnitQuerySchema = Type.Object(
  {
    archived: Type.Optional(
      Type.Enum(['true', 'false'], { description: 'true to include archived units' }),
    ),
  },
  { additionalProperties: false },
);
export type UnitQuery = Static<typeof UnitQuerySchema>;

/** Units by name. */
export const UnitListSchema = Type.Object({ units: Type.Array(UnitSchema) });
export type UnitList = Static<typeof UnitListSchema>;
