import {
  findMessageVersions,
  listValidMessages,
  listWithdrawnValidMessages,
  type Database,
} from '@vaka/db';
import type { CitySettings, DistrictCollection, PublicMessage } from '@vaka/domain';
import { NotFoundError } from '../../errors.ts';
import { versionCap } from '../messages/service.ts';

/** What the public pages and feeds are drawn from. */
export interface PublicSetting {
  database: Database;
  city: CitySettings;
  districts: DistrictCollection;
  /** The address the public reaches Vaka at. */
  publicUrl: URL;
}

/** The messages the public sees at `now`: published, in force, never an exercise; newest first. */
export async function validPublicMessages(
  setting: PublicSetting,
  now: Date,
): Promise<PublicMessage[]> {
  return listValidMessages(setting.database.db, now, { exercises: false });
}

/**
 * Withdrawn messages whose cancellation the CAP feed still carries: until the time of validity
 * the withdrawn version had would have ended, so that a reader who saw it learns it is off.
 */
export async function recentlyWithdrawnMessages(
  setting: PublicSetting,
  now: Date,
): Promise<PublicMessage[]> {
  return listWithdrawnValidMessages(setting.database.db, now);
}

/**
 * A version's CAP document for the public: any version that went out (published, superseded,
 * expired, or withdrawn, when it is the Cancel), so that an update's `references` can be followed.
 * Refused (404) alike for an unknown message or version, one that never went out, and an
 * exercise, which the public never learns exists.
 */
export async function publicCap(
  setting: PublicSetting,
  messageId: string,
  versionNumber: number,
): Promise<string> {
  const versions = (await findMessageVersions(setting.database.db, messageId)).filter(
    (version) => !version.exercise,
  );
  const version = versions.find((candidate) => candidate.version === versionNumber);
  if (version?.publishedAt === undefined) {
    throw new NotFoundError(
      `There is no public message ${messageId} with a published version ${versionNumber}`,
    );
  }
  return versionCap(setting, versions, version);
}
