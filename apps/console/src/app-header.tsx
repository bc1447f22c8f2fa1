import type { SessionUser } from '@vaka/domain';
import { accessOf } from './features/auth/access.ts';
import { UserMenu } from './features/auth/user-menu.tsx';
import { CityName } from './features/city/city-name.tsx';
import { ConnectionIndicator } from './features/connection/connection-indicator.tsx';
import { JournalExportMenu } from './features/export/export-journal.tsx';
import { OnDutyNow } from './features/handover/on-duty.tsx';
import { LanguageSwitcher } from './features/language/language-switcher.tsx';
import { SectionNav } from './features/navigation/section-nav.tsx';
import type { Section } from './features/navigation/sections.ts';

interface AppHeaderProps {
  readonly user: SessionUser;
  readonly sections: readonly Section[];
  readonly currentSection: Section | null;
  /** Whether this person follows the live situation, so the connection matters to them. */
  readonly showConnection: boolean;
}

/**
 * The top bar: the city and who is on duty, the screens, the live connection, the journal export
 * for those who may, the language and the person.
 */
export function AppHeader({ user, sections, currentSection, showConnection }: AppHeaderProps) {
  return (
    <header className="app-header">
      <div className="app-header__start">
        <CityName />
        {showConnection && <OnDutyNow />}
      </div>
      <div className="app-header__nav">
        <SectionNav sections={sections} current={currentSection} />
      </div>
      <div className="app-header__tools">
        {showConnection && <ConnectionIndicator />}
        {accessOf(user.roles).exportJournal && <JournalExportMenu />}
        <LanguageSwitcher />
        <UserMenu user={user} />
      </div>
    </header>
  );
}
