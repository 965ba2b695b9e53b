import { EngineError } from '../errors';
import { FieldErrors, LocalizedText, RulePack } from '../types';

/**
 * One change of a scenario, over one measure of the base pack. Written as data; each kind is told by its keys:
 * - `{ measureId, fact, value }` sets the value of every condition of that measure on that fact (6% → 5%);
 * - `{ measureId, condition: "all[3]", operator?, value? }` changes one condition, named by its path under `conditions`;
 * - `{ measureId, addCondition: { fact, operator, value, label? }, into?: "all[1]" }` adds a condition (default: to the top group);
 * - `{ measureId, removeCondition: "all[2]" }` removes one;
 * - `{ measureId, period: { from?, to? } }` changes the measure's period (`to: null` = open-ended);
 * - `{ measureId, estimate: { rate: 0.15 } }` changes parameters of its estimate formula;
 * - `{ measureId, off: true }` switches the measure off.
 */
export type ScenarioChange =
  | { measureId: string; fact: string; value: unknown }
  | { measureId: string; condition: string; operator?: string; value?: unknown }
  | {
      measureId: string;
      addCondition: { fact: string; operator: string; value: unknown; label?: LocalizedText };
      into?: string;
    }
  | { measureId: string; removeCondition: string }
  | { measureId: string; period: { from?: string; to?: string | null } }
  | { measureId: string; estimate: Record<string, unknown> }
  | { measureId: string; off: true };

export const CHANGE_KINDS = [
  'fact',
  'condition',
  'addCondition',
  'removeCondition',
  'period',
  'estimate',
  'off',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** A named what-if overlay of a base pack. `base` is the base pack's rulePackVersion. */
export interface ScenarioDefinition {
  name: string;
  base?: string;
  changes: ScenarioChange[];
}

/** The base pack with the scenario's changes applied: a new pack in memory, never written to rules/. */
export interface ScenarioPack {
  definition: ScenarioDefinition;
  base: RulePack;
  pack: RulePack;
  /** Measures a change touched (switched-off ones included), in base-pack order. */
  touched: string[];
}

/** A scenario that cannot be applied to its base pack: `errors` names each offending field (`changes[0].value`). */
export class ScenarioError extends EngineError {
  constructor(public readonly errors: FieldErrors) {
    super('scenario-invalid', `invalid scenario: ${Object.keys(errors).join(', ')}`);
  }
}
