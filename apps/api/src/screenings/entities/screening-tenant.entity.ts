import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One screened tenant: key fields, counts, a status per measure, and the profile as read from its row, so a
 * caseworker can review the match later. (screening_id, row_number) is the key: a row cannot be stored twice.
 */
@Entity('screening_tenants')
export class ScreeningTenantEntity {
  @PrimaryColumn({ name: 'screening_id', type: 'varchar', length: 36 })
  screeningId: string;

  @PrimaryColumn({ name: 'row_number', type: 'integer' })
  rowNumber: number;

  @Column({ name: 'credit_code', type: 'varchar', length: 18, nullable: true })
  creditCode: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  name: string | null;

  @Column({ name: 'park_id', type: 'varchar', length: 100, nullable: true })
  parkId: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  city: string | null;

  /** One digit per measure (screening.measureIds order): 0 ineligible, 1 eligible, 2 needs info, 3 near miss. */
  @Column({ type: 'text' })
  statuses: string;

  /* The counts are CONTRACT §2's summary for this tenant: in-force entitlements and applications only. */

  @Column({ type: 'integer' })
  eligible: number;

  @Column({ name: 'needs_info', type: 'integer' })
  needsInfo: number;

  @Column({ type: 'integer' })
  ineligible: number;

  @Column({ name: 'near_miss', type: 'integer' })
  nearMiss: number;

  /** In-force benchmarks the tenant meets. */
  @Column({ name: 'benchmarks_met', type: 'integer', default: 0 })
  benchmarksMet: number;

  /** Total of the estimates of its eligible in-force measures, 元 a year (0 when no input is known). */
  @Column({ name: 'estimated_value', type: 'double precision', default: 0 })
  estimatedValue: number;

  /** Warnings in words (e.g. credit code check character), or null. */
  @Column({ type: 'text', nullable: true })
  warnings: string | null;

  /** The validated profile as JSON (unknown fields left out). */
  @Column({ type: 'text' })
  profile: string;
}
