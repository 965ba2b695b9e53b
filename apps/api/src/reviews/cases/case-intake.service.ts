import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { MatchResult, MeasureResult } from '@app/engine';
import { EntityManager } from 'typeorm';
import { ReviewItemEntity } from '../entities/review-item.entity';
import { OutboxService } from '../outbox/outbox.service';
import type { ReviewSource } from '../review-states';
import { RuleSnapshotsService } from '../rule-snapshots.service';
import type { Contact } from './application';
import { CaseVersionEntity } from './entities/case-version.entity';
import { ReviewCaseEntity } from './entities/review-case.entity';

export interface CaseSource {
  type: ReviewSource;
  sourceId: string;
  /** The tenant row of a screening; omit for a submission. */
  sourceKey?: string;
  companyName: string | null;
  creditCode: string | null;
  city: string | null;
  parkId: string | null;
  contact: Contact | null;
  createdBy: string | null;
  /** The profile as given, and the match it got. */
  profile: unknown;
  result: MatchResult;
}

/**
 * Opens review cases: one per company application or per tenant a park admin sends, holding only the chosen
 * measures. Runs inside the caller's transaction, so the case, its measures, its first profile version and its
 * "opened" notification are stored together with the submission, or not at all.
 */
@Injectable()
export class CaseIntakeService {
  constructor(
    private readonly snapshots: RuleSnapshotsService,
    private readonly outbox: OutboxService,
  ) {}

  async open(m: EntityManager, source: CaseSource, measureIds: string[]): Promise<ReviewCaseEntity> {
    const now = new Date().toISOString();
    const chosen = measureIds.map((id) => source.result.results.find((r) => r.measureId === id)!);
    const c = Object.assign(new ReviewCaseEntity(), {
      id: randomUUID(),
      sourceType: source.type,
      sourceId: source.sourceId,
      sourceKey: source.sourceKey ?? '',
      status: 'pending',
      version: 1,
      contactName: source.contact?.name ?? null,
      contactPhone: source.contact?.phone ?? null,
      contactEmail: source.contact?.email ?? null,
      companyName: source.companyName?.slice(0, 200) ?? null,
      creditCode: source.creditCode,
      city: source.city,
      parkId: source.parkId,
      createdBy: source.createdBy,
      createdAt: now,
      updatedAt: now,
      returnedAt: null,
    } satisfies ReviewCaseEntity);
    await m.insert(ReviewCaseEntity, c);
    await this.snapshots.ensure(
      m,
      chosen.map((r) => r.measureVersion),
    );
    await m.insert(
      ReviewItemEntity,
      chosen.map((r) => toItem(c, source.result.rulePackVersion, r)),
    );
    await m.insert(CaseVersionEntity, versionOf(c.id, 1, source.profile, source.result, chosen, now));
    await this.outbox.record(m, c, { key: `opened:${c.id}`, event: 'opened', status: 'pending' });
    return c;
  }

  /**
   * The company's updated profile: a new version of the case with the new results of its measures. A case
   * waiting for the company (or for the caseworker) goes back to the queue; a decided case only records it.
   */
  async addVersion(m: EntityManager, c: ReviewCaseEntity, profile: unknown, result: MatchResult): Promise<void> {
    const now = new Date().toISOString();
    const items = await m.find(ReviewItemEntity, { where: { caseId: c.id } });
    const chosen = items
      .map((i) => result.results.find((r) => r.measureId === i.measureId))
      .filter((r): r is MeasureResult => !!r);
    const version = c.version + 1;
    await m.insert(CaseVersionEntity, versionOf(c.id, version, profile, result, chosen, now));
    const reopen = c.status !== 'decided';
    const changes: Partial<ReviewCaseEntity> = { version, updatedAt: now };
    if (reopen) Object.assign(changes, { status: 'pending', returnedAt: now });
    await m.update(ReviewCaseEntity, { id: c.id }, changes);
    Object.assign(c, changes);
    if (reopen)
      await this.outbox.record(m, c, { key: `returned:${c.id}:${version}`, event: 'returned', status: 'pending' });
  }
}

function versionOf(
  caseId: string,
  version: number,
  profile: unknown,
  result: MatchResult,
  chosen: MeasureResult[],
  createdAt: string,
): CaseVersionEntity {
  return {
    caseId,
    version,
    profile: JSON.stringify(profile),
    results: JSON.stringify(chosen),
    rulePackVersion: result.rulePackVersion,
    createdAt,
  };
}

function toItem(c: ReviewCaseEntity, rulePackVersion: string, r: MeasureResult): ReviewItemEntity {
  return Object.assign(new ReviewItemEntity(), {
    id: randomUUID(),
    caseId: c.id,
    sourceType: c.sourceType,
    sourceId: c.sourceId,
    sourceKey: c.sourceKey,
    measureId: r.measureId,
    measureVersion: r.measureVersion,
    rulePackVersion,
    matchStatus: r.status === 'needs_info' ? 'needs_info' : 'eligible',
    state: 'pending',
    decisionCount: 0,
    city: c.city,
    parkId: c.parkId,
    companyName: c.companyName,
    creditCode: c.creditCode,
    createdAt: c.createdAt,
    decidedAt: null,
  } satisfies ReviewItemEntity);
}
