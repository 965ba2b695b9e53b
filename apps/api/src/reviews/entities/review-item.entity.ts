import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReviewableStatus, ReviewSource, ReviewState } from '../review-states';

/**
 * One match awaiting (or having had) a caseworker's review: a measure found eligible or needs_info for one
 * source. Written in the same transaction as the submission (or screening row) it comes from, so the queue
 * is one indexed table scan on either database, never a JSON search through stored results.
 * `state` is a projection of the append-only decisions, updated in the decision's transaction.
 */
@Entity('review_items')
export class ReviewItemEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'source_type', type: 'varchar', length: 20 })
  sourceType: ReviewSource;

  /** The case holding this measure (null only for an item the old queue left without one). */
  @Column({ name: 'case_id', type: 'varchar', length: 36, nullable: true })
  caseId: string | null;

  /** The submission id, or the screening id. */
  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  /** The tenant row within a screening; '' for a submission. */
  @Column({ name: 'source_key', type: 'varchar', length: 100 })
  sourceKey: string;

  @Column({ name: 'measure_id', type: 'varchar', length: 100 })
  measureId: string;

  /** The rule version that decided it: the key of its rule snapshot. */
  @Column({ name: 'measure_version', type: 'varchar', length: 40 })
  measureVersion: string;

  @Column({ name: 'rule_pack_version', type: 'varchar', length: 80 })
  rulePackVersion: string;

  @Column({ name: 'match_status', type: 'varchar', length: 12 })
  matchStatus: ReviewableStatus;

  @Column({ type: 'varchar', length: 12 })
  state: ReviewState;

  /** How many decisions were appended; also the optimistic-lock counter for appending the next one. */
  @Column({ name: 'decision_count', type: 'integer', default: 0 })
  decisionCount: number;

  @Column({ type: 'varchar', length: 40, nullable: true })
  city: string | null;

  @Column({ name: 'park_id', type: 'varchar', length: 100, nullable: true })
  parkId: string | null;

  @Column({ name: 'company_name', type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  /** ISO 8601 UTC: when the match was made. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'decided_at', type: 'varchar', length: 30, nullable: true })
  decidedAt: string | null;
}
