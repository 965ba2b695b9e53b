import { EnterpriseProfile, validateProfile } from '@app/engine';
import { Between, DataSource } from 'typeorm';
import type { ScreeningEntity } from '../screenings/entities/screening.entity';
import { allScreeningProfiles } from '../screenings/storage/screening-profiles';
import { SubmissionEntity } from '../submissions/submission.entity';

export interface PopulationMember {
  row: number;
  profile: EnterpriseProfile | null;
}

/**
 * A finished screening's tenants, in row order, with the validated profiles stored when it was screened (read a
 * few profile blocks at a time: bounded memory on a 100,000-tenant screening).
 */
export async function* screeningTenants(
  db: DataSource,
  screening: Pick<ScreeningEntity, 'screeningKey'>,
): AsyncGenerator<PopulationMember> {
  yield* allScreeningProfiles(db.manager, screening.screeningKey);
}

/**
 * The submissions saved between two dates (inclusive, UTC), in the order they came. A profile the validator no
 * longer accepts (rules of an older version) comes back as null: counted as rejected, never screened.
 */
export async function* submissionProfiles(db: DataSource, from: string, to: string): AsyncGenerator<PopulationMember> {
  const rows = await db.getRepository(SubmissionEntity).find({
    select: { id: true, profile: true, createdAt: true },
    where: { createdAt: Between(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`) },
    order: { createdAt: 'ASC' },
  });
  let row = 0;
  for (const s of rows) yield { row: ++row, profile: validateProfile(JSON.parse(s.profile), 'zh').profile ?? null };
}

export function countSubmissions(db: DataSource, from: string, to: string): Promise<number> {
  return db
    .getRepository(SubmissionEntity)
    .countBy({ createdAt: Between(`${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`) });
}
