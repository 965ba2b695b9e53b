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
    case 'creditCode':
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    default:
      return spec.type;
  }
}

const profileFacts: FactDefinition[] = PROFILE_FIELD_NAMES.map((name) => {
  const spec = PROFILE_FIELDS[name] as FieldSpec;
  return {
    name,
    valueType: valueTypeOf(spec),
    label: spec.label,
    unit: spec.unit,
    inputs: [name],
    values: 'values' in spec ? spec.values : undefined,
    labels: 'labels' in spec ? spec.labels : undefined,
  };
});

const derivedFacts: (FactDefinition & { name: DerivedFactName })[] = [
  {
    name: 'rdIntensity',
    valueType: 'number',
    inputs: ['rdExpense', 'revenue'],
    derive: rdIntensity,
    label: { zh: '研发投入强度（研发费用/营业收入）', en: 'R&D intensity (R&D expense / revenue)' },
  },
  {
    name: 'enterpriseSize',
    valueType: 'enum',
    values: ENTERPRISE_SIZES,
    labels: ENTERPRISE_SIZE_LABELS,
    inputs: ['employees', 'revenue'],
    derive: enterpriseSize,
    label: { zh: '企业规模（工信部联企业〔2011〕300号）', en: 'Enterprise size (MIIT 2011 No. 300)' },
  },
  {
    name: 'inGuangdong',
    valueType: 'boolean',
    inputs: ['city'],
    derive: inGuangdong,
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
 * A profile with every field unknown, for filling in field by field (a batch row): all such objects share one hidden
 * class, so reading them in buildFacts stays monomorphic however many cells a row leaves empty.
 */
export function emptyProfile(): EnterpriseProfile {
  return {
    creditCode: undefined,
    name: undefined,
    city: undefined,
    fiscalYear: undefined,
    entityType: undefined,
    clusters: undefined,
    employees: undefined,
    revenue: undefined,
    rdExpense: undefined,
    exportValue: undefined,
    qualifications: undefined,
    listed: undefined,
    inventionPatents: undefined,
    domesticInstrumentPurchases: undefined,
    firstSetEquipment: undefined,
    rdCenters: undefined,
    activities: undefined,
    parkId: undefined,
    taxableIncome: undefined,
    techTransferIncome: undefined,
    foreignInvested: undefined,
    firstSetContractValue: undefined,
  } satisfies Record<ProfileField, undefined>;
}

/** The facts derived from profile fields; `derivedFacts` defines one for each. */
type DerivedFactName = 'rdIntensity' | 'enterpriseSize' | 'inGuangdong';

/**
 * The facts of a validated profile: every profile field (undefined = unknown) and every derived fact. One object
 * literal naming each fact, so every facts object has one hidden class from birth and the generated status
 * functions' reads stay monomorphic on the batch hot path (no eval: the browser bundle stays CSP-safe).
 * `satisfies` makes the compiler refuse a literal that leaves out a profile field or a derived fact.
 */
export function buildFacts(p: EnterpriseProfile): FactValues {
  const facts = {
    creditCode: p.creditCode,
    name: p.name,
    city: p.city,
    fiscalYear: p.fiscalYear,
    entityType: p.entityType,
    clusters: p.clusters,
    employees: p.employees,
    revenue: p.revenue,
    rdExpense: p.rdExpense,
    exportValue: p.exportValue,
    qualifications: p.qualifications,
    listed: p.listed,
    inventionPatents: p.inventionPatents,
    domesticInstrumentPurchases: p.domesticInstrumentPurchases,
    firstSetEquipment: p.firstSetEquipment,
    rdCenters: p.rdCenters,
    activities: p.activities,
    parkId: p.parkId,
    taxableIncome: p.taxableIncome,
    techTransferIncome: p.techTransferIncome,
    foreignInvested: p.foreignInvested,
    firstSetContractValue: p.firstSetContractValue,
    rdIntensity: undefined as unknown,
    enterpriseSize: undefined as unknown,
    inGuangdong: undefined as unknown,
  } satisfies Record<ProfileField | DerivedFactName, unknown>;
  for (let i = 0; i < derivedFacts.length; i++)
    (facts as FactValues)[derivedFacts[i].name] = derivedFacts[i].derive!(facts);
  return facts;
}
