import { useTranslation } from 'react-i18next';
import type { MessageArea } from '@vaka/domain';
import { districtChoices, useDistricts } from '../districts/use-districts.ts';
import { cornersOf } from './area-polygon.ts';

/** A message's area as it reads: in words, its districts by name, and the drawn area's corners. */
export function AreaSummary({ area }: { readonly area: MessageArea }) {
  const { t, i18n } = useTranslation();
  const names = new Map(
    districtChoices(useDistricts(), i18n.language).map((district) => [district.id, district.name]),
  );
  const corners = cornersOf(area).length;
  return (
    <div className="message-area-summary" data-testid="message-area-summary">
      {area.description !== '' && <p>{area.description}</p>}
      {area.districtIds.length > 0 && (
        <p>
          {t('messages.area.summaryDistricts', {
            districts: area.districtIds.map((id) => names.get(id) ?? id).join(', '),
          })}
        </p>
      )}
      {corners > 0 && (
        <p data-testid="message-area-drawn">
          {t('messages.area.summaryDrawn', { count: corners })}
        </p>
      )}
    </div>
  );
}
