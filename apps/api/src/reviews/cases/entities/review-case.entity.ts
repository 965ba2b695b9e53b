import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ReviewSource } from '../../review-states';
import type { CaseStatus } from '../case-status';

/**
 * One company's request for review: a company's application (申报意向) for the measures it ticked, or a tenant a
 * park admin sent from a screening. Its measures are review items (`review_items.case_id`). `status` is a
 * projection of their decisions and of the company's updates, written in the same transaction.
 */
@Entity('review_cases')
export class ReviewCaseEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'source_type', type: 'varchar', length: 20 })
  sourceType: ReviewSource;

  /** The submission id, or the screening id. */
  @Column({ name: 'source_id', type: 'varchar', length: 36 })
  sourceId: string;

  /** The tenant row within a screening; '' for a submission. */
  @Column({ name: 'source_key', type: 'varchar', length: 100 })
  sourceKey: string;

  @Column({ type: 'varchar', length: 12 })
  status: CaseStatus;

  /** The profile version the case is at: 1, then one more per company update. */
  @Column({ type: 'integer' })
  version: number;

  @Column({ name: 'contact_name', type: 'varchar', length: 100, nullable: true })
  contactName: string | null;

  @Column({ name: 'contact_phone', type: 'varchar', length: 30, nullable: true })
  contactPhone: string | null;

  @Column({ name: 'contact_email', type: 'varchar', length: 200, nullable: true })
  contactEmail: string | null;

  @Column({ name: 'company_name', type: 'varchar', length: 200, nullable: true })
  companyName: string | null;

  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  city: string | null;

  @Column({ name: 'park_id', type: 'varchar', length: 100, nullable: true })
  parkId: string | null;

  /** The park admin who sent a screening tenant; null for a company's own application. */
  @Column({ name: 'created_by', type: 'varchar', length: 36, nullable: true })
  createdBy: string | null;

  /** ISO 8601 UTC. The queue is oldest first by this. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'updated_at', type: 'varchar', length: 30 })
  updatedAt: string;

  /** When the company last updated its profile: a needs-info decided before this waits for the caseworker again. */
  @Column({ name: 'returned_at', type: 'varchar', length: 30, nullable: true })
  returnedAt: string | null;
}
