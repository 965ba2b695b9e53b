import {
  buildFacts,
  CompiledMeasure,
  compileMeasure,
  CompiledPack,
  effectiveFiscalYear,
  EnterpriseProfile,
  explainMeasure,
  Lang,
  locateQuote,
  Measure,
  MeasureResult,
  PolicyDocument,
  todayInShanghai,
} from '@app/engine';

/** Characters of document text kept on each side of a quote: enough to read the clause in its context. */
const CONTEXT_CHARS = 300;

/** A clause quote as it stood in its document when the snapshot was taken. */
export interface SnapshotPassage {
  documentId: string;
  documentTitle: string;
  documentNumber: string | null;
  documentStatus: PolicyDocument['status'];
  section: string;
  quote: string;
  /** The text just before the quote, the quote as the document spells it (line breaks and all), and after. */
  before: string;
  passage: string;
  after: string;
}

export interface RuleSnapshot {
  measureVersion: string;
  measureId: string;
  rulePackVersion: string;
  measure: Measure;
  passages: SnapshotPassage[];
}

/** Everything needed to show, and re-run, a measure as it was: pure data, no references into the live pack. */
export function snapshotOf(compiled: CompiledPack, m: CompiledMeasure): RuleSnapshot {
  const passages: SnapshotPassage[] = [];
  for (const c of m.measure.citations) {
    if (c.role !== 'clause') continue;
    const doc = compiled.documents.get(c.documentId)!;
    const at = locateQuote(doc.text, c.quote) ?? { start: 0, end: 0 };
    passages.push({
      documentId: doc.id,
      documentTitle: doc.title,
      documentNumber: doc.number,
      documentStatus: doc.status,
      section: c.section,
      quote: c.quote,
      before: doc.text.slice(Math.max(0, at.start - CONTEXT_CHARS), at.start),
      passage: doc.text.slice(at.start, at.end),
      after: doc.text.slice(at.end, at.end + CONTEXT_CHARS),
    });
  }
  return {
    measureVersion: m.version,
    measureId: m.measure.id,
    rulePackVersion: compiled.pack.version,
    measure: JSON.parse(JSON.stringify(m.measure)) as Measure,
    passages,
  };
}

/**
 * Explains a profile against a snapshot's rule with the engine's own explainer, e.g. for a screening row,
 * which stores statuses only. `at` is when the match was made: it fixes the default fiscal year.
 * The snapshot is read from the database, so it is compiled through the engine's entry that checks it as the
 * loader would (`compileMeasure`): a tampered or truncated rule throws InvalidRuleError, never explains as "pass".
 */
export function explainWithSnapshot(
  snapshot: RuleSnapshot,
  profile: EnterpriseProfile,
  lang: Lang,
  at: Date,
): MeasureResult {
  const passages = Array.isArray(snapshot.passages) ? snapshot.passages : [];
  const documents = new Map<string, PolicyDocument>(
    passages.map((p) => [p.documentId, documentOf(p, snapshot.measure)]),
  );
  const document = documents.values().next().value ?? documentOf(null, snapshot.measure);
  const compiled = compileMeasure(snapshot.measure, snapshot.measureVersion, document);
  const asOf = todayInShanghai(at);
  return explainMeasure(compiled, buildFacts(profile), {
    fiscalYear: effectiveFiscalYear(profile, asOf),
    asOf,
    lang,
    documents,
  });
}

/** The same, against the live pack's measure. */
export function explainWithCurrent(
  compiled: CompiledPack,
  m: CompiledMeasure,
  profile: EnterpriseProfile,
  lang: Lang,
  at: Date,
): MeasureResult {
  const asOf = todayInShanghai(at);
  return explainMeasure(m, buildFacts(profile), {
    fiscalYear: effectiveFiscalYear(profile, asOf),
    asOf,
    lang,
    documents: compiled.documents,
  });
}

function documentOf(p: SnapshotPassage | null, measure: Measure): PolicyDocument {
  return {
    id: p?.documentId ?? '',
    title: p?.documentTitle ?? '',
    titleEn: '',
    number: p?.documentNumber ?? null,
    issuers: [],
    issueDate: null,
    period: measure?.period,
    status: p?.documentStatus ?? 'in-force',
    source: 'rule snapshot',
    text: '',
  };
}
