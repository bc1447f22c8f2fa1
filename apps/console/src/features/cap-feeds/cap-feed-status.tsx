import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapFeed } from '@vaka/domain';
import { formatExactTime, formatTimeWithDate } from '../../lib/time-format.ts';
import { useCityTimeZone } from '../city/use-city-time-zone.ts';
import { useNow } from '../incidents/use-now.ts';
import { FEED_SHAPES, feedLine, warningCount, type FeedShape } from './feed-text.ts';
import { useCapFeeds } from './use-cap-feeds.ts';
import './cap-feeds.css';

/**
 * The CAP feeds whose alerts come in as reports, one line each: working, failing since when and
 * why, or not asked yet, and when each last brought an alert. Shown only when feeds are
 * configured.
 */
export function CapFeedStatus() {
  const { t } = useTranslation();
  const headingId = useId();
  const feeds = useCapFeeds();
  if (feeds === null || feeds.length === 0) return null;
  const warnings = warningCount(feeds);

  return (
    <section
      className={warnings > 0 ? 'panel cap-feeds cap-feeds--warning' : 'panel cap-feeds'}
      aria-labelledby={headingId}
      data-testid="cap-feeds"
    >
      <h2 id={headingId} className="cap-feeds__heading">
        {t('capFeeds.heading')}
        {warnings > 0 && (
          <span className="cap-feeds__warnings" data-testid="cap-feeds-warnings">
            <span aria-hidden="true">{FEED_SHAPES.warning} </span>
            {t('capFeeds.warnings', { count: warnings })}
          </span>
        )}
      </h2>
      <ul className="cap-feeds__list">
        {feeds.map((feed) => (
          <FeedRow key={feed.url} feed={feed} />
        ))}
      </ul>
    </section>
  );
}

const SHAPE_CLASSES: Record<FeedShape, string> = {
  working: 'working',
  failing: 'failing',
  warning: 'warning',
  notAskedYet: 'not-asked-yet',
};

function FeedRow({ feed }: { readonly feed: CapFeed }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const timeZone = useCityTimeZone();
  const line = feedLine(feed, t, (at) => formatTimeWithDate(at, now, i18n.language, timeZone));
  const exact = (at: string | undefined) =>
    at === undefined ? t('capFeeds.never') : formatExactTime(new Date(at), i18n.language, timeZone);
  // The details a duty officer checks before trusting the feed, on hover and for screen readers.
  const details = [
    t('capFeeds.lastAsked', { time: exact(feed.lastAskedAt) }),
    t('capFeeds.lastSucceeded', { time: exact(feed.lastSucceededAt) }),
    t('capFeeds.nextAsk', { time: exact(feed.nextAskAt) }),
    t('capFeeds.alerts', {
      new: feed.lastPoll.new,
      repeated: feed.lastPoll.repeated,
      totalNew: feed.total.new,
      totalRepeated: feed.total.repeated,
    }),
  ].join('\n');

  return (
    <li
      className={`cap-feed cap-feed--${SHAPE_CLASSES[line.shape]}`}
      data-testid="cap-feed"
      data-feed-name={feed.name}
      data-health={feed.health}
      title={details}
    >
      <span className="cap-feed__line">
        <span className="cap-feed__shape" aria-hidden="true">
          {FEED_SHAPES[line.shape]}
        </span>
        <span className="cap-feed__name">{feed.name}</span>
        <span className="cap-feed__state" data-testid="cap-feed-state">
          {line.state}
        </span>
      </span>
      {line.warning !== null && (
        <span className="cap-feed__warning" data-testid="cap-feed-warning">
          {line.warning}
        </span>
      )}
      {line.error !== null && (
        <span className="cap-feed__error" data-testid="cap-feed-error">
          {line.error}
        </span>
      )}
      <span className="cap-feed__last-alert" data-testid="cap-feed-last-alert">
        {line.lastAlert}
      </span>
      <span className="visually-hidden">{details}</span>
    </li>
  );
}
