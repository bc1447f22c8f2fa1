import type { Category, CitySettings } from '@vaka/domain';

/** A category outside the city's taxonomy: the city file leaves it out. */
export class CategoryNotInUseError extends Error {
  override name = 'CategoryNotInUseError';
  readonly statusCode = 400;
}

/** Refuses a category the city does not use, with a 400 that names the ones it does. */
export function assertCategoryInUse(city: CitySettings, category: Category): void {
  if (city.categories.includes(category)) return;
  throw new CategoryNotInUseError(
    `The category ${category} is not one ${city.name} uses; use one of: ${city.categories.join(', ')}`,
  );
}
