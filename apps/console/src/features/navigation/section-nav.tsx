import { useTranslation } from 'react-i18next';
import { Section, sectionHref } from './sections.ts';

const LABEL_KEYS = {
  [Section.incidents]: 'nav.incidents',
  [Section.picture]: 'picture.nav',
  [Section.units]: 'nav.units',
  [Section.messages]: 'messages.nav',
  [Section.plannedEvents]: 'plannedEvents.nav',
  [Section.situationReports]: 'situationReports.nav',
  [Section.handover]: 'handover.nav',
  [Section.users]: 'nav.users',
  [Section.apiKeys]: 'nav.apiKeys',
  [Section.webhooks]: 'webhooks.nav',
  [Section.security]: 'nav.security',
} as const satisfies Record<Section, string>;

/** Links to the screens a person may open; shown only when there is more than one. */
export function SectionNav({
  sections,
  current,
}: {
  readonly sections: readonly Section[];
  readonly current: Section | null;
}) {
  const { t } = useTranslation();
  if (sections.length < 2) return null;
  return (
    <nav className="section-nav" aria-label={t('nav.label')}>
      <ul className="section-nav__list">
        {sections.map((section) => (
          <li key={section}>
            <a
              className="section-nav__link"
              href={sectionHref(section)}
              aria-current={section === current ? 'page' : undefined}
            >
              {t(LABEL_KEYS[section])}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
