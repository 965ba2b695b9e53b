import { Column, Entity, PrimaryColumn } from 'typeorm';

export const POPULATION_KINDS = ['screening', 'file', 'submissions'] as const;
export type PopulationKind = (typeof POPULATION_KINDS)[number];
export type RunStatus = 'running' | 'done' | 'failed';

/** One run of a scenario over a population: who ran it, when, at which date, and the results with their digest. */
@Entity('scenario_runs')
export class ScenarioRunEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  @Column({ name: 'scenario_id', type: 'varchar', length: 36 })
  scenarioId: string;

  @Column({ name: 'population_kind', type: 'varchar', length: 20 })
  populationKind: PopulationKind;

  /** The screening id, the uploaded file's name, or the submissions' period ("2026-01-01..2026-06-30"). */
  @Column({ name: 'population_ref', type: 'varchar', length: 255 })
  populationRef: string;

  @Column({ name: 'as_of', type: 'varchar', length: 10 })
  asOf: string;

  /** The language of titles and labels in the result. */
  @Column({ type: 'varchar', length: 2 })
  lang: string;

  @Column({ type: 'varchar', length: 10 })
  status: RunStatus;

  @Column({ type: 'integer', nullable: true })
  tenants: number | null;

  /** JSON ImpactReport of @app/batch, when done. */
  @Column({ type: 'text', nullable: true })
  result: string | null;

  /** sha256 of the result's canonical JSON: the audit trail's fingerprint of what the run found. */
  @Column({ name: 'result_digest', type: 'varchar', length: 80, nullable: true })
  resultDigest: string | null;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 36 })
  createdById: string;

  @Column({ name: 'created_by_name', type: 'varchar', length: 100 })
  createdByName: string;

  @Column({ name: 'created_at', type: 'varchar', length: 30 })
  createdAt: string;

  @Column({ name: 'finished_at', type: 'varchar', length: 30, nullable: true })
  finishedAt: string | null;
}
