import { AppHeader } from './app-header.tsx';
import { IncidentList } from './features/incidents/incident-list.tsx';
import { IntakeForm } from './features/intake/intake-form.tsx';
import type { ReportSender } from './features/intake/report-sender.ts';

/** The duty officer's console: incoming reports on the left, the live incident list beside it. */
export function App({ reportSender }: { readonly reportSender: ReportSender }) {
  return (
    <div className="app">
      <AppHeader />
      <main className="app__main">
        <IntakeForm sender={reportSender} />
        <IncidentList />
      </main>
    </div>
  );
}
