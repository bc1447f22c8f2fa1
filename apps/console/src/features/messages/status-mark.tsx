import { useTranslation } from 'react-i18next';
import { MessageStatus } from '@vaka/domain';

/** A shape per status, so that it reads without colour. */
const SHAPES: Record<MessageStatus, string> = {
  [MessageStatus.draft]: '✎',
  [MessageStatus.inReview]: '◔',
  [MessageStatus.approved]: '✓',
  [MessageStatus.published]: '●',
  [MessageStatus.superseded]: '↻',
  [MessageStatus.withdrawn]: '✕',
  [MessageStatus.expired]: '◌',
};

/** A message's status in words, with its shape. */
export function StatusMark({ status }: { readonly status: MessageStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`message-status message-status--${status}`} data-testid="message-status">
      <span aria-hidden="true">{SHAPES[status]} </span>
      {t(`messages.status.${status}`)}
    </span>
  );
}
