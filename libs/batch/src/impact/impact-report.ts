import type { MeasureNature } from '@app/engine';

/** A measure's outcome code by name; `absent` when the pack has no such measure (switched off). */
export type StatusName = 'ineligible' | 'eligible' | 'needs_info' | 'near_miss' | 'absent';

/** One tenant whose outcome differs between the base pack and the scenario. */
export interface TenantChange {
  /** The row in the file (header = 1), or the tenant's position in the population. */
  row: number;
  creditCode: string | null;
  name: string | null;
  city: string | null;
  parkId: string | null;
  clusters: string[];
  /** Measures that become eligible (met, for a benchmark) and in force. */
  gained: string[];
  /** Measures that stop being eligible and in force. */
  lost: string[];
  /** Measures that become a near miss. */
  newNearMisses: string[];
  /** Every measure whose status code changed, gains and losses included. */
  statusChanges: { measureId: string; before: StatusName; after: StatusName }[];
  /** Total of the estimates (元 a year) under each pack. */
  valueBefore: number;
  valueAfter: number;
  valueChange: number;
}

export interface MeasureImpact {
  measureId: string;
  title: string;
  nature: MeasureNature;
  /** At `asOf`, under each pack; null where the pack has no such measure. */
  inForceBefore: boolean | null;
  inForceAfter: boolean | null;
  /** A change of the scenario names this measure. */
  touched: boolean;
  gained: number;
  lost: number;
  newNearMisses: number;
  valueChange: number;
}

export interface GroupImpact {
  key: string;
  label: string;
  /** Tenants of the population in this group. */
  population: number;
  /** Of them, tenants whose outcome changed in any way (listed in `tenants`). */
  changed: number;
  gained: number;
  lost: number;
  newNearMisses: number;
  valueChange: number;
}

/**
 * The impact of a scenario on a population: who gains and who loses. `gained`/`lost` count tenants gaining or
 * losing at least one eligible, in-force measure (entitlements, applications, and benchmarks met); guidance
 * never counts. `valueChange` is the change in the total of the estimates, 元 a year.
 */
export interface ImpactReport {
  asOf: string;
  base: string;
  scenario: string;
  population: { tenants: number; rejected: number };
  gained: number;
  lost: number;
  newNearMisses: number;
  valueBefore: number;
  valueAfter: number;
  valueChange: number;
  byMeasure: MeasureImpact[];
  byCluster: GroupImpact[];
  byCity: GroupImpact[];
  byPark: GroupImpact[];
  tenants: TenantChange[];
}
