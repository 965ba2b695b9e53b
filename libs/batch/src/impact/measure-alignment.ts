import { CLAIMABLE_NATURES, CompiledPack, EstimateSpec, Measure, MeasureNature } from '@app/engine';
import { TenantScreener } from '../screening/tenant-screener';

/** One pack's side of the comparison, per measure of the union (index -1 when the pack lacks it). */
export interface PackSide {
  screener: TenantScreener;
  index: Int16Array;
  /** 1 when an `eligible` counts as a claim or a benchmark met: in force at asOf, and not guidance. */
  counts: Uint8Array;
  /** The estimate formula of an in-force entitlement or application (what TenantScreener sums), per union measure. */
  estimates: (EstimateSpec | undefined)[];
  /** The pack's measure of a union index, if it has one. */
  measure(u: number): Measure | undefined;
}

export interface UnionMeasure {
  id: string;
  title: string;
  nature: MeasureNature;
}

/** The measures of both packs in one order (the base pack's, then any only the scenario has). */
export function alignMeasures(base: TenantScreener, scenario: TenantScreener): UnionMeasure[] {
  const seen = new Set<string>();
  const out: UnionMeasure[] = [];
  for (const m of [...base.measures, ...scenario.measures]) {
    if (seen.has(m.id)) continue;
    seen.add(m.id);
    out.push({ id: m.id, title: m.title, nature: m.nature! });
  }
  return out;
}

export function packSide(compiled: CompiledPack, screener: TenantScreener, union: UnionMeasure[]): PackSide {
  const position = new Map(screener.measures.map((m, i) => [m.id, i]));
  const index = Int16Array.from(union, (u) => position.get(u.id) ?? -1);
  const counts = Uint8Array.from(union, (_, u) => {
    const m = index[u] >= 0 ? screener.measures[index[u]] : undefined;
    return m && m.inForce && m.nature !== 'guidance' ? 1 : 0;
  });
  const estimates = union.map((_, u) => {
    if (index[u] < 0) return undefined;
    const { measure } = compiled.measures[index[u]];
    return counts[u] && CLAIMABLE_NATURES.includes(measure.nature) ? measure.estimate : undefined;
  });
  const measure = (u: number) => (index[u] >= 0 ? compiled.measures[index[u]].measure : undefined);
  return { screener, index, counts, estimates, measure };
}
