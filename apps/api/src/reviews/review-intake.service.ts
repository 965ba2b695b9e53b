import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { MatchStatus } from '@app/engine';
import { EntityManager } from 'typeorm';
import { ReviewItemEntity } from './entities/review-item.entity';
import { REVIEWABLE_STATUSES, ReviewableStatus } from './review-states';
import { RuleSnapshotsService } from './rule-snapshots.service';

/** The identifying fields a review item copies from its source, so the queue filters without reading JSON. */
export interface ReviewSourceFields {
  sourceId: string;
  /** The tenant row within a screening; omit for a submission. */
  sourceKey?: string;
  rulePackVersion: string;
  city?: string | null;
  parkId?: string | null;
  companyName?: string | null;
  creditCode?: string | null;
  createdAt: string;
}

export interface MeasureOutcome {
  measureId: string;
  measureVersion: string;
  status: MatchStatus;
}

/**
 * Rows per multi-row insert: 1,000 × 16 columns = 16,000 bound parameters, under SQLite's 32,766 (the bundled
 * SQLite is 3.44; the limit was 999 before 3.32) and PostgreSQL's 65,535. Screenings queue ~16 items a tenant,
 * so small chunks made review intake the slowest part of an API screening.
 */
const CHUNK = 1000;

/**
 * Turns stored matches into review items, inside the caller's transaction: a submission or screening row
 * and its review items are saved together or not at all.
 */
@Injectable()
export class ReviewIntakeService {
  constructor(private readonly snapshots: RuleSnapshotsService) {}

  async recordSubmission(manager: EntityManager, source: ReviewSourceFields, results: MeasureOutcome[]): Promise<void> {
    await this.record(manager, 'submission', [{ source, results }]);
  }

  /**
   * Many tenant rows of one screening at once (the screening writer calls this per batch of rows). A row's
   * measure already queued (a screening resumed or restarted) is left as it is: it may carry decisions.
   */
  async recordScreeningRows(
    manager: EntityManager,
    rows: { source: ReviewSourceFields; results: MeasureOutcome[] }[],
  ): Promise<void> {
    await this.record(manager, 'screening', rows);
  }

  /**
   * For a screening started over (e.g. under a new rule pack): drops its items nobody has decided on, so the
   * re-run queues fresh ones. Decided items stay, with their trail: an audit record is never deleted.
   */
  async discardUndecidedScreeningItems(manager: EntityManager, screeningId: string): Promise<void> {
    await manager.delete(ReviewItemEntity, { sourceType: 'screening', sourceId: screeningId, decisionCount: 0 });
  }

  private async record(
    manager: EntityManager,
    type: ReviewItemEntity['sourceType'],
    rows: { source: ReviewSourceFields; results: MeasureOutcome[] }[],
  ): Promise<void> {
    const items = rows.flatMap(({ source, results }) =>
      results.filter(isReviewable).map((r) => toItem(type, source, r)),
    );
    if (items.length === 0) return;
    await this.snapshots.ensure(
      manager,
      items.map((i) => i.measureVersion),
    );
    for (let i = 0; i < items.length; i += CHUNK) {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReviewItemEntity)
        .values(items.slice(i, i + CHUNK))
        .orIgnore()
        .updateEntity(false)
        .execute();
    }
  }
}

const isReviewable = (r: MeasureOutcome): r is MeasureOutcome & { status: ReviewableStatus } =>
  (REVIEWABLE_STATUSES as readonly string[]).includes(r.status);

function toItem(
  sourceType: ReviewItemEntity['sourceType'],
  s: ReviewSourceFields,
  r: MeasureOutcome & { status: ReviewableStatus },
): ReviewItemEntity {
  return Object.assign(new ReviewItemEntity(), {
    id: randomUUID(),
    sourceType,
    sourceId: s.sourceId,
    sourceKey: s.sourceKey ?? '',
    measureId: r.measureId,
    measureVersion: r.measureVersion,
    rulePackVersion: s.rulePackVersion,
    matchStatus: r.status,
    state: 'pending',
    decisionCount: 0,
    city: s.city ?? null,
    parkId: s.parkId ?? null,
    companyName: s.companyName?.slice(0, 200) ?? null,
    creditCode: s.creditCode ?? null,
    createdAt: s.createdAt,
    decidedAt: null,
  });
}
