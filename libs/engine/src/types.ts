/** Text in both languages the product speaks. Chinese is the default everywhere. */
export interface LocalizedText {
  zh: string;
  en: string;
}
export type Lang = 'zh' | 'en';

/** The outcome of one condition under three-valued logic. */
export type Outcome = 'pass' | 'fail' | 'unknown';
export type MatchStatus = 'eligible' | 'needs_info' | 'ineligible';
export type DocumentStatus = 'in-force' | 'draft' | 'expired';

export const MEASURE_KINDS = [
  'tax-refund', 'tax-incentive', 'insurance-compensation', 'subsidy', 'procurement', 'land', 'finance',
  'listing', 'talent', 'ip', 'platform', 'market', 'benchmark', 'other',
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
  | { all: ConditionNode[] }
  | { any: ConditionNode[] }
  | { not: ConditionNode }
  | LeafCondition;

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

export interface PolicyDocument {
  id: string;
  title: string;
  titleEn: string;
  number: string | null;
  issuers: string[];
  issueDate: string | null;
  period: Period;
  status: DocumentStatus;
  /** Where the document came from (seed file name, publishing site). */
  source: string;
  /** The full text, from the `.txt` beside the metadata file. */
  text: string;
}

export interface Measure {
  id: string;
  title: LocalizedText;
  kind: MeasureKind;
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

export interface MeasureResult {
  measureId: string;
  measureVersion: string;
  title: string;
  kind: MeasureKind;
  benefit: string;
  departments: string[];
  status: MatchStatus;
  inForce: boolean;
  period: Period;
  documentStatus: DocumentStatus;
  /** Present when the measure rests on a draft (or expired) document, in words. */
  documentNotice?: string;
  citations: CitationResult[];
  conditions: ConditionResult[];
  missingFacts: string[];
  notCheckable: string[];
  nearMiss: NearMiss[];
}

export interface ProfileWarning {
  field: string;
  code: string;
  message: string;
}

export interface MatchResult {
  rulePackVersion: string;
  fiscalYear: number;
  warnings: ProfileWarning[];
  results: MeasureResult[];
}

/** `{ field: [reasons] }`, the same for an API request and a bad batch row. */
export type FieldErrors = Record<string, string[]>;
