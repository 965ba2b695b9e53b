import { Injectable } from '@nestjs/common';
import {
  CompiledMeasure, ConditionNode, groupKind, isLeaf, Lang, MeasureNotFoundError, children,
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

/** The rule pack as read by people: each measure with citations, conditions in words, and its version. */
@Injectable()
export class MeasuresService {
  constructor(private readonly rules: RulePackService) {}

  list(lang: Lang) {
    return this.rules.compiled.measures.map((m) => this.view(m, lang));
  }

  get(id: string, lang: Lang) {
    const m = this.rules.compiled.measures.find((x) => x.measure.id === id);
    if (!m) throw new MeasureNotFoundError(id);
    return this.view(m, lang);
  }

  private view(m: CompiledMeasure, lang: Lang) {
    const { measure, document } = m;
    return {
      id: measure.id,
      version: m.version,
      title: measure.title[lang],
      kind: measure.kind,
      benefit: measure.benefit[lang],
      departments: measure.departments.map((d) => d[lang]),
      period: measure.period,
      documentId: document.id,
      documentStatus: document.status,
      citations: measure.citations.map((c) => {
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
  if (isLeaf(node)) return { kind: 'leaf', label: node.label[lang], fact: node.fact, operator: node.operator, value: node.value };
  return { kind: groupKind(node)!, children: children(node).map((c) => conditionView(c, lang)) };
}
