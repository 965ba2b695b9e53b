import {
  CITY_LABELS,
  CLUSTER_LABELS,
  CompiledPack,
  effectiveFiscalYear,
  EstimateSpec,
  estimateAmount,
  FactValues,
  Lang,
  LocalizedText,
} from '@app/engine';
import { ELIGIBLE, NEAR_MISS, TenantCounts, TenantScreener } from '../screening/tenant-screener';
import { GroupTally } from './group-tally';
import { ImpactReport, MeasureImpact, StatusName, TenantChange } from './impact-report';
import { ChangedMeasures, changedMeasures } from './changed-measures';
import { alignMeasures, PackSide, packSide, UnionMeasure } from './measure-alignment';

export interface ImpactOptions {
  /** The date validity is judged at, for both packs. */
  asOf: string;
  lang: Lang;
  /** Measures the scenario's changes name: listed in `byMeasure` even when nobody is affected. */
  touched?: readonly string[];
  /**
   * Evaluate every measure of the scenario per tenant, not only those that differ from the base pack. Slower, and
   * the same result (a spec checks it): for that check.
   */
  everyMeasure?: boolean;
}

const ABSENT = 255;
const STATUS_NAMES: Record<number, StatusName> = {
  0: 'ineligible',
  1: 'eligible',
  2: 'needs_info',
  3: 'near_miss',
  [ABSENT]: 'absent',
};
const UNKNOWN = '(unknown)';

/**
 * Runs every tenant of a population under the base pack and the scenario with the compiled whole-pack functions
 * (TenantScreener: no explanation objects), and keeps only the tenants whose outcome differs. A tenant gains a
 * measure when it becomes eligible (a benchmark: met) and in force; loses it when it stops being so. The words and
 * the per-measure estimates are worked out for changed tenants only.
 */
export class PopulationImpact {
  readonly base: PackSide;
  readonly scenario: PackSide;
  private readonly union: UnionMeasure[];
  private readonly changed: ChangedMeasures;
  private readonly baseOut: Uint8Array;
  private readonly scenarioOut: Uint8Array;
  /** Per union measure: gained, lost, new near misses, value change. */
  private readonly perMeasure: Float64Array;
  private readonly tally = { city: new GroupTally(), park: new GroupTally(), cluster: new GroupTally() };
  private readonly totals = {
    tenants: 0,
    rejected: 0,
    gained: 0,
    lost: 0,
    newNearMisses: 0,
    valueBefore: 0,
    valueAfter: 0,
  };
  readonly changes: TenantChange[] = [];

  constructor(
    baseCompiled: CompiledPack,
    scenarioCompiled: CompiledPack,
    private readonly options: ImpactOptions,
  ) {
    const b = new TenantScreener(baseCompiled, options.lang, options.asOf);
    const s = new TenantScreener(scenarioCompiled, options.lang, options.asOf);
    this.union = alignMeasures(b, s);
    this.base = packSide(baseCompiled, b, this.union);
    this.scenario = packSide(scenarioCompiled, s, this.union);
    this.changed = changedMeasures(
      scenarioCompiled,
      this.union,
      this.base,
      this.scenario,
      options.lang,
      options.asOf,
      options.everyMeasure === true,
    );
    this.baseOut = new Uint8Array(b.measureCount);
    this.scenarioOut = new Uint8Array(this.changed.screener.measureCount);
    this.perMeasure = new Float64Array(this.union.length * 4);
  }

  /** A tenant not screened yet: both packs run here. */
  addFacts(row: number, facts: FactValues): void {
    const counts = this.base.screener.screen(facts, this.baseOut);
    this.addScreened(row, facts, this.baseOut, counts);
  }

  /**
   * A tenant already screened under the base pack (by the file loop). Under the scenario only the measures that
   * differ are run; every other one has the base status, and the same estimate.
   */
  addScreened(row: number, facts: FactValues, baseStatuses: Uint8Array, baseCounts: TenantCounts): void {
    const fiscalYear = effectiveFiscalYear(facts, this.options.asOf);
    const scenarioValue = this.changed.screener.screen(facts, this.scenarioOut).estimatedValue;
    const baseValue = this.valueOf(baseStatuses, facts, fiscalYear);
    const t = this.totals;
    t.tenants++;
    t.valueBefore += baseCounts.estimatedValue;
    t.valueAfter += baseCounts.estimatedValue - baseValue + scenarioValue;
    const keys = groupKeys(facts);
    this.tally.city.count(keys.city);
    this.tally.park.count(keys.park);
    for (const c of keys.clusters) this.tally.cluster.count(c);
    if (baseValue === scenarioValue && !this.differs(baseStatuses, this.scenarioOut)) return;
    const change = this.describe(row, facts, baseStatuses, this.scenarioOut, scenarioValue - baseValue, fiscalYear);
    change.valueBefore = baseCounts.estimatedValue;
    change.valueAfter = baseCounts.estimatedValue + change.valueChange;
    if (
      change.statusChanges.length === 0 &&
      change.valueChange === 0 &&
      change.gained.length === 0 &&
      change.lost.length === 0
    )
      return;
    this.record(change, keys);
  }

  /** The base pack's estimates over the measures that are compared: what the scenario's part replaces. */
  private valueOf(b: Uint8Array, facts: FactValues, fiscalYear: number): number {
    const { base } = this;
    const { check } = this.changed;
    let total = 0;
    for (let k = 0; k < check.length; k++) {
      const u = check[k];
      const spec = base.estimates[u];
      if (spec && b[base.index[u]] === ELIGIBLE) total += estimateAmount(spec, facts, fiscalYear) ?? 0;
    }
    return total;
  }

  addRejected(): void {
    this.totals.rejected++;
  }

  get tenants(): number {
    return this.totals.tenants;
  }

  /** The fast test, for every tenant: does any compared measure's code, or whether its `eligible` counts, differ? */
  private differs(b: Uint8Array, s: Uint8Array): boolean {
    const { base, scenario } = this;
    const { check, position } = this.changed;
    for (let k = 0; k < check.length; k++) {
      const u = check[k];
      const x = base.index[u] >= 0 ? b[base.index[u]] : ABSENT;
      const y = position[k] >= 0 ? s[position[k]] : ABSENT;
      if (x !== y || (x === ELIGIBLE && base.counts[u] !== scenario.counts[u])) return true;
    }
    return false;
  }

  private describe(
    row: number,
    facts: FactValues,
    b: Uint8Array,
    s: Uint8Array,
    valueChange: number,
    fiscalYear: number,
  ): TenantChange {
    const { base, scenario } = this;
    const { check, position } = this.changed;
    const change: TenantChange = {
      row,
      creditCode: str(facts.creditCode),
      name: str(facts.name),
      city: str(facts.city),
      parkId: str(facts.parkId),
      clusters: Array.isArray(facts.clusters) ? (facts.clusters as string[]) : [],
      gained: [],
      lost: [],
      newNearMisses: [],
      statusChanges: [],
      valueBefore: 0,
      valueAfter: 0,
      valueChange,
    };
    for (let k = 0; k < check.length; k++) {
      const u = check[k];
      const x = base.index[u] >= 0 ? b[base.index[u]] : ABSENT;
      const y = position[k] >= 0 ? s[position[k]] : ABSENT;
      const had = x === ELIGIBLE && base.counts[u] === 1;
      const has = y === ELIGIBLE && scenario.counts[u] === 1;
      const id = this.union[u].id;
      if (x !== y) change.statusChanges.push({ measureId: id, before: STATUS_NAMES[x], after: STATUS_NAMES[y] });
      if (has && !had) this.bump(u, 0, change.gained, id);
      if (had && !has) this.bump(u, 1, change.lost, id);
      if (y === NEAR_MISS && x !== NEAR_MISS) this.bump(u, 2, change.newNearMisses, id);
      const delta =
        amount(scenario.estimates[u], has, facts, fiscalYear) - amount(base.estimates[u], had, facts, fiscalYear);
      if (delta !== 0) this.perMeasure[u * 4 + 3] += delta;
    }
    return change;
  }

  private bump(u: number, slot: number, list: string[], id: string): void {
    this.perMeasure[u * 4 + slot]++;
    list.push(id);
  }

  private record(change: TenantChange, keys: { city: string; park: string; clusters: string[] }): void {
    const gained = change.gained.length > 0;
    const lost = change.lost.length > 0;
    const nearMiss = change.newNearMisses.length > 0;
    if (gained) this.totals.gained++;
    if (lost) this.totals.lost++;
    if (nearMiss) this.totals.newNearMisses++;
    this.tally.city.add(keys.city, gained, lost, nearMiss, change.valueChange);
    this.tally.park.add(keys.park, gained, lost, nearMiss, change.valueChange);
    for (const c of keys.clusters) this.tally.cluster.add(c, gained, lost, nearMiss, change.valueChange);
    this.changes.push(change);
  }

  report(): ImpactReport {
    const { lang } = this.options;
    const t = this.totals;
    const unknown = lang === 'zh' ? '未填' : 'not given';
    const labelled = (labels: Record<string, LocalizedText>) => (key: string) =>
      key === UNKNOWN ? unknown : (labels[key]?.[lang] ?? key);
    return {
      asOf: this.options.asOf,
      base: this.base.screener.rulePackVersion,
      scenario: this.scenario.screener.rulePackVersion,
      population: { tenants: t.tenants, rejected: t.rejected },
      gained: t.gained,
      lost: t.lost,
      newNearMisses: t.newNearMisses,
      valueBefore: t.valueBefore,
      valueAfter: t.valueAfter,
      valueChange: t.valueAfter - t.valueBefore,
      byMeasure: this.byMeasure(),
      byCluster: this.tally.cluster.toJSON(labelled(CLUSTER_LABELS)),
      byCity: this.tally.city.toJSON(labelled(CITY_LABELS)),
      byPark: this.tally.park.toJSON((k) => (k === UNKNOWN ? unknown : k)),
      tenants: this.changes,
    };
  }

  private byMeasure(): MeasureImpact[] {
    const touched = new Set(this.options.touched ?? []);
    const inForce = (side: PackSide, u: number) =>
      side.index[u] < 0 ? null : (side.screener.measures[side.index[u]].inForce ?? true);
    return this.union
      .map((m, u): MeasureImpact => {
        const at = (slot: number) => this.perMeasure[u * 4 + slot];
        return {
          measureId: m.id,
          title: m.title,
          nature: m.nature,
          inForceBefore: inForce(this.base, u),
          inForceAfter: inForce(this.scenario, u),
          touched: touched.has(m.id),
          gained: at(0),
          lost: at(1),
          newNearMisses: at(2),
          valueChange: at(3),
        };
      })
      .filter((m) => m.touched || m.gained + m.lost + m.newNearMisses > 0 || m.valueChange !== 0)
      .sort((a, b) => Number(b.touched) - Number(a.touched) || b.gained + b.lost - (a.gained + a.lost));
  }
}

function amount(spec: EstimateSpec | undefined, eligible: boolean, facts: FactValues, fiscalYear: number): number {
  return spec && eligible ? (estimateAmount(spec, facts, fiscalYear) ?? 0) : 0;
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function groupKeys(facts: FactValues): { city: string; park: string; clusters: string[] } {
  const clusters =
    Array.isArray(facts.clusters) && facts.clusters.length > 0 ? (facts.clusters as string[]) : [UNKNOWN];
  return { city: str(facts.city) ?? UNKNOWN, park: str(facts.parkId) ?? UNKNOWN, clusters };
}

/** The report in another language: measure titles from the packs, city and cluster names from the contract's lists. */
export function localizeReport(report: ImpactReport, titles: ReadonlyMap<string, string>, lang: Lang): ImpactReport {
  const unknown = lang === 'zh' ? '未填' : 'not given';
  const relabel = (labels: Record<string, LocalizedText> | null) => (g: ImpactReport['byCity'][number]) => ({
    ...g,
    label: g.key === UNKNOWN ? unknown : (labels?.[g.key]?.[lang] ?? g.key),
  });
  return {
    ...report,
    byMeasure: report.byMeasure.map((m) => ({ ...m, title: titles.get(m.measureId) ?? m.title })),
    byCity: report.byCity.map(relabel(CITY_LABELS)),
    byCluster: report.byCluster.map(relabel(CLUSTER_LABELS)),
    byPark: report.byPark.map(relabel(null)),
  };
}
