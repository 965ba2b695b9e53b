import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of the profile a case was reviewed on, with the match results of the case's measures. */
@Entity('case_versions')
export class CaseVersionEntity {
  @PrimaryColumn({ name: 'case_id', type: 'varchar', length: 36 })
  caseId: string;

  @PrimaryColumn({ type: 'integer' })
  version: number;

  /** The profile exactly as given (JSON text). */
  @Column({ type: 'text' })
  profile: string;

  /** JSON: the MeasureResult of each of the case's measures for this profile. */
  @Column({ type: 'text' })
  results: string;

  @Column({ name: 'rule_pack_version', type: 'varchar', length: 80 })
  rulePackVersion: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;
}
