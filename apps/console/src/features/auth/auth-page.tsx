import type { ReactNode } from 'react';
import { CityName } from '../city/city-name.tsx';
import { LanguageSwitcher } from '../language/language-switcher.tsx';
import './auth.css';

/** The frame of the screens before the console: the city, the language, and one panel. */
export function AuthPage({
  children,
  tools,
}: {
  readonly children: ReactNode;
  /** More controls beside the language switcher, e.g. signing out. */
  readonly tools?: ReactNode;
}) {
  return (
    <div className="auth-page">
      <header className="app-header">
        <CityName />
        <div className="app-header__tools">
          {tools}
          <LanguageSwitcher />
        </div>
      </header>
      <main className="auth-page__main">{children}</main>
    </div>
  );
}

/** A screen with nothing but a sentence, e.g. while the session is checked. */
export function AuthStatusPage({
  message,
  children,
}: {
  readonly message: string;
  readonly children?: ReactNode;
}) {
  return (
    <AuthPage>
      <section className="panel auth-panel">
        <p className="auth-panel__status" role="status" data-testid="auth-status">
          {message}
        </p>
        {children}
      </section>
    </AuthPage>
  );
}
