import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A company's saved profile with the match result it got, and the rule pack version that decided it. */
@Entity('submissions')
export class SubmissionEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** SHA-256 of the receipt token; the token itself is only ever shown to the company once. */
  @Column({ name: 'receipt_hash', type: 'varchar', length: 64 })
  receiptHash: string;

  /** The profile exactly as submitted (JSON text). */
  @Column({ type: 'text' })
  profile: string;

  /** The match result returned at the time (JSON text). */
  @Column({ type: 'text' })
  result: string;

  @Column({ name: 'rule_pack_version', type: 'varchar', length: 80 })
  rulePackVersion: string;

  @Column({ type: 'varchar', length: 2 })
  lang: string;

  @Column({ type: 'varchar', length: 40, nullable: true })
  city: string | null;

  @Column({ name: 'park_id', type: 'varchar', length: 100, nullable: true })
  parkId: string | null;

  /** ISO 8601 UTC; text so it reads the same on SQLite and PostgreSQL. */
  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
