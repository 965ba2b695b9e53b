import { EnterpriseProfile, validateProfile } from '@app/engine';
import { Between, DataSource, MoreThan } from 'typeorm';
import { ScreeningTenantEntity } from '../screenings/entities/screening-tenant.entity';
import { SubmissionEntity } from '../submissions/submission.entity';

/** Rows read from the database at a time: bounded memory on a 100,000-tenant screening. */
const PAGE = 5000;

export interface PopulationMember {
  row: number;
  profile: EnterpriseProfile | null;
}

/** A finished screening's tenants, in row order, with the validated profiles stored when it was screened. */
export async function* screeningTenants(db: DataSource, screeningId: string): AsyncGenerator<PopulationMember> {
  const repo = db.getRepository(ScreeningTenantEntity);
  let after = 0;
  for (;;) {
    const page = await repo.find({
      select: { rowNumber: true, profile: true },
      where: { screeningId, rowNumber: MoreThan(after) },
      order: { rowNumber: 'ASC' },
      take: PAGE,
    });
    for (const t of page) yield { row: t.rowNumber, profile: JSON.parse(t.profile) as EnterpriseProfile };
    if (page.length < PAGE) return;
    after = page[page.length - 1].rowNumber;
  }
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
