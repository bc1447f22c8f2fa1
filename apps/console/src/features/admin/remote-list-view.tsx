import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { failureText } from '../../lib/failure-text.ts';
import type { RemoteList } from './use-remote-list.ts';

interface RemoteListViewProps<T> {
  readonly list: RemoteList<T>;
  readonly loadingText: string;
  readonly emptyText: string;
  readonly onRetry: () => void;
  /** Draws the loaded items; called only when there is at least one. */
  readonly children: (items: readonly T[]) => ReactNode;
}

/** A list from the server while it loads, when it failed (with a retry), empty, or loaded. */
export function RemoteListView<T>({
  list,
  loadingText,
  emptyText,
  onRetry,
  children,
}: RemoteListViewProps<T>) {
  const { t } = useTranslation();
  if (list.status === 'loading') return <p className="admin-list__placeholder">{loadingText}</p>;
  if (list.status === 'failed') {
    return (
      <div className="admin-list__placeholder">
        <p className="form-alert" role="alert">
          {failureText(list.failure, t)}
        </p>
        <button type="button" className="button button--quiet" onClick={onRetry}>
          {t('errors.retry')}
        </button>
      </div>
    );
  }
  if (list.items.length === 0) return <p className="admin-list__placeholder">{emptyText}</p>;
  return <div className="admin-list__scroll">{children(list.items)}</div>;
}
