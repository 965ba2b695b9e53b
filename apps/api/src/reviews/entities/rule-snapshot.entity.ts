import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A measure as it was, content-addressed by its measureVersion (a hash of the measure), so each version is
 * stored once however many matches it decided. Written at start-up for the pack being served (a pack version
 * never changes its content) and checked again whenever a match is stored.
 */
@Entity('rule_snapshots')
export class RuleSnapshotEntity {
  @PrimaryColumn({ name: 'measure_version', type: 'varchar', length: 40 })
  measureVersion: string;

  @Column({ name: 'measure_id', type: 'varchar', length: 100 })
  measureId: string;

  /** The first pack version this measure version was seen in. */
  @Column({ name: 'rule_pack_version', type: 'varchar', length: 80 })
  rulePackVersion: string;

  /** The measure's JSON: title, citations with quotes, conditions with labels, period. */
  @Column({ type: 'text' })
  measure: string;

  /** JSON: for each clause citation, its document's metadata and the quote with the text around it. */
  @Column({ type: 'text' })
  passages: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
