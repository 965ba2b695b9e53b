import {
  CLAIMABLE_NATURES,
  CompiledPack,
  effectiveFiscalYear,
  EstimateSpec,
  estimateAmount,
  FactValues,
  Lang,
  MeasureNature,
  measureValidity,
  NEAR_MISS_NATURES,
  PackScreenFn,
} from '@app/engine';

/** Per measure and tenant: 0 ineligible, 1 eligible, 2 needs_info (the engine's codes), 3 ineligible but a near miss. */
export const INELIGIBLE = 0;
export const ELIGIBLE = 1;
export const NEEDS_INFO = 2;
export const NEAR_MISS = 3;
export type StatusCode = typeof INELIGIBLE | typeof ELIGIBLE | typeof NEEDS_INFO | typeof NEAR_MISS;

export interface MeasureColumn {
  id: string;
  title: string;
  nature?: MeasureNature;
  /** At the screening's `asOf`. */
  inForce?: boolean;
}

/**
 * A tenant's counts, as CONTRACT §2's `summary` counts them: only in-force entitlements and applications, and
 * eligible + needsInfo + nearMiss + ineligible = their number. Plus the in-force benchmarks met, and the total of
 * the estimates of the eligible measures (元 a year; 0 when no input is known).
 */
export interface TenantCounts {
  eligible: number;
  needsInfo: number;
  nearMiss: number;
  ineligible: number;
  benchmarksMet: number;
  estimatedValue: number;
}

/** How a measure's status code counts, fixed per screening (its nature and whether it is in force at `asOf`). */
const Role = { Claimable: 0, Benchmark: 1, NotCounted: 2 } as const;

/**
 * Screens one tenant against every measure with the pack's one generated function (`CompiledPack.screen`, compiled
 * once at start-up: the engine's outcomes, shared leaves evaluated once, near misses told apart only for measures
 * that failed and have a lower-bound threshold), then applies CONTRACT §2's policy at the screening's `asOf`: no near miss on a
 * measure out of force or on guidance, and counts of in-force claimable measures only. No explanation objects.
 */
export class TenantScreener {
  readonly measures: readonly MeasureColumn[];
  readonly asOf: string;
  private readonly screenPack: PackScreenFn;
  private readonly roles: Uint8Array;
  private readonly nearMissAllowed: Uint8Array;
  /** [measure index, spec] of in-force claimable measures with an estimate formula. */
  private readonly estimates: [number, EstimateSpec][];

  constructor(
    private readonly compiled: CompiledPack,
    lang: Lang,
    asOf: string,
  ) {
    this.asOf = asOf;
    this.screenPack = compiled.screen;
    const validity = compiled.measures.map((m) => measureValidity(m.measure, m.document, asOf, lang));
    this.measures = compiled.measures.map((m, i) => ({
      id: m.measure.id,
      title: m.measure.title[lang],
      nature: m.measure.nature,
      inForce: validity[i].inForce,
    }));
    this.roles = Uint8Array.from(compiled.measures, ({ measure }, i) => {
      if (!validity[i].inForce) return Role.NotCounted;
      if (CLAIMABLE_NATURES.includes(measure.nature)) return Role.Claimable;
      return measure.nature === 'benchmark' ? Role.Benchmark : Role.NotCounted;
    });
    this.nearMissAllowed = Uint8Array.from(compiled.measures, ({ measure }, i) =>
      validity[i].inForce && NEAR_MISS_NATURES.includes(measure.nature) ? 1 : 0,
    );
    this.estimates = compiled.measures.flatMap(({ measure }, i): [number, EstimateSpec][] =>
      measure.estimate && this.roles[i] === Role.Claimable ? [[i, measure.estimate]] : [],
    );
  }

  get measureCount(): number {
    return this.measures.length;
  }

  get rulePackVersion(): string {
    return this.compiled.pack.version;
  }

  /** Writes one StatusCode per measure into `out` and returns the counts. */
  screen(facts: FactValues, out: Uint8Array): TenantCounts {
    this.screenPack(facts, out);
    let eligible = 0;
    let needsInfo = 0;
    let nearMiss = 0;
    let claimable = 0;
    let benchmarksMet = 0;
    const { roles, nearMissAllowed } = this;
    for (let i = 0; i < out.length; i++) {
      let code = out[i];
      if (code === NEAR_MISS && nearMissAllowed[i] === 0) out[i] = code = INELIGIBLE;
      const role = roles[i];
      if (role === Role.Claimable) {
        claimable++;
        if (code === ELIGIBLE) eligible++;
        else if (code === NEEDS_INFO) needsInfo++;
        else if (code === NEAR_MISS) nearMiss++;
      } else if (role === Role.Benchmark && code === ELIGIBLE) benchmarksMet++;
    }
    const estimatedValue = eligible > 0 ? this.estimatedValue(facts, out) : 0;
    return {
      eligible,
      needsInfo,
      nearMiss,
      ineligible: claimable - eligible - needsInfo - nearMiss,
      benchmarksMet,
      estimatedValue,
    };
  }

  private estimatedValue(facts: FactValues, out: Uint8Array): number {
    let total = 0;
    let fiscalYear = 0;
    for (const [i, spec] of this.estimates) {
      if (out[i] !== ELIGIBLE) continue;
      fiscalYear ||= effectiveFiscalYear(facts, this.asOf);
      total += estimateAmount(spec, facts, fiscalYear) ?? 0;
    }
    return total;
  }
}
