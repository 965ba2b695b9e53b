import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * A scenario: a named set of changes over a stored base pack, as its author wrote it, with who made it and when.
 * Never updated; a different what-if is a new scenario. It never changes the live pack.
 */
@Entity('scenarios')
export class ScenarioEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The rulePackVersion of the base pack (stored in rule_packs). */
  @Column({ name: 'base_version', type: 'varchar', length: 80 })
  baseVersion: string;

  /** The content hash of the pack the changes make: the same scenario over the same base always hashes the same. */
  @Column({ name: 'scenario_version', type: 'varchar', length: 80 })
  scenarioVersion: string;

  /** JSON array of the changes (CONTRACT §3 scenario changes). */
  @Column({ type: 'text' })
  changes: string;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @Column({ name: 'created_by_name', type: 'varchar', length: 100 })
  createdByName: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
