import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One screened tenant: key fields, counts and a status per measure; its full profile is in the screening's
 * profile blocks (`ScreeningProfileBlockEntity`), written in the same transaction. (screening_key, row_number) is
 * the key: a row cannot be stored twice. On SQLite the table is WITHOUT ROWID: the key is the table, no second
 * index beside it.
 */
@Entity('screening_tenants', { withoutRowid: true })
export class ScreeningTenantEntity {
  /** `ScreeningEntity.screeningKey`: a small integer instead of the 36-character id on every row. */
  @PrimaryColumn({ name: 'screening_key', type: 'integer' })
  screeningKey: number;

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

  /** Three measures per character (screening.measureIds order): `storage/packed-statuses.ts` reads and writes it. */
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
}
