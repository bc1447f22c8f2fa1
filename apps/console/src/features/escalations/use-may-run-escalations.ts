import { Permission, permissionsOf } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';

/** Whether the person signed in may start escalations and act on them (the duty officer). */
export function useMayRunEscalations(): boolean {
  return useConsoleStore(
    (state) =>
      state.auth.status === 'signed_in' &&
      permissionsOf(state.auth.session.user.roles).has(Permission.escalationsRun),
  );
}
