import { Injectable } from '@nestjs/common';
import {
  BasisCitation,
  ClauseCitation,
  CompiledMeasure,
  ConditionNode,
  EstimateSpec,
  groupKind,
  HowToApplyResult,
  isLeaf,
  Lang,
  MeasureKind,
  MeasureNature,
  MeasureNotFoundError,
  children,
  measureValidity,
  Period,
  Validity,
} from '@app/engine';
import { RulePackService } from '../rule-pack/rule-pack.service';

export interface ConditionView {
  kind: 'all' | 'any' | 'not' | 'leaf';
  label?: string;
  fact?: string;
  operator?: string;
  value?: unknown;
  children?: ConditionView[];
}

/** A measure's citation with its document's title and number (a basis citation has no document id). */
export type MeasureCitationView =
  | (ClauseCitation & { documentTitle: string; documentNumber: string | null })
  | (BasisCitation & { documentId: null; documentTitle: string; documentNumber: string });

/** `GET /api/measures[/:id]`: a measure in the asked language, its validity at `asOf`, conditions in words. */
export interface MeasureView extends Validity {
  id: string;
  /** The measure's content hash, "the rule version that decides it". */
  version: string;
  title: string;
  kind: MeasureKind;
  nature: MeasureNature;
  national: boolean;
  benefit: string;
  departments: string[];
  period: Period;
  /** The date validity is judged at (YYYY-MM-DD). */
  asOf: string;
  documentId: string;
  estimateFormula?: EstimateSpec;
  howToApply?: HowToApplyResult;
  citations: MeasureCitationView[];
  conditions: ConditionView;
  notCheckable: string[];
}

/** The rule pack as read by people: each measure with citations, conditions in words, and its version. */
@Injectable()
export class MeasuresService {
  constructor(private readonly rules: RulePackService) {}

  list(lang: Lang, asOf: string): MeasureView[] {
    return this.rules.compiled.measures.map((m) => this.view(m, lang, asOf));
  }

  get(id: string, lang: Lang, asOf: string): MeasureView {
    const m = this.rules.compiled.measures.find((x) => x.measure.id === id);
    if (!m) throw new MeasureNotFoundError(id);
    return this.view(m, lang, asOf);
  }

  private view(m: CompiledMeasure, lang: Lang, asOf: string): MeasureView {
    const { measure, document } = m;
    const h = measure.howToApply;
    return {
      id: measure.id,
      version: m.version,
      title: measure.title[lang],
      kind: measure.kind,
      nature: measure.nature,
      national: measure.national === true,
      benefit: measure.benefit[lang],
      departments: measure.departments.map((d) => d[lang]),
      period: measure.period,
      asOf,
      ...measureValidity(measure, document, asOf, lang),
      documentId: document.id,
      ...(measure.estimate ? { estimateFormula: measure.estimate } : {}),
      ...(h
        ? {
            howToApply: {
              department: h.department[lang],
              channel: h.channel[lang],
              window: h.window[lang],
              source: h.source,
            },
          }
        : {}),
      citations: measure.citations.map((c): MeasureCitationView => {
        if (c.role === 'basis') return { ...c, documentId: null, documentTitle: c.title, documentNumber: c.number };
        const doc = this.rules.compiled.documents.get(c.documentId)!;
        return { ...c, documentTitle: doc.title, documentNumber: doc.number };
      }),
      conditions: conditionView(measure.conditions, lang),
      notCheckable: measure.notCheckable.map((t) => t[lang]),
    };
  }
}

function conditionView(node: ConditionNode, lang: Lang): ConditionView {
  if (isLeaf(node))
    return { kind: 'leaf', label: node.label[lang], fact: node.fact, operator: node.operator, value: node.value };
  return { kind: groupKind(node)!, children: children(node).map((c) => conditionView(c, lang)) };
}
