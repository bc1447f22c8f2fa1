import { useTranslation } from 'react-i18next';
import type { MessageProblem } from '@vaka/domain';
import { problemText, sortedProblems } from './message-text.ts';

/** What stands between a message and approval, blocking problems first, in words. */
export function ProblemList({
  problems,
  id,
}: {
  readonly problems: readonly MessageProblem[];
  readonly id?: string;
}) {
  const { t } = useTranslation();
  return (
    <section className="message-problems" id={id} aria-label={t('messages.problems.heading')}>
      <h3 className="message-problems__title">{t('messages.problems.heading')}</h3>
      {problems.length === 0 ? (
        <p className="message-problems__none" data-testid="message-no-problems">
          {t('messages.problems.none')}
        </p>
      ) : (
        <ul className="message-problems__list" data-testid="message-problems">
          {sortedProblems(problems).map((problem, index) => (
            <li
              key={index}
              className={
                problem.blocking
                  ? 'message-problem message-problem--blocking'
                  : 'message-problem message-problem--notice'
              }
              data-blocking={problem.blocking}
            >
              <strong className="message-problem__kind">
                {problem.blocking ? t('messages.problems.blocking') : t('messages.problems.notice')}
              </strong>{' '}
              {problemText(problem, t)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
