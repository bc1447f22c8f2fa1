import { Type, type Static } from 'typebox';

const dateTime = (description: string) => Type.String({ format: 'date-time', description });

/**
 * How a configured CAP feed stands: not asked yet (Vaka started, its first poll is still to
 * come), working (its last poll went well) or failing (its last poll did not: the feed did not
 * answer, answered with an error, or an alert it lists could not be taken).
 */
export const CapFeedHealth = {
  notAskedYet: 'not_asked_yet',
  working: 'working',
  failing: 'failing',
} as const;
export type CapFeedHealth = (typeof CapFeedHealth)[keyof typeof CapFeedHealth];
export const CAP_FEED_HEALTHS = Object.values(CapFeedHealth);

/** A feed failing for more than this many of its intervals is a warning, not just a hiccup. */
export const CAP_FEED_WARNING_INTERVALS = 2;

/** Alerts a feed brought: stored as new reports, and delivered again (Vaka had them already). */
export const CapFeedAlertCountsSchema = Type.Object({
  new: Type.Integer({ minimum: 0 }),
  repeated: Type.Integer({ minimum: 0 }),
});
export type CapFeedAlertCounts = Static<typeof CapFeedAlertCountsSchema>;

/** One configured CAP feed as the duty officer checks it. */
export const CapFeedSchema = Type.Object({
  name: Type.String({ description: 'As configured; its alerts are from feed:<name>' }),
  url: Type.String({ format: 'uri' }),
  everyMinutes: Type.Integer({ minimum: 1, description: 'How often the feed is asked' }),
  health: Type.Enum(CAP_FEED_HEALTHS),
  warning: Type.Boolean({
    description: `Failing for more than ${CAP_FEED_WARNING_INTERVALS} of its intervals`,
  }),
  lastAskedAt: Type.Optional(dateTime('When Vaka last asked the feed')),
  lastSucceededAt: Type.Optional(
    dateTime('When the feed last answered and every alert it lists was taken'),
  ),
  failingSince: Type.Optional(dateTime('The first failed poll since the last good one')),
  lastError: Type.Optional(Type.String({ description: 'Why the last poll failed' })),
  nextAskAt: Type.Optional(dateTime('When the feed is asked next; absent before it is set up')),
  lastNewAlertAt: Type.Optional(dateTime('When the feed last brought an alert Vaka did not have')),
  lastPoll: CapFeedAlertCountsSchema,
  total: CapFeedAlertCountsSchema,
});
export type CapFeed = Static<typeof CapFeedSchema>;

/** The configured CAP feeds, in the order they are configured. */
export const CapFeedListSchema = Type.Object({ feeds: Type.Array(CapFeedSchema) });
export type CapFeedList = Static<typeof CapFeedListSchema>;
