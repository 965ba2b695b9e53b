import { createHash } from 'node:crypto';
import { canonicalJson, measureProblems } from '../rules/rule-pack-loader';
import { FieldErrors, Lang, Measure, PolicyDocument, RulePack } from '../types';
import { applyChange, ChangeContext } from './scenario-changes';
import { CHANGE_KINDS, ScenarioChange, ScenarioDefinition, ScenarioError, ScenarioPack } from './scenario.types';

const MAX_CHANGES = 200;
const TOP_KEYS = new Set(['name', 'base', 'changes']);

/**
 * Validates a scenario against its base pack and applies it: a new pack in memory, with the loader's own checks
 * run again on every measure it changed. Throws ScenarioError naming each offending field (`changes[2].value`),
 * so a bad scenario is a 400, never a 500 and never a silently different pack.
 */
export function applyScenario(base: RulePack, input: unknown, lang: Lang = 'zh'): ScenarioPack {
  const errors: FieldErrors = {};
  const add = (field: string, reason: string) => (errors[field] ??= []).push(reason);
  const zh = lang === 'zh';
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new ScenarioError({
      scenario: [zh ? '情景须为 JSON 对象 {name, base, changes}' : 'a scenario is a JSON object {name, base, changes}'],
    });
  }
  const raw = input as Record<string, unknown>;
  for (const key of Object.keys(raw))
    if (!TOP_KEYS.has(key))
      add(
        key,
        zh ? `未知字段“${key}”（可用：name、base、changes）` : `unknown field "${key}" (allowed: name, base, changes)`,
      );
  if (typeof raw.name !== 'string' || !raw.name.trim() || raw.name.length > 200)
    add('name', zh ? 'name 须为 1–200 字的名称' : 'name must be a name of 1 to 200 characters');
  if (raw.base !== undefined && typeof raw.base !== 'string')
    add('base', zh ? 'base 须为规则包版本（字符串）' : 'base must be a rule pack version (a string)');
  if (!Array.isArray(raw.changes) || raw.changes.length === 0 || raw.changes.length > MAX_CHANGES) {
    add(
      'changes',
      zh ? `changes 须为 1–${MAX_CHANGES} 项改动的列表` : `changes must be a list of 1 to ${MAX_CHANGES} changes`,
    );
    throw new ScenarioError(errors);
  }
  const ctx = new ChangeContext(base, lang);
  raw.changes.forEach((change, i) => {
    for (const [field, reasons] of Object.entries(applyChange(ctx, change, `changes[${i}]`)))
      for (const r of reasons) add(field, r);
  });
  if (Object.keys(errors).length === 0) recheck(ctx, base, add, zh);
  if (Object.keys(errors).length > 0) throw new ScenarioError(errors);
  const definition: ScenarioDefinition = {
    name: (raw.name as string).trim(),
    ...(raw.base !== undefined ? { base: raw.base as string } : {}),
    changes: raw.changes as ScenarioChange[],
  };
  return {
    definition,
    base,
    pack: buildPack(base, ctx.measures, ctx.off),
    touched: base.measures.map((m) => m.id).filter((id) => ctx.touched.has(id)),
  };
}

/** The loader's checks on every changed measure: the scenario pack must be one the loader would accept. */
function recheck(ctx: ChangeContext, base: RulePack, add: (field: string, reason: string) => void, zh: boolean): void {
  const documents = new Map(base.documents.map((d) => [d.id, d]));
  for (const [id, measure] of ctx.measures) {
    if (!ctx.touched.has(id) || ctx.off.has(id)) continue;
    for (const problem of measureProblems(measure as unknown as Record<string, unknown>, documents)) {
      add(
        `changes[${ctx.lastChange.get(id)}]`,
        zh ? `改动后的措施 ${id} 不合规：${problem}` : `measure ${id} after the change is invalid: ${problem}`,
      );
    }
  }
}

function buildPack(base: RulePack, measures: ReadonlyMap<string, Measure>, off: ReadonlySet<string>): RulePack {
  const kept = base.measures.filter((m) => !off.has(m.id)).map((m) => measures.get(m.id) ?? m);
  const measureVersions: Record<string, string> = {};
  for (const m of kept) measureVersions[m.id] = measures.has(m.id) ? measureVersionOf(m) : base.measureVersions[m.id];
  const documents = extendedDocuments(
    base.documents,
    kept.filter((m) => measures.has(m.id)),
  );
  return { version: packVersionOf(documents, kept), documents, measures: kept, measureVersions };
}

/**
 * A measure (not resting on a national rule) is out of force once its document has expired, whatever its own
 * period says. So a change that runs a measure past its document's end models the plan being extended (延期), and
 * the document's period is extended with it; the other measures of the document keep their own periods, so
 * nothing else comes back into force. The pack diff lists the document's new period.
 */
function extendedDocuments(documents: PolicyDocument[], changed: Measure[]): PolicyDocument[] {
  const ends = new Map<string, string | null>();
  for (const m of changed) {
    const clause = m.citations.find((c) => c.role === 'clause');
    const doc = clause?.role === 'clause' ? documents.find((d) => d.id === clause.documentId) : undefined;
    if (m.national || !doc || !outlasts(m.period.to, doc.period.to)) continue;
    const seen = ends.get(doc.id);
    ends.set(doc.id, seen === undefined || outlasts(m.period.to, seen) ? m.period.to : seen);
  }
  return documents.map((d) => (ends.has(d.id) ? { ...d, period: { ...d.period, to: ends.get(d.id)! } } : d));
}

/** Whether an end date (null = open-ended) lies after another. */
const outlasts = (a: string | null, b: string | null) => b !== null && (a === null || a > b);

/** The loader's content hashes, so a scenario pack is addressed like any other pack. */
export function measureVersionOf(m: Measure): string {
  return `sha256:${sha256(canonicalJson(m)).slice(0, 16)}`;
}

export function packVersionOf(documents: PolicyDocument[], measures: Measure[]): string {
  return `sha256:${sha256(canonicalJson({ documents, measures }))}`;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export const SCENARIO_CHANGE_KINDS = CHANGE_KINDS;
