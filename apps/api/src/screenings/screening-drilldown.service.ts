import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { MeasureColumn } from '@app/batch';
import type { EnterpriseProfile, Lang, MatchResult } from '@app/engine';
import { Repository } from 'typeorm';
import { RulePackService } from '../rule-pack/rule-pack.service';
import { ScreeningTenantEntity } from './entities/screening-tenant.entity';
import type { ScreeningEntity } from './entities/screening.entity';
import { screeningAsOf } from './screening-as-of';
import { ScreeningExportService, tenantSummaryJson, TenantSummaryJson } from './screening-export.service';
import { ScreeningItemNotFoundError } from './screening.errors';
import { statusFilter } from './storage/packed-statuses';
import { ScreeningProfiles } from './storage/screening-profiles';

/** The statuses a measure's tenant list can be cut by, and the code each is stored as (packed-statuses.ts). */
export const TENANT_STATUSES = ['eligible', 'needs_info', 'near_miss', 'ineligible'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];
const STATUS_CODE: Record<TenantStatus, number> = { ineligible: 0, eligible: 1, needs_info: 2, near_miss: 3 };

/** `GET /api/screenings/:id/tenants/:row`: one tenant's full result, explained again from its stored profile. */
export interface TenantExplanation {
  screeningId: string;
  rowNumber: number;
  creditCode: string | null;
  name: string | null;
  /** Warnings in words recorded when the row was read (e.g. the credit code's check character), or null. */
  warnings: string | null;
  /** The profile as read from the tenant's row (amounts in 元). */
  profile: EnterpriseProfile;
  /** The rule pack the screening ran under; `result.rulePackVersion` differs when the pack has changed since. */
  screeningRulePackVersion: string;
  /** CONTRACT §2 match result of the stored profile, judged at the screening's asOf. */
  result: MatchResult;
}

/** `GET /api/screenings/:id/measures/:measureId/tenants`: one page of the tenants with that status for the measure. */
export interface MeasureTenantPage {
  id: string;
  measure: MeasureColumn;
  status: TenantStatus;
  /** Tenants with that status for the measure. */
  total: number;
  offset: number;
  limit: number;
  /** Largest `estimatedValue` first (the tenant's total over its eligible in-force measures), then by row number. */
  tenants: TenantSummaryJson[];
}

/**
 * The drill-downs of the screening page: from a tenant to its explanation, from a measure to its tenants. The
 * explanation is computed again from the stored profile at the screening's asOf, so it carries the citations,
 * conditions and estimates a screening does not store.
 */
@Injectable()
export class ScreeningDrilldownService {
  constructor(
    @InjectRepository(ScreeningTenantEntity) private readonly tenants: Repository<ScreeningTenantEntity>,
    private readonly exports: ScreeningExportService,
    private readonly rules: RulePackService,
  ) {}

  async explainTenant(s: ScreeningEntity, rowNumber: number, lang: Lang): Promise<TenantExplanation> {
    const row = await this.tenants.findOneBy({ screeningKey: s.screeningKey, rowNumber });
    if (!row) throw new ScreeningItemNotFoundError('tenant', String(rowNumber));
    const profile: EnterpriseProfile = await new ScreeningProfiles(this.tenants.manager, s.screeningKey).profile(row);
    return {
      screeningId: s.id,
      rowNumber,
      creditCode: row.creditCode,
      name: row.name,
      warnings: row.warnings,
      profile,
      screeningRulePackVersion: s.rulePackVersion,
      result: this.rules.match(profile, lang, screeningAsOf(s)),
    };
  }

  async measureTenants(
    s: ScreeningEntity,
    measureId: string,
    q: { status: TenantStatus; offset: number; limit: number },
    lang: Lang,
  ): Promise<MeasureTenantPage> {
    const measures = this.exports.measures(s, lang);
    const index = measures.findIndex((m) => m.id === measureId);
    if (index < 0) throw new ScreeningItemNotFoundError('measure', measureId);
    // Three measures per character: the 16 characters holding this status at this measure. SUBSTR … IN works
    // alike on SQLite and PostgreSQL.
    const { position, chars } = statusFilter(index, STATUS_CODE[q.status]);
    const [rows, total] = await this.tenants
      .createQueryBuilder('t')
      .where('t.screening_key = :key', { key: s.screeningKey })
      .andWhere(`SUBSTR(t.statuses, ${position}, 1) IN (:...chars)`, { chars })
      .orderBy('t.estimated_value', 'DESC')
      .addOrderBy('t.row_number', 'ASC')
      .offset(q.offset)
      .limit(q.limit)
      .getManyAndCount();
    return {
      id: s.id,
      measure: measures[index],
      status: q.status,
      total,
      offset: q.offset,
      limit: q.limit,
      tenants: rows.map(tenantSummaryJson),
    };
  }
}
