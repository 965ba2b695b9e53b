import { InvalidRuleError } from '../errors';
import { estimateSpecProblems } from '../estimates/estimate';
import { FACTS } from '../facts/fact-registry';
import { validateConditions } from '../rules/validate-conditions';
import { ClauseCitation, Measure, PolicyDocument, RulePack } from '../types';
import { PackScreenFn, packScreenSource, screenFunction } from './compile-pack-screen';
import { compileExplain, ExplainFn } from './explain';

export interface CompiledMeasure {
  measure: Measure;
  version: string;
  document: PolicyDocument;
  /** Every leaf with the value it saw: the API's explanation. */
  explain: ExplainFn;
}

/** A rule pack compiled once at start-up. Immutable after construction: safe to share across requests. */
export interface CompiledPack {
  pack: RulePack;
  measures: readonly CompiledMeasure[];
  documents: ReadonlyMap<string, PolicyDocument>;
  /**
   * Every measure's outcome in one generated function, in `measures` order: 0 fail, 1 pass, 2 unknown, 3 a fail
   * that is a near miss (by the engine's rule, before any policy on natures or validity). The batch hot path.
   */
  screen: PackScreenFn;
  /** The source `screen` was generated from (`rules compile --out <file>` writes it). */
  screenSource: string;
}

/**
 * Compiles every measure (its explainer) and the whole pack (one screening function). Each measure's rule is
 * checked again first, with the loader's checks: the pack compiled here may come from somewhere else than the
 * loader (a stored snapshot), and a malformed tree must never compile to an answer.
 */
export function compilePack(pack: RulePack): CompiledPack {
  const documents = new Map(pack.documents.map((d) => [d.id, d]));
  const measures = pack.measures.map((measure): CompiledMeasure => {
    const clause = measure.citations.find((c): c is ClauseCitation => c.role === 'clause');
    const document = documents.get(clause ? clause.documentId : '')!;
    return compileMeasure(measure, pack.measureVersions[measure.id], document);
  });
  const { source, constants } = packScreenSource(
    measures.map((m) => m.measure.conditions),
    {
      nearMiss: true,
      ids: measures.map((m) => m.measure.id),
      title: `rule pack ${pack.version}, ${measures.length} measures`,
      sourceURL: packSourceUrl(pack.version),
    },
  );
  const screen = screenFunction({ source, constants });
  return deepFreeze({ pack, measures, documents, screen, screenSource: source });
}

/** `rule-pack-<first 16 hex digits of the version>.js`: how the generated code shows in stack traces. */
export function packSourceUrl(version: string): string {
  return `rule-pack-${version.replace(/^sha256:/, '').slice(0, 16)}.js`;
}

/** One measure's explainer, after the loader's checks of its conditions and estimate; InvalidRuleError if they fail. */
export function compileMeasure(measure: Measure, version: string, document: PolicyDocument): CompiledMeasure {
  const problems = [...validateConditions(measure?.conditions), ...estimateSpecProblems(measure?.estimate)];
  if (problems.length > 0) throw new InvalidRuleError(String(measure?.id), problems);
  return { measure, version, document, explain: compileExplain(measure.conditions) };
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

/**
 * The generated code as V8 holds it (`new Function` wraps the source in `function anonymous(k,isNumberLike …`), so
 * a line number in a stack trace naming `rule-pack-<version>.js` is the line number in this text.
 */
export function screenSourceText(screenSource: string): string {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- only to print it; never called
  return `${new Function('k', 'isNumberLike', screenSource).toString()}\n`;
}
