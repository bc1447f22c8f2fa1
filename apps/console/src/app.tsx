import { useTranslation } from 'react-i18next';
import type { Session } from '@vaka/domain';
import { AppHeader } from './app-header.tsx';
import { useAppServices } from './app-services.ts';
import { ApiKeysScreen } from './features/api-keys/api-keys-screen.tsx';
import { accessOf } from './features/auth/access.ts';
import { AuthStatusPage } from './features/auth/auth-page.tsx';
import { ChangePasswordScreen } from './features/auth/change-password-screen.tsx';
import { EnrollSecondFactorScreen } from './features/auth/enroll-second-factor-screen.tsx';
import { SignInScreen } from './features/auth/sign-in-screen.tsx';
import { ConsoleRequests } from './features/escalations/console-requests.tsx';
import { EscalationAlarms } from './features/escalations/escalation-alarms.tsx';
import { HandoverScreen } from './features/handover/handover-screen.tsx';
import { IncidentsWorkspace } from './features/incidents/incidents-workspace.tsx';
import { MessagesScreen } from './features/messages/messages-screen.tsx';
import { Section, sectionFromHash, sectionsFor } from './features/navigation/sections.ts';
import { SituationPicture } from './features/picture/situation-picture.tsx';
import { useLocationHash } from './features/navigation/use-location-hash.ts';
import { PlannedEventsScreen } from './features/planned-events/planned-events-screen.tsx';
import { SecuritySettingsScreen } from './features/security/security-settings-screen.tsx';
import { SituationReportsScreen } from './features/situation-reports/situation-reports-screen.tsx';
import { UnitsScreen } from './features/units/units-screen.tsx';
import { UsersScreen } from './features/users/users-screen.tsx';
import { WebhooksScreen } from './features/webhooks/webhooks-screen.tsx';
import { useConsoleStore } from './stores/console-store.ts';

/** The console: the sign-in screen until someone is signed in, then what their roles open. */
export function App() {
  const { t } = useTranslation();
  const { auth: authService } = useAppServices();
  const auth = useConsoleStore((state) => state.auth);

  switch (auth.status) {
    case 'checking':
      return <AuthStatusPage message={t('auth.checking')} />;
    case 'unreachable':
      return (
        <AuthStatusPage message={t('auth.unreachable')}>
          <button
            type="button"
            className="button button--quiet"
            onClick={() => void authService.loadSession()}
          >
            {t('auth.retryNow')}
          </button>
        </AuthStatusPage>
      );
    case 'signed_out':
      return <SignInScreen notice={auth.notice} />;
    case 'signed_in':
      if (auth.session.mustChangePassword) return <ChangePasswordScreen />;
      if (auth.session.mustEnrollSecondFactor) return <EnrollSecondFactorScreen />;
      return <Workspace session={auth.session} />;
  }
}

/** The screens of a signed-in person, one at a time, chosen in the header. */
function Workspace({ session }: { readonly session: Session }) {
  const { t } = useTranslation();
  const hash = useLocationHash();
  const access = accessOf(session.user.roles);
  const sections = sectionsFor(access);
  const section = sectionFromHash(hash, sections);

  return (
    <div className="app">
      <AppHeader
        user={session.user}
        sections={sections}
        currentSection={section}
        showConnection={access.situation}
      />
      {/* On every screen: a duty officer on the Units screen must hear that nobody took a case. */}
      <EscalationAlarms />
      <ConsoleRequests />
      {section === Section.incidents && <IncidentsWorkspace access={access} />}
      {section === Section.picture && <SituationPicture />}
      {section === Section.units && (
        <main className="app__page">
          <UnitsScreen canManage={access.manageUnits} />
        </main>
      )}
      {section === Section.messages && (
        <main className="app__page">
          <MessagesScreen access={access} username={session.user.username} />
        </main>
      )}
      {section === Section.plannedEvents && (
        <main className="app__page">
          <PlannedEventsScreen canWrite={access.writePlannedEvents} />
        </main>
      )}
      {section === Section.situationReports && (
        <main className="app__page">
          <SituationReportsScreen access={access} username={session.user.username} />
        </main>
      )}
      {section === Section.handover && (
        <main className="app__page">
          <HandoverScreen
            reader={{ username: session.user.username, mayWrite: access.writeHandovers }}
          />
        </main>
      )}
      {section === Section.users && (
        <main className="app__page">
          <UsersScreen currentUserId={session.user.id} />
        </main>
      )}
      {section === Section.apiKeys && (
        <main className="app__page">
          <ApiKeysScreen />
        </main>
      )}
      {section === Section.webhooks && (
        <main className="app__page">
          <WebhooksScreen />
        </main>
      )}
      {section === Section.security && (
        <main className="app__page">
          <SecuritySettingsScreen />
        </main>
      )}
      {section === null && (
        <main className="app__page">
          <p className="panel app__no-access" data-testid="no-access">
            {t('account.noAccess')}
          </p>
        </main>
      )}
    </div>
  );
}
