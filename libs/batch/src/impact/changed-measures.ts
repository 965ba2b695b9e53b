import { canonicalJson, CompiledPack, compilePack, Lang } from '@app/engine';
import { TenantScreener } from '../screening/tenant-screener';
import type { PackSide, UnionMeasure } from './measure-alignment';

/**
 * What the scenario must evaluate per tenant. A measure identical in both packs (same JSON, same validity at
 * asOf) has the same status for every tenant under either, so only the others — the measures the scenario changed,
 * switched off, or brought into or out of force — are compiled (one whole-pack function over just them) and run.
 */
export interface ChangedMeasures {
  /** The union measures compared per tenant. */
  check: Int16Array;
  /** For each of `check`: its index in `screener`'s output, or -1 when the scenario has no such measure. */
  position: Int16Array;
  screener: TenantScreener;
}

export function changedMeasures(
  scenario: CompiledPack,
  union: readonly UnionMeasure[],
  base: PackSide,
  side: PackSide,
  lang: Lang,
  asOf: string,
  all: boolean,
): ChangedMeasures {
  const baseMeasures = base.screener.measures;
  const check = union.flatMap((_, u) => {
    if (all) return [u];
    const b = base.index[u];
    const s = side.index[u];
    if (b < 0 || s < 0) return [u];
    const same =
      baseMeasures[b].inForce === side.screener.measures[s].inForce &&
      canonicalJson(base.measure(u)) === canonicalJson(side.measure(u));
    return same ? [] : [u];
  });
  const kept = check.filter((u) => side.index[u] >= 0);
  const measures = kept.map((u) => side.measure(u)!);
  const pack = {
    ...scenario.pack,
    measures,
    measureVersions: Object.fromEntries(measures.map((m) => [m.id, scenario.pack.measureVersions[m.id]])),
  };
  // Nothing changed: an empty pack still compiles, to a screener that writes nothing.
  const screener = all ? side.screener : new TenantScreener(compilePack(pack), lang, asOf);
  const position = Int16Array.from(check, (u) => (all ? side.index[u] : kept.indexOf(u)));
  return { check: Int16Array.from(check), position, screener };
}
