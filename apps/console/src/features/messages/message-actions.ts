import {
  approvable,
  approvalRefusal,
  MessageStatus,
  type MessageProblem,
  type PublicMessage,
} from '@vaka/domain';

/** A step the workbench offers on a message. */
export type WorkbenchAction =
  'edit' | 'submit' | 'return' | 'approve' | 'publish' | 'withdraw' | 'update';

/** Why an offered step cannot be taken now. */
export type ActionRefusal = 'own_message' | 'problems';

/** A step shown as a button: disabled, with why, when it cannot be taken. */
export interface OfferedAction {
  readonly action: WorkbenchAction;
  readonly refusal?: ActionRefusal;
}

/** What the signed-in person may do to messages. */
export interface MessagePowers {
  readonly mayWrite: boolean;
  readonly mayApprove: boolean;
  readonly username: string;
}

/**
 * The steps the workbench offers on a message's latest version, by its status and the person's
 * permissions. `published` is whether a version of it is out now (an update in the making keeps
 * the published one out, and withdrawing takes both back).
 */
export function offeredActions(
  latest: Pick<PublicMessage, 'status' | 'author'>,
  problems: readonly MessageProblem[],
  published: boolean,
  powers: MessagePowers,
): OfferedAction[] {
  const offered: OfferedAction[] = [];
  const write = (action: WorkbenchAction, refusal?: ActionRefusal): void => {
    if (powers.mayWrite) offered.push(refusal === undefined ? { action } : { action, refusal });
  };
  switch (latest.status) {
    case MessageStatus.draft:
      write('edit');
      write('submit', approvable(problems) ? undefined : 'problems');
      break;
    case MessageStatus.inReview:
      if (powers.mayApprove) {
        const refusal = approvalRefusal(latest, powers.username);
        offered.push(
          refusal === undefined ? { action: 'approve' } : { action: 'approve', refusal },
        );
      }
      write('return');
      break;
    case MessageStatus.approved:
      write('publish');
      write('return');
      break;
    case MessageStatus.published:
      write('update');
      break;
    default:
      break;
  }
  if (published) write('withdraw');
  return offered;
}
