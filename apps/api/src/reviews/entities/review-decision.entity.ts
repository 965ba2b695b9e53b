import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Decision, ReviewState } from '../review-states';

/**
 * One entry of the append-only audit trail. No route updates or deletes it, and database triggers
 * (migration CreateAccessAndReviews) refuse UPDATE and DELETE on both SQLite and PostgreSQL.
 */
@Entity('review_decisions')
export class ReviewDecisionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'review_item_id', type: 'varchar', length: 36 })
  reviewItemId: string;

  @Column({ type: 'varchar', length: 12 })
  decision: Decision;

  @Column({ type: 'text' })
  comment: string;

  /** The item's state just before this decision. */
  @Column({ name: 'previous_state', type: 'varchar', length: 12 })
  previousState: ReviewState;

  @Column({ name: 'decided_by', type: 'varchar', length: 36 })
  decidedBy: string;

  /** Copied so the trail still reads right whatever later happens to the user row. */
  @Column({ name: 'decided_by_name', type: 'varchar', length: 100 })
  decidedByName: string;

  /** ISO 8601 UTC. */
  @Column({ name: 'decided_at', type: 'varchar', length: 30 })
  decidedAt: string;

  /** For `paid`: the amount paid, 元. */
  @Column({
    type: 'decimal',
    precision: 17,
    scale: 2,
    nullable: true,
    transformer: { to: (v: number | null) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) },
  })
  amount: number | null;

  /** For `paid`: the day it was paid, YYYY-MM-DD. */
  @Column({ name: 'paid_on', type: 'varchar', length: 10, nullable: true })
  paidOn: string | null;

  /** 1, 2, 3… per review item; unique with the item, so two racing decisions cannot both be "the next". */
  @Column({ type: 'integer' })
  seq: number;
}
