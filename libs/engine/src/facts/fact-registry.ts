import { LocalizedText } from '../types';
import { EnterpriseProfile } from '../profile/profile';
import { ENTERPRISE_SIZES, ENTERPRISE_SIZE_LABELS } from '../profile/profile-enums';
import { FieldSpec, PROFILE_FIELDS, PROFILE_FIELD_NAMES, ProfileField } from '../profile/profile-fields';
import { enterpriseSize } from './enterprise-size.fact';
import { inGuangdong } from './in-guangdong.fact';
import { rdIntensity } from './rd-intensity.fact';

export type FactValueType = 'string' | 'number' | 'boolean' | 'enum' | 'enumArray';

export interface FactDefinition {
  name: string;
  valueType: FactValueType;
  /** Allowed values of an enum or enum-array fact. */
  values?: readonly string[];
  /** Their labels, for a person reading a condition's value. */
  labels?: Record<string, LocalizedText>;
  label: LocalizedText;
  unit?: LocalizedText;
  /** The profile fields a person fills in to decide this fact (itself, for a profile field). */
  inputs: ProfileField[];
  derive?: (profile: EnterpriseProfile) => unknown;
}

function valueTypeOf(spec: FieldSpec): FactValueType {
  switch (spec.type) {
    case 'creditCode': case 'string': return 'string';
    case 'integer': case 'number': return 'number';
    default: return spec.type;
  }
}

const profileFacts: FactDefinition[] = PROFILE_FIELD_NAMES.map((name) => {
  const spec = PROFILE_FIELDS[name] as FieldSpec;
  return {
    name, valueType: valueTypeOf(spec), label: spec.label, unit: spec.unit, inputs: [name],
    values: 'values' in spec ? spec.values : undefined, labels: 'labels' in spec ? spec.labels : undefined,
  };
});

const derivedFacts: FactDefinition[] = [
  {
    name: 'rdIntensity', valueType: 'number', inputs: ['rdExpense', 'revenue'], derive: rdIntensity,
    label: { zh: '研发投入强度（研发费用/营业收入）', en: 'R&D intensity (R&D expense / revenue)' },
  },
  {
    name: 'enterpriseSize', valueType: 'enum', values: ENTERPRISE_SIZES, labels: ENTERPRISE_SIZE_LABELS, inputs: ['employees', 'revenue'],
    derive: enterpriseSize, label: { zh: '企业规模（工信部联企业〔2011〕300号）', en: 'Enterprise size (MIIT 2011 No. 300)' },
  },
  {
    name: 'inGuangdong', valueType: 'boolean', inputs: ['city'], derive: inGuangdong,
    label: { zh: '注册地在广东省内', en: 'Registered in Guangdong' },
  },
];

export const FACTS: ReadonlyMap<string, FactDefinition> = new Map(
  [...profileFacts, ...derivedFacts].map((f) => [f.name, f]),
);
export const DERIVED_FACTS = derivedFacts;
export { ENTERPRISE_SIZE_LABELS };

/** Every fact a rule can read, as one flat object: profile fields plus derived facts. */
export type FactValues = Record<string, unknown>;

/**
 * Every fact name with `undefined` (unknown). Facts objects are copies of it, so all have one shape and the
 * generated status functions' property reads stay monomorphic on the batch hot path (object spread of a
 * fast-mode literal keeps its hidden class; no eval, so the browser bundle stays CSP-safe).
 */
const UNKNOWN_FACTS: FactValues = Object.fromEntries([...PROFILE_FIELD_NAMES, ...derivedFacts.map((f) => f.name)].map((n) => [n, undefined]));

/** The facts of a validated profile: each profile field (undefined = unknown) and each derived fact. */
export function buildFacts(profile: EnterpriseProfile): FactValues {
  const facts = { ...UNKNOWN_FACTS };
  const fields = profile as Record<string, unknown>;
  for (let i = 0; i < PROFILE_FIELD_NAMES.length; i++) facts[PROFILE_FIELD_NAMES[i]] = fields[PROFILE_FIELD_NAMES[i]];
  for (let i = 0; i < derivedFacts.length; i++) facts[derivedFacts[i].name] = derivedFacts[i].derive!(facts);
  return facts;
}
