import { FACTS } from '../facts/fact-registry';
import { Measure, PolicyDocument, RulePack } from '../types';
import { compilePackScreen, PackScreenFn } from './compile-pack-screen';
import { compileStatus, StatusFn } from './compile-status';
import { compileExplain, ExplainFn } from './explain';

export interface CompiledMeasure {
  measure: Measure;
  version: string;
  document: PolicyDocument;
  status: StatusFn;
  explain: ExplainFn;
}

/** A rule pack compiled once at start-up. Immutable after construction: safe to share across requests. */
export interface CompiledPack {
  pack: RulePack;
  measures: readonly CompiledMeasure[];
  documents: ReadonlyMap<string, PolicyDocument>;
  /** Every measure's status in one generated function (the batch hot path), in `measures` order. */
  screen: PackScreenFn;
}

export function compilePack(pack: RulePack): CompiledPack {
  const documents = new Map(pack.documents.map((d) => [d.id, d]));
  const measures = pack.measures.map((measure): CompiledMeasure => {
    const clause = measure.citations.find((c) => c.role === 'clause');
    const document = documents.get(clause && clause.role === 'clause' ? clause.documentId : '')!;
    return {
      measure,
      version: pack.measureVersions[measure.id],
      document,
      status: compileStatus(measure.conditions),
      explain: compileExplain(measure.conditions),
    };
  });
  const screen = compilePackScreen(measures.map((m) => m.measure.conditions));
  return deepFreeze({ pack, measures, documents, screen });
}

/** The profile fields a fact is decided by (a profile field decides itself). */
export function inputsOf(fact: string): string[] {
  return FACTS.get(fact)?.inputs ?? [fact];
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value) && !(value instanceof Map)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
