import { CompiledPack, FactValues, Lang, compilePackScreen, PackScreenFn } from '@app/engine';

/** Per measure and tenant: 0 ineligible, 1 eligible, 2 needs_info (the engine's codes), 3 ineligible but a near miss. */
export const INELIGIBLE = 0;
export const ELIGIBLE = 1;
export const NEEDS_INFO = 2;
export const NEAR_MISS = 3;
export type StatusCode = typeof INELIGIBLE | typeof ELIGIBLE | typeof NEEDS_INFO | typeof NEAR_MISS;

export interface MeasureColumn {
  id: string;
  title: string;
}

/** How many measures a tenant is eligible for, etc. Near misses are also counted as ineligible. */
export interface TenantCounts {
  eligible: number;
  needsInfo: number;
  ineligible: number;
  nearMiss: number;
}

/**
 * Screens one tenant against every measure with the whole pack compiled into one function (compilePackScreen:
 * the engine's outcomes, shared leaves evaluated once, near misses told apart only for measures that failed and
 * have a numeric threshold). No explanation objects.
 */
export class TenantScreener {
  readonly measures: readonly MeasureColumn[];
  private readonly screenPack: PackScreenFn;

  constructor(private readonly compiled: CompiledPack, lang: Lang = 'zh') {
    this.measures = compiled.measures.map((m) => ({ id: m.measure.id, title: m.measure.title[lang] }));
    this.screenPack = compilePackScreen(compiled.measures.map((m) => m.measure.conditions), { nearMiss: true });
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
    for (let i = 0; i < out.length; i++) {
      const code = out[i];
      if (code === ELIGIBLE) eligible++;
      else if (code === NEEDS_INFO) needsInfo++;
      else if (code === NEAR_MISS) nearMiss++;
    }
    return { eligible, needsInfo, ineligible: out.length - eligible - needsInfo, nearMiss };
  }
}
