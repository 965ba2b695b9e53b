import { buildFacts, FactValues } from '../facts/fact-registry';
import { EnterpriseProfile } from '../profile/profile';
import { effectiveFiscalYear, profileWarnings } from '../profile/profile-validator';
import {
  CitationResult, ConditionResult, Lang, MatchResult, MatchStatus, MeasureResult, PolicyDocument,
} from '../types';
import { CompiledMeasure, CompiledPack, inputsOf } from './compiled-pack';
import { Explanation } from './explain';
import { nearMisses } from './near-miss';
import { FAIL, OUTCOME_NAMES, OutcomeCode, PASS } from './outcome';

const STATUS: Record<OutcomeCode, MatchStatus> = { [PASS]: 'eligible', [FAIL]: 'ineligible', 2: 'needs_info' };

export interface MatchOptions {
  lang?: Lang;
  now?: Date;
}

/** Matches one (already validated) profile against every measure, with the full explanation. */
export function matchProfile(compiled: CompiledPack, profile: EnterpriseProfile, options: MatchOptions = {}): MatchResult {
  const lang = options.lang ?? 'zh';
  const fiscalYear = effectiveFiscalYear(profile, options.now);
  const facts = buildFacts(profile);
  return {
    rulePackVersion: compiled.pack.version,
    fiscalYear,
    warnings: profileWarnings(profile, lang),
    results: compiled.measures.map((m) => explainMeasure(m, facts, fiscalYear, lang, compiled.documents)),
  };
}

/** Status only, for batch screening: the whole pack as one generated function, no explanation objects. */
export function screenFacts(compiled: CompiledPack, facts: FactValues, out: Uint8Array): Uint8Array {
  compiled.screen(facts, out);
  return out;
}

export function isInForce(m: CompiledMeasure, fiscalYear: number): boolean {
  return fiscalYear >= m.firstYear && fiscalYear <= m.lastYear;
}

export function explainMeasure(
  m: CompiledMeasure, facts: FactValues, fiscalYear: number, lang: Lang, documents: ReadonlyMap<string, PolicyDocument>,
): MeasureResult {
  const ex = m.explain(facts);
  const { measure } = m;
  const pick = (t: { zh: string; en: string }) => t[lang];
  return {
    measureId: measure.id,
    measureVersion: m.version,
    title: pick(measure.title),
    kind: measure.kind,
    benefit: pick(measure.benefit),
    departments: measure.departments.map(pick),
    status: STATUS[ex.outcome],
    inForce: isInForce(m, fiscalYear),
    period: measure.period,
    documentStatus: m.document.status,
    ...documentNotice(m.document, lang),
    citations: citationResults(m, documents, lang),
    conditions: conditionResults(ex, lang),
    missingFacts: missingFacts(ex, facts),
    notCheckable: measure.notCheckable.map(pick),
    nearMiss: ex.outcome === FAIL ? nearMisses(ex.blockingFailures, facts, lang) : [],
  };
}

function documentNotice(doc: PolicyDocument, lang: Lang): { documentNotice?: string } {
  if (doc.status === 'draft') {
    return { documentNotice: lang === 'zh' ? '依据征求意见稿，正式文本可能不同' : 'Based on a draft; the final text may differ' };
  }
  if (doc.status === 'expired') {
    return { documentNotice: lang === 'zh' ? '所依据文件已失效' : 'The document it rests on has expired' };
  }
  return {};
}

function citationResults(m: CompiledMeasure, documents: ReadonlyMap<string, PolicyDocument>, lang: Lang): CitationResult[] {
  return m.measure.citations.map((c) => {
    if (c.role === 'clause') {
      const doc = documents.get(c.documentId)!;
      const documentTitle = lang === 'en' ? doc.titleEn : doc.title;
      return { role: 'clause', documentId: doc.id, documentTitle, documentNumber: doc.number, section: c.section, quote: c.quote };
    }
    return { role: 'basis', documentId: null, documentTitle: c.title, documentNumber: c.number, section: c.section ?? '', quote: c.quote, period: c.period };
  });
}

function conditionResults(ex: Explanation, lang: Lang): ConditionResult[] {
  return ex.leaves.map((e) => ({
    label: e.leaf.label[lang],
    fact: e.leaf.fact,
    operator: e.leaf.operator,
    expected: e.leaf.value,
    actual: e.actual,
    outcome: OUTCOME_NAMES[e.outcome],
  }));
}

/** The profile fields that would decide a needs_info measure, in the order the conditions name them. */
function missingFacts(ex: Explanation, facts: FactValues): string[] {
  const fields = new Set<string>();
  for (const e of ex.decidingUnknowns) {
    const inputs = inputsOf(e.leaf.fact);
    // rdIntensity is unknown with revenue 0 though both inputs are given: then name both.
    const absent = inputs.filter((f) => facts[f] === undefined);
    for (const input of absent.length > 0 ? absent : inputs) fields.add(input);
  }
  return [...fields];
}
