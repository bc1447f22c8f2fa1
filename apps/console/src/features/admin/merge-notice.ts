import type { TFunction } from 'i18next';

/**
 * What an admin form adds to its "someone else changed it" notice after merging: that the fields
 * left alone took the other change, and which fields both changed (`labels`, as the form names
 * them), so the admin looks at those before saving over the other change.
 */
export function mergeNotice(t: TFunction, language: string, labels: readonly string[]): string {
  const merged = t('concurrentEdit.merged');
  if (labels.length === 0) return merged;
  const fields = new Intl.ListFormat(language, { type: 'conjunction' }).format(labels);
  return `${merged} ${t('concurrentEdit.bothChanged', { fields })}`;
}
