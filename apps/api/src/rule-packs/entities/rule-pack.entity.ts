import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A rule pack as the service loaded it, content-addressed by its rulePackVersion (a hash of its documents and
 * measures), so each version is stored once: the base of scenarios and either side of a pack diff.
 */
@Entity('rule_packs')
export class RulePackEntity {
  @PrimaryColumn({ type: 'varchar', length: 80 })
  version: string;

  @Column({ name: 'measure_count', type: 'integer' })
  measureCount: number;

  /** JSON: the documents, with their full text (citations are checked against it). */
  @Column({ type: 'text' })
  documents: string;

  /** JSON: the measures, as loaded (default periods filled in). */
  @Column({ type: 'text' })
  measures: string;

  /** JSON: measure id → measureVersion. */
  @Column({ name: 'measure_versions', type: 'text' })
  measureVersions: string;

  @Column({ name: 'first_loaded_at', type: 'varchar', length: 30 })
  firstLoadedAt: string;
}
