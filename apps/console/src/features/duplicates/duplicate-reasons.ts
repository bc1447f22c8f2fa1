import type { TFunction } from 'i18next';
import type { DuplicateReason } from '@vaka/domain';

/** A distance as a person says it: metres under a kilometre, else kilometres to one decimal. */
export function formatDistance(meters: number, language: string): string {
  if (meters < 1_000) {
    return new Intl.NumberFormat(language, {
      style: 'unit',
      unit: 'meter',
      maximumFractionDigits: 0,
    }).format(Math.round(meters / 10) * 10);
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: 'kilometer',
    maximumFractionDigits: 1,
  }).format(meters / 1_000);
}

/** One reason in words, e.g. "350 m away" or "similar words: smoke, school". */
export function reasonText(reason: DuplicateReason, t: TFunction, language: string): string {
  switch (reason.kind) {
    case 'same_category':
      return t('duplicates.sameCategory');
    case 'related_category':
      return t('duplicates.relatedCategory', { category: t(`category.${reason.category}`) });
    case 'nearby':
      return t('duplicates.nearby', { distance: formatDistance(reason.distanceMeters, language) });
    case 'same_address':
      return t('duplicates.sameAddress');
    case 'same_district':
      return t('duplicates.sameDistrict', { district: reason.district });
    case 'close_in_time':
      return t('duplicates.closeInTime', { minutes: Math.round(reason.minutes) });
    case 'similar_words':
      return t('duplicates.similarWords', { words: reason.words.join(', ') });
  }
}
