import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '@vaka/domain';
import { withRole } from '../users/user-drafts.ts';

interface RoleCheckboxesProps {
  readonly legend: string;
  readonly roles: readonly Role[];
  /** Roles shown but not to be changed here, with the reason as a hint. */
  readonly locked?: readonly Role[];
  readonly lockedHint?: string;
  readonly hintId?: string;
  readonly onChange: (roles: Role[]) => void;
}

/** One checkbox per role, in a group named by its legend. */
export function RoleCheckboxes({
  legend,
  roles,
  locked = [],
  lockedHint,
  hintId,
  onChange,
}: RoleCheckboxesProps) {
  const { t } = useTranslation();
  return (
    <fieldset className="checkbox-group">
      <legend className="form-field__label">{legend}</legend>
      {ROLES.map((role) => (
        <label key={role} className="checkbox">
          <input
            type="checkbox"
            checked={roles.includes(role)}
            disabled={locked.includes(role)}
            aria-describedby={locked.includes(role) ? hintId : undefined}
            onChange={(event) => onChange(withRole(roles, role, event.target.checked))}
          />
          {t(`role.${role}`)}
        </label>
      ))}
      {lockedHint !== undefined && locked.length > 0 && (
        <p id={hintId} className="form-field__hint">
          {lockedHint}
        </p>
      )}
    </fieldset>
  );
}
