import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { addFieldError, FieldErrors, MatchResult, validateProfile } from '@app/engine';
import { DataSource, In } from 'typeorm';
import { ScreeningPolicy } from '../../auth/policies/screening.policy';
import type { Principal } from '../../auth/principal';
import { InvalidInputError } from '../../common/errors';
import { inTransaction } from '../../database/transaction';
import { RulePackService } from '../../rule-pack/rule-pack.service';
import { ScreeningTenantEntity } from '../../screenings/entities/screening-tenant.entity';
import { ScreeningEntity } from '../../screenings/entities/screening.entity';
import { ScreeningNotDoneError, ScreeningNotFoundError } from '../../screenings/screening.errors';
import { ScreeningProfiles } from '../../screenings/storage/screening-profiles';
import { CaseIntakeService } from './case-intake.service';
import { ReviewCaseEntity } from './entities/review-case.entity';

/** `POST /api/screenings/:id/cases`: what was sent and what was not, row by row. */
export interface ScreeningCasesSent {
  created: { row: number; caseId: string; measureIds: string[] }[];
  skipped: { row: number; reason: 'already-sent' | 'nothing-to-claim'; caseId: string | null }[];
}

/**
 * A park admin sends chosen tenants of its own park's screening to review: one case per tenant holding its
 * eligible in-force entitlements and applications, matched again on the stored row at the screening's asOf.
 * Nothing of a screening reaches the queue any other way.
 */
@Injectable()
export class ScreeningCasesService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly rules: RulePackService,
    private readonly intake: CaseIntakeService,
  ) {}

  async send(user: Principal, screeningId: string, rows: number[]): Promise<ScreeningCasesSent> {
    const screening = await this.db.getRepository(ScreeningEntity).findOneBy({ id: screeningId });
    if (!screening || !ScreeningPolicy.canRead(user, screening)) throw new ScreeningNotFoundError();
    if (screening.status !== 'done') throw new ScreeningNotDoneError(screening.status);
    const tenants = await this.db
      .getRepository(ScreeningTenantEntity)
      .find({ where: { screeningKey: screening.screeningKey, rowNumber: In(rows) } });
    const byRow = new Map(tenants.map((t) => [t.rowNumber, t]));
    const missing: FieldErrors = {};
    rows.forEach((r, i) => {
      if (!byRow.has(r)) addFieldError(missing, `rows[${i}]`, `row ${r} holds no screened tenant (absent or rejected)`);
    });
    if (Object.keys(missing).length > 0) throw new InvalidInputError(missing);
    const profiles = await new ScreeningProfiles(this.db.manager, screening.screeningKey).profiles(tenants);
    const sent: ScreeningCasesSent = { created: [], skipped: [] };
    await inTransaction(this.db, async (m) => {
      const existing = await m.find(ReviewCaseEntity, {
        where: { sourceType: 'screening', sourceId: screeningId, sourceKey: In(rows.map(String)) },
      });
      for (const row of rows) {
        const already = existing.find((c) => c.sourceKey === String(row));
        if (already) {
          sent.skipped.push({ row, reason: 'already-sent', caseId: already.id });
          continue;
        }
        const t = byRow.get(row)!;
        const profile: unknown = profiles.get(row);
        const result = this.match(profile, screening.asOf);
        const measureIds = claimable(result);
        if (!result || measureIds.length === 0) {
          sent.skipped.push({ row, reason: 'nothing-to-claim', caseId: null });
          continue;
        }
        const c = await this.intake.open(
          m,
          {
            type: 'screening',
            sourceId: screeningId,
            sourceKey: String(row),
            companyName: t.name,
            creditCode: t.creditCode,
            city: t.city,
            parkId: screening.parkId ?? t.parkId,
            contact: null,
            createdBy: user.id,
            profile,
            result,
          },
          measureIds,
        );
        sent.created.push({ row, caseId: c.id, measureIds });
      }
    });
    return sent;
  }

  private match(profile: unknown, asOf: string | null): MatchResult | null {
    const checked = validateProfile(profile);
    return checked.profile ? this.rules.match(checked.profile, 'zh', asOf ?? undefined) : null;
  }
}

/** The tenant's eligible, in-force entitlements and applications. */
function claimable(result: MatchResult | null): string[] {
  if (!result) return [];
  return result.results
    .filter((r) => r.status === 'eligible' && r.inForce && (r.nature === 'entitlement' || r.nature === 'application'))
    .map((r) => r.measureId);
}
