import type { Category, CitySettings } from '@vaka/domain';
import { BadRequestError } from '../../errors.ts';

/** Refuses a category the city does not use, with a 400 that names the ones it does. */
export function assertCategoryInUse(city: CitySettings, category: Category): void {
  if (city.categories.includes(category)) return;
  throw new BadRequestError(
    `The category ${category} is not one ${city.name} uses; use one of: ${city.categories.join(', ')}`,
  );
}
