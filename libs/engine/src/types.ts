/** Text in both languages the product speaks. Chinese is the default everywhere. */
export interface LocalizedText {
  zh: string;
  en: string;
}
export type Lang = 'zh' | 'en';

/** The outcome of one condition under three-valued logic. */
export type Outcome = 'pass' | 'fail' | 'unknown';
export type MatchStatus = 'eligible' | 'needs_info' | 'ineligible';
/** A document's status as judged at `asOf`: its own (`in-force`, `draft`) unless it ended or was replaced. */
export type DocumentStatus = 'in-force' | 'draft' | 'expired' | 'superseded';
/** What a document declares about itself in its metadata file; `superseded` and `expired` also follow from dates. */
export const DECLARED_DOCUMENT_STATUSES = ['in-force', 'draft', 'expired'] as const;

/**
 * CONTRACT §2 Version 2, what a result means. `entitlement`: follows from the law once its conditions hold.
 * `application`: applied for and granted on review (eligible = may apply). `benchmark`: a firm-level target
 * the plan states (eligible = met). `guidance`: a direction, layout, cluster-level goal or government task.
 */
export const MEASURE_NATURES = ['entitlement', 'application', 'benchmark', 'guidance'] as const;
export type MeasureNature = (typeof MEASURE_NATURES)[number];

export const MEASURE_KINDS = [
  'tax-refund',
  'tax-incentive',
  'insurance-compensation',
  'subsidy',
  'procurement',
  'land',
  'finance',
  'listing',
  'talent',
  'ip',
  'platform',
  'market',
  'benchmark',
  'other',
] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** A period in ISO dates; `to: null` means open-ended. */
export interface Period {
  from: string;
  to: string | null;
}

/** A json-rules-engine leaf condition, with the label a person reads. */
export interface LeafCondition {
  fact: string;
  operator: string;
  value: unknown;
  label: LocalizedText;
}
export type ConditionNode =
  { all: ConditionNode[] } | { any: ConditionNode[] } | { not: ConditionNode } | LeafCondition;

export interface ClauseCitation {
  role: 'clause';
  documentId: string;
  /** Section path in the document, e.g. "五、保障措施（二）". */
  section: string;
  /** Verbatim substring of the document text (whitespace aside). */
  quote: string;
}
/** The national (or other) rule a clause relies on; its text does not ship with the pack. */
export interface BasisCitation {
  role: 'basis';
  title: string;
  number: string;
  period: Period | null;
  quote: string;
  section?: string;
}
export type Citation = ClauseCitation | BasisCitation;

/** The document that replaced another, as it names itself. */
export interface SupersededBy {
  number: string;
  title: string;
  issueDate: string;
}

export interface PolicyDocument {
  id: string;
  title: string;
  titleEn: string;
  number: string | null;
  issuers: string[];
  issueDate: string | null;
  period: Period;
  /** As declared in the metadata; the status at a date also follows from `period` and `supersededBy`. */
  status: (typeof DECLARED_DOCUMENT_STATUSES)[number];
  /** The document that replaced this one (from its issue date on, this one is `superseded`). */
  supersededBy?: SupersededBy;
  /** [start, end) of the document's body in `text`: the rest is the source page's navigation and footer. */
  body?: { start: number; end: number };
  /** Where the document came from (seed file name, publishing site). */
  source: string;
  /** The full text, from the `.txt` beside the metadata file. */
  text: string;
}

/** How a person claims a measure, as its clause or basis says; absent when nothing is said. */
export interface HowToApply {
  department: LocalizedText;
  channel: LocalizedText;
  window: LocalizedText;
  /** Where this is stated (document number and article). */
  source: string;
}

/**
 * The formula of an estimate, by name, with its parameters (rates, caps) as data so a scenario can change them.
 * The formulas themselves live in `libs/engine/src/estimates/`.
 */
export interface EstimateSpec {
  formula: string;
  [param: string]: unknown;
}

export interface Measure {
  id: string;
  title: LocalizedText;
  kind: MeasureKind;
  nature: MeasureNature;
  /**
   * The measure rests on a national rule (a `basis` citation): it takes that rule's period, is not gated on
   * cluster membership, and stays in force when the plan citing it ends or is replaced.
   */
  national?: boolean;
  estimate?: EstimateSpec;
  howToApply?: HowToApply;
  benefit: LocalizedText;
  departments: LocalizedText[];
  citations: Citation[];
  /** Defaults to the period of the first clause citation's document. */
  period: Period;
  conditions: ConditionNode;
  notCheckable: LocalizedText[];
}

export interface RulePack {
  version: string;
  documents: PolicyDocument[];
  measures: Measure[];
  /** Content hash per measure: "the rule version that decided it". */
  measureVersions: Record<string, string>;
}

export interface ConditionResult {
  label: string;
  fact: string;
  operator: string;
  expected: unknown;
  actual: unknown;
  outcome: Outcome;
}

export interface NearMiss {
  fact: string;
  actual: number;
  required: number;
  gap: number;
  /** For rdIntensity: the extra R&D spend in 元 that closes the gap. */
  extraAmount?: number;
  hint: string;
}

export interface CitationResult {
  role: 'clause' | 'basis';
  documentId: string | null;
  documentTitle: string;
  documentNumber: string | null;
  section: string;
  quote: string;
  period?: Period | null;
}

export interface Estimate {
  /** 元 per year; an estimate (估算), never a promise. */
  amount: number;
  /** The formula in words with the firm's own numbers. */
  text: string;
  assumptions: string[];
}

export interface HowToApplyResult {
  department: string;
  channel: string;
  window: string;
  source: string;
}

export interface MeasureResult {
  measureId: string;
  measureVersion: string;
  title: string;
  kind: MeasureKind;
  nature: MeasureNature;
  benefit: string;
  departments: string[];
  status: MatchStatus;
  /** Whether `asOf` falls in the measure's period (and its document was neither a draft nor replaced then). */
  inForce: boolean;
  /** Why not, in words (absent when in force). */
  inForceReason?: string;
  period: Period;
  documentStatus: DocumentStatus;
  supersededBy?: SupersededBy;
  /** Present when the measure rests on a draft (or expired) document, in words. */
  documentNotice?: string;
  citations: CitationResult[];
  conditions: ConditionResult[];
  missingFacts: string[];
  notCheckable: string[];
  nearMiss: NearMiss[];
  estimate?: Estimate;
  howToApply?: HowToApplyResult;
}

export interface ProfileWarning {
  field: string;
  code: string;
  message: string;
}

/**
 * CONTRACT §2 Version 2. eligible + needsInfo + nearMiss + ineligible = the in-force entitlements and
 * applications; everything out of force is in notInForce; benchmarks and guidance count in-force measures.
 */
export interface MatchSummary {
  eligible: number;
  needsInfo: number;
  nearMiss: number;
  ineligible: number;
  notInForce: number;
  benchmarks: number;
  guidance: number;
}

export interface MatchResult {
  rulePackVersion: string;
  fiscalYear: number;
  /** The date validity was judged at (YYYY-MM-DD). */
  asOf: string;
  warnings: ProfileWarning[];
  summary: MatchSummary;
  results: MeasureResult[];
  /** The qualification ladder (资质进阶路径): `POST /api/match` and the CLI's `match` add it; batch screening never. */
  ladder?: QualificationLadder;
}

// The qualification ladder (libs/engine/src/ladder/), part of the match result.

export type CriterionOutcome = 'met' | 'missing' | 'unknown';

/** The national rule a criterion rests on, as cited. */
export interface LadderCitation {
  number: string;
  title: string;
  period: Period;
  article?: string;
}

export interface LadderCriterionResult {
  id: string;
  label: string;
  /** `unknown` when a figure it needs is absent: never `missing` for an unknown. */
  outcome: CriterionOutcome;
  actual?: number | string | boolean;
  required?: number;
  /** How far short, in the criterion's unit (a ratio for R&D intensity, 元 for amounts). */
  gap?: number;
  /** For an R&D-intensity gap: the extra R&D in 元 that closes it. */
  extraAmount?: number;
  /** The gap in words ("研发费用占比还差 1.2 个百分点，约 ¥60 万元"). */
  gapText?: string;
  citation: LadderCitation;
}

/** A measure that holding the qualification would make eligible (in force, entitlement or application). */
export interface LadderUnlock {
  measureId: string;
  title: string;
  kind: MeasureKind;
  nature: MeasureNature;
  /** 元 per year, where the measure gives a formula and the inputs are known. */
  estimate?: number;
}

export interface LadderStep {
  qualification: string;
  title: string;
  /** `ready`: every checkable criterion met; `gaps`: one or more missing; `needs-info`: none missing, some unknown. */
  readiness: 'ready' | 'gaps' | 'needs-info';
  rule: LadderCitation;
  criteria: LadderCriterionResult[];
  notCheckable: string[];
  unlocks: LadderUnlock[];
  /** The sum of the unlocked measures' estimates, 元 per year (估算). */
  unlockedValue: number;
}

/** The qualification ladder (资质进阶路径): the rungs above the highest one held, lowest first. */
export interface QualificationLadder {
  /** The ladder qualifications the firm holds. */
  held: string[];
  steps: LadderStep[];
}

/** `{ field: [reasons] }`, the same for an API request and a bad batch row. */
export type FieldErrors = Record<string, string[]>;
