import { buildFacts, FactValues } from '../facts/fact-registry';
import { computeEstimate } from '../estimates/estimate';
import { EnterpriseProfile } from '../profile/profile';
import { effectiveFiscalYear, profileWarnings } from '../profile/profile-validator';
import {
  CitationResult,
  ConditionResult,
  HowToApply,
  HowToApplyResult,
  Lang,
  MatchResult,
  MatchStatus,
  MatchSummary,
  MeasureResult,
  PolicyDocument,
} from '../types';
import { CompiledMeasure, CompiledPack, inputsOf } from './compiled-pack';
import { Explanation } from './explain';
import { nearMisses } from './near-miss';
import { FAIL, OUTCOME_NAMES, OutcomeCode, PASS } from './outcome';
import {
  CLAIMABLE_NATURES,
  measureValidity,
  NEAR_MISS_NATURES,
  packValidity,
  todayInShanghai,
  Validity,
} from './validity';

const STATUS: Record<OutcomeCode, MatchStatus> = { [PASS]: 'eligible', [FAIL]: 'ineligible', 2: 'needs_info' };

export interface MatchOptions {
  lang?: Lang;
  /** The date validity is judged at (YYYY-MM-DD, already checked); default today in Asia/Shanghai. */
  asOf?: string;
  /** The clock, for the defaults (`asOf`, and so `fiscalYear`). */
  now?: Date;
  /**
   * For a caller that only serialises the result (POST /api/match): each measure's per-language texts (departments,
   * citations, notCheckable, howToApply) are then the pack's, made once and frozen, shared by every result, instead of
   * fresh copies (a fifth of the match's time). Off by default: a result's arrays are otherwise the caller's.
   */
  sharedTexts?: boolean;
}

/** What explaining one measure needs besides the measure and the facts. */
export interface ExplainContext {
  fiscalYear: number;
  asOf: string;
  lang: Lang;
  documents: ReadonlyMap<string, PolicyDocument>;
}

/** Matches one (already validated) profile against every measure, with the full explanation. */
export function matchProfile(
  compiled: CompiledPack,
  profile: EnterpriseProfile,
  options: MatchOptions = {},
): MatchResult {
  const lang = options.lang ?? 'zh';
  const asOf = options.asOf ?? todayInShanghai(options.now);
  const fiscalYear = effectiveFiscalYear(profile, asOf);
  const facts = buildFacts(profile);
  const ctx: ExplainContext = {
    fiscalYear,
    asOf,
    lang,
    documents: compiled.documents,
  };
  const validity = packValidity(compiled, asOf, lang);
  const texts = options.sharedTexts ? packTexts(compiled, lang) : undefined;
  const measures = compiled.measures;
  const results: MeasureResult[] = new Array<MeasureResult>(measures.length);
  for (let i = 0; i < measures.length; i++)
    results[i] = explainMeasure(measures[i], facts, ctx, validity[i], texts?.[i]);
  return {
    rulePackVersion: compiled.pack.version,
    fiscalYear,
    asOf,
    warnings: profileWarnings(profile, lang),
    summary: summarize(results),
    results,
  };
}

/**
 * Status only, for batch screening: the whole pack as one generated function, no explanation objects. Codes per
 * measure: 0 fail, 1 pass, 2 unknown, 3 a fail that is a near miss (before the policy on natures and validity).
 */
export function screenFacts(compiled: CompiledPack, facts: FactValues, out: Uint8Array): Uint8Array {
  compiled.screen(facts, out);
  return out;
}

/**
 * One measure's full result. `validity` is the measure's `measureValidity` at `ctx.asOf` in `ctx.lang` (matchProfile
 * passes the pack's, computed once per date). The object is one literal in CONTRACT §2's order — the order
 * JSON.stringify writes and MatchJsonWriter's LAYOUT follows — with an optional member that does not apply set to
 * undefined, which JSON.stringify leaves out (spreads of temporary objects cost more than the rest of it; a member added
 * only when present gave seven hidden classes). `shared`: the measure's shared texts (`packTexts`), when the caller
 * has them.
 */
export function explainMeasure(
  m: CompiledMeasure,
  facts: FactValues,
  ctx: ExplainContext,
  validity: Validity = measureValidity(m.measure, m.document, ctx.asOf, ctx.lang),
  shared?: MeasureTexts,
): MeasureResult {
  // Blocking failures are only read for a near miss, which only these measures may have.
  const nearMissable = validity.inForce && NEAR_MISS_NATURES.includes(m.measure.nature);
  const ex = m.explain(facts, nearMissable);
  const { measure } = m;
  const { lang } = ctx;
  const status = STATUS[ex.outcome];
  const mayNearMiss = ex.outcome === FAIL && nearMissable;
  const estimate =
    status === 'eligible' && validity.inForce && measure.estimate
      ? computeEstimate(measure.estimate, facts, ctx.fiscalYear, lang)
      : undefined;
  let departments: string[];
  if (shared) departments = shared.departments;
  else {
    departments = [];
    for (const d of measure.departments) departments.push(d[lang]);
  }
  let notCheckable: string[];
  if (shared) notCheckable = shared.notCheckable;
  else {
    notCheckable = [];
    for (const t of measure.notCheckable) notCheckable.push(t[lang]);
  }
  // One literal with every member, an absent one undefined (JSON.stringify leaves it out): every result has the same
  // hidden class, so the code reading results (the writer, summarize, the ladder) is not megamorphic.
  const r: MeasureResult = {
    measureId: measure.id,
    measureVersion: m.version,
    title: measure.title[lang],
    kind: measure.kind,
    nature: measure.nature,
    benefit: measure.benefit[lang],
    departments,
    status,
    documentStatus: validity.documentStatus,
    supersededBy: validity.supersededBy,
    inForce: validity.inForce,
    inForceReason: validity.inForceReason,
    period: measure.period,
    documentNotice: documentNotice(validity.documentStatus, measure.national === true, lang),
    citations: shared ? shared.citations : citationResults(m, ctx.documents, lang),
    conditions: conditionResults(ex, lang),
    missingFacts: missingFacts(ex, facts),
    notCheckable,
    nearMiss: mayNearMiss ? nearMisses(ex.blockingFailures, facts, lang) : [],
    estimate,
    howToApply: measure.howToApply ? (shared?.howToApply ?? howToApplyResult(measure.howToApply, lang)) : undefined,
  };
  return r;
}

/** A measure's texts in one language, as a result holds them. */
export interface MeasureTexts {
  departments: string[];
  citations: CitationResult[];
  notCheckable: string[];
  howToApply?: HowToApplyResult;
}

const PACK_TEXTS = new WeakMap<CompiledPack, Partial<Record<Lang, readonly MeasureTexts[]>>>();

/**
 * Every measure's texts in one language, in the pack's order, made once per pack and language and deep-frozen
 * (MatchOptions.sharedTexts): one lookup per match (a WeakMap lookup per measure was 3% of POST /api/match's CPU).
 */
function packTexts(compiled: CompiledPack, lang: Lang): readonly MeasureTexts[] {
  let entry = PACK_TEXTS.get(compiled);
  if (!entry) {
    entry = {};
    PACK_TEXTS.set(compiled, entry);
  }
  return (entry[lang] ??= Object.freeze(compiled.measures.map((m) => frozenTexts(m, compiled.documents, lang))));
}

function frozenTexts(m: CompiledMeasure, documents: ReadonlyMap<string, PolicyDocument>, lang: Lang): MeasureTexts {
  const { measure } = m;
  const texts: MeasureTexts = {
    departments: measure.departments.map((d) => d[lang]),
    citations: citationResults(m, documents, lang),
    notCheckable: measure.notCheckable.map((t) => t[lang]),
    howToApply: measure.howToApply ? howToApplyResult(measure.howToApply, lang) : undefined,
  };
  texts.citations.forEach((c) => Object.freeze(c));
  for (const part of Object.values(texts) as (object | undefined)[]) if (part) Object.freeze(part);
  return Object.freeze(texts);
}

/** CONTRACT §2 Version 2: only in-force entitlements and applications count as eligible (or not). */
export function summarize(results: readonly MeasureResult[]): MatchSummary {
  const s: MatchSummary = {
    eligible: 0,
    needsInfo: 0,
    nearMiss: 0,
    ineligible: 0,
    notInForce: 0,
    benchmarks: 0,
    guidance: 0,
  };
  for (const r of results) {
    if (!r.inForce) s.notInForce++;
    else if (r.nature === 'benchmark') s.benchmarks++;
    else if (r.nature === 'guidance') s.guidance++;
    else if (CLAIMABLE_NATURES.includes(r.nature)) {
      if (r.status === 'eligible') s.eligible++;
      else if (r.status === 'needs_info') s.needsInfo++;
      else if (r.nearMiss.length > 0) s.nearMiss++;
      else s.ineligible++;
    }
  }
  return s;
}

function howToApplyResult(h: HowToApply, lang: Lang): HowToApplyResult {
  return { department: h.department[lang], channel: h.channel[lang], window: h.window[lang], source: h.source };
}

/** In words, when the measure rests on a draft, replaced or expired document (never for a national rule). */
function documentNotice(status: string, national: boolean, lang: Lang): string | undefined {
  if (national) return undefined;
  if (status === 'draft') {
    return lang === 'zh' ? '依据征求意见稿，正式文本可能不同' : 'Based on a draft; the final text may differ';
  }
  if (status === 'superseded') {
    return lang === 'zh'
      ? '所依据的征求意见稿已被正式文件替代，请以正式文件为准'
      : 'The draft it rests on was replaced by the issued document; follow that';
  }
  if (status === 'expired') {
    return lang === 'zh' ? '所依据文件已到期，仅供参考' : 'The document it rests on has expired; for reference only';
  }
  return undefined;
}

function citationResults(
  m: CompiledMeasure,
  documents: ReadonlyMap<string, PolicyDocument>,
  lang: Lang,
): CitationResult[] {
  return m.measure.citations.map((c) => {
    if (c.role === 'clause') {
      const doc = documents.get(c.documentId)!;
      const documentTitle = lang === 'en' ? doc.titleEn : doc.title;
      return {
        role: 'clause',
        documentId: doc.id,
        documentTitle,
        documentNumber: doc.number,
        section: c.section,
        quote: c.quote,
      };
    }
    return {
      role: 'basis',
      documentId: null,
      documentTitle: c.title,
      documentNumber: c.number,
      section: c.section ?? '',
      quote: c.quote,
      period: c.period,
    };
  });
}

function conditionResults(ex: Explanation, lang: Lang): ConditionResult[] {
  const leaves = ex.leaves;
  const out: ConditionResult[] = new Array<ConditionResult>(leaves.length);
  for (let i = 0; i < leaves.length; i++) {
    const e = leaves[i];
    const leaf = e.leaf;
    out[i] = {
      label: leaf.label[lang],
      fact: leaf.fact,
      operator: leaf.operator,
      expected: leaf.value,
      actual: e.actual,
      outcome: OUTCOME_NAMES[e.outcome],
    };
  }
  return out;
}

/** The profile fields that would decide a needs_info measure, in the order the conditions name them. */
function missingFacts(ex: Explanation, facts: FactValues): string[] {
  if (ex.decidingUnknowns.length === 0) return [];
  const fields = new Set<string>();
  for (const e of ex.decidingUnknowns) {
    const inputs = inputsOf(e.leaf.fact);
    // rdIntensity is unknown with revenue 0 though both inputs are given: then name both.
    const absent = inputs.filter((f) => facts[f] === undefined);
    for (const input of absent.length > 0 ? absent : inputs) fields.add(input);
  }
  return [...fields];
}
