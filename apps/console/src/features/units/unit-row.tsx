import { useTranslation } from 'react-i18next';
import { EditorRow, useRowEditor } from '../admin/row-editor.tsx';
import type { Unit } from '@vaka/domain';
import { UnitForm } from './unit-form.tsx';
import { unitHref } from './unit-hash.ts';

const COLUMNS = 6;

interface UnitRowProps {
  readonly unit: Unit;
  /** District names by id, for the districts column. */
  readonly districtNames: ReadonlyMap<string, string>;
  /** Whether this person may change units; otherwise the row only shows it. */
  readonly canManage: boolean;
  readonly onSaved: (unit: Unit) => void;
  readonly onReloaded: (unit: Unit) => void;
}

/** One unit in the list, opening for an admin into a form that changes it. */
export function UnitRow({ unit, districtNames, canManage, onSaved, onReloaded }: UnitRowProps) {
  const { t } = useTranslation();
  const editor = useRowEditor();
  const archived = unit.archivedAt !== undefined;

  return (
    <>
      <tr data-testid="unit-row" data-unit-name={unit.name} data-archived={archived}>
        <th scope="row">
          <a href={unitHref(unit.id)} className="unit-link" data-unit-link={unit.id}>
            {unit.name}
          </a>
          {archived && (
            <>
              {' '}
              <span className="state-tag state-tag--off">{t('units.archived')}</span>
            </>
          )}
          {unit.description !== undefined && (
            <div className="data-table__muted">{unit.description}</div>
          )}
        </th>
        <td>{unit.categories.map((category) => t(`category.${category}`)).join(', ') || '—'}</td>
        <td>
          {unit.districtIds.length === 0
            ? t('units.wholeCity')
            : unit.districtIds.map((id) => districtNames.get(id) ?? id).join(', ')}
        </td>
        <td className="units-page__time-zone">
          <code>{unit.timeZone}</code>
        </td>
        <td data-testid="unit-contact-count">{unit.contacts.length}</td>
        <td>
          {canManage && !archived && (
            <button
              {...editor.buttonProps}
              type="button"
              className="button button--quiet button--small"
              aria-label={t('units.editLabel', { name: unit.name })}
            >
              {t('units.edit')}
            </button>
          )}
        </td>
      </tr>
      <EditorRow editor={editor} columns={COLUMNS}>
        <UnitForm
          unit={unit}
          onCancel={editor.close}
          onReloaded={onReloaded}
          onSaved={(saved) => {
            onSaved(saved);
            editor.close();
          }}
        />
      </EditorRow>
    </>
  );
}
