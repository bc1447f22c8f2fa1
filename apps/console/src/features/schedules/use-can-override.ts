import { Permission, permissionsOf } from '@vaka/domain';
import { useConsoleStore } from '../../stores/console-store.ts';

/** Whether the person signed in may enter and take back overrides ("I take Friday night"). */
export function useCanOverride(): boolean {
  return useConsoleStore(
    (state) =>
      state.auth.status === 'signed_in' &&
      permissionsOf(state.auth.session.user.roles).has(Permission.schedulesOverride),
  );
}
