import type { FactValues } from '../facts/fact-registry';
import { Estimate, EstimateSpec, Lang } from '../types';
import { ESTIMATE_FORMULAS } from './estimate-formulas';

export * from './estimate-formulas';

/** Loader check of a measure's `estimate`: a known formula with valid parameters. */
export function estimateSpecProblems(spec: unknown): string[] {
  if (spec === undefined) return [];
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    return ['estimate must be {formula, …parameters}'];
  const s = spec as Record<string, unknown>;
  const formula = ESTIMATE_FORMULAS.get(s.formula as string);
  if (!formula)
    return [`estimate.formula "${String(s.formula)}" is not one of ${[...ESTIMATE_FORMULAS.keys()].join(', ')}`];
  return formula.paramProblems(s);
}

const inputsKnown = (formula: { inputs: readonly string[] }, facts: FactValues) =>
  formula.inputs.every((f) => facts[f] !== undefined && facts[f] !== null);

/** The estimate for one measure and firm, or undefined when an input is unknown (never a guess). */
export function computeEstimate(
  spec: EstimateSpec,
  facts: FactValues,
  fiscalYear: number,
  lang: Lang,
): Estimate | undefined {
  const formula = ESTIMATE_FORMULAS.get(spec.formula)!;
  if (!inputsKnown(formula, facts)) return undefined;
  return formula.compute(facts, spec, { fiscalYear, lang }) ?? undefined;
}

/** The amount alone, in 元, or null: for batch screening and the sandbox, where no words are needed. */
export function estimateAmount(spec: EstimateSpec, facts: FactValues, fiscalYear: number): number | null {
  const formula = ESTIMATE_FORMULAS.get(spec.formula)!;
  return inputsKnown(formula, facts) ? formula.amount(facts, spec, fiscalYear) : null;
}
