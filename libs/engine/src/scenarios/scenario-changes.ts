import { estimateSpecProblems } from '../estimates/estimate';
import { isIsoDate } from '../evaluator/validity';
import { FACTS } from '../facts/fact-registry';
import { leaves } from '../rules/condition-tree';
import { parseOperator } from '../rules/operators';
import { validateConditions } from '../rules/validate-conditions';
import { ConditionNode, FieldErrors, Lang, LeafCondition, LocalizedText, Measure, RulePack } from '../types';
import { boundInWords, leafInWords, valueInWords } from '../pack-diff/condition-words';
import { nodeAt, parseConditionPath, PathStep } from './condition-path';
import { CHANGE_KINDS, ChangeKind } from './scenario.types';

/** The measures as the changes so far have left them (copies: the base pack is never touched). */
export class ChangeContext {
  readonly measures = new Map<string, Measure>();
  readonly off = new Set<string>();
  readonly touched = new Set<string>();
  /** The index of the last change to each measure: where the loader's re-check reports a problem. */
  readonly lastChange = new Map<string, number>();
  private readonly base: Map<string, Measure>;

  constructor(
    pack: RulePack,
    readonly lang: Lang,
  ) {
    this.base = new Map(pack.measures.map((m) => [m.id, m]));
  }

  has(id: string): boolean {
    return this.base.has(id);
  }

  /** A working copy of the measure, made on first use. */
  edit(id: string, index: number): Measure {
    let m = this.measures.get(id);
    if (!m) {
      m = structuredClone<Measure>(this.base.get(id)!);
      this.measures.set(id, m);
    }
    this.touched.add(id);
    this.lastChange.set(id, index);
    return m;
  }

  t(zh: string, en: string): string {
    return this.lang === 'zh' ? zh : en;
  }
}

type Errors = FieldErrors;
const KEYS: Record<ChangeKind, { required: string[]; optional: string[] }> = {
  fact: { required: ['fact', 'value'], optional: [] },
  condition: { required: ['condition'], optional: ['operator', 'value'] },
  addCondition: { required: ['addCondition'], optional: ['into'] },
  removeCondition: { required: ['removeCondition'], optional: [] },
  period: { required: ['period'], optional: [] },
  estimate: { required: ['estimate'], optional: [] },
  off: { required: ['off'], optional: [] },
};

/** Validates one change and applies it to the context; returns the problems by field (empty when it applied). */
export function applyChange(ctx: ChangeContext, change: unknown, at: string): Errors {
  if (typeof change !== 'object' || change === null || Array.isArray(change)) {
    return { [at]: [ctx.t('每项改动须为对象 {measureId, …}', 'each change is an object {measureId, …}')] };
  }
  const c = change as Record<string, unknown>;
  const id = c.measureId;
  if (typeof id !== 'string' || !ctx.has(id)) {
    return {
      [`${at}.measureId`]: [
        ctx.t(`基准规则包中没有措施“${String(id)}”`, `no measure "${String(id)}" in the base pack`),
      ],
    };
  }
  if (ctx.off.has(id))
    return {
      [`${at}.measureId`]: [
        ctx.t(`措施 ${id} 已被前面的改动关闭`, `measure ${id} was switched off by an earlier change`),
      ],
    };
  const kinds = CHANGE_KINDS.filter((k) => k in c);
  if (kinds.length !== 1 || (kinds[0] === 'fact' && 'condition' in c)) {
    return {
      [at]: [
        ctx.t(
          `须且只能是一种改动：${CHANGE_KINDS.join('、')}`,
          `must be exactly one kind of change: ${CHANGE_KINDS.join(', ')}`,
        ),
      ],
    };
  }
  const kind = kinds[0];
  const allowed = new Set(['measureId', ...KEYS[kind].required, ...KEYS[kind].optional]);
  const errors: Errors = {};
  for (const key of Object.keys(c))
    if (!allowed.has(key))
      errors[`${at}.${key}`] = [ctx.t(`此类改动不接受字段“${key}”`, `unknown field "${key}" for this kind of change`)];
  for (const key of KEYS[kind].required)
    if (!(key in c)) errors[`${at}.${key}`] = [ctx.t(`缺少 ${key}`, `${key} is required`)];
  if (Object.keys(errors).length > 0) return errors;
  const index = Number(/\[(\d+)\]$/.exec(at)?.[1] ?? 0);
  return APPLY[kind](ctx, id, c, at, index);
}

type Apply = (ctx: ChangeContext, id: string, c: Record<string, unknown>, at: string, index: number) => Errors;

const APPLY: Record<ChangeKind, Apply> = {
  fact: setFactValue,
  condition: editCondition,
  addCondition: addCondition,
  removeCondition: removeCondition,
  period: changePeriod,
  estimate: changeEstimate,
  off: (ctx, id, c, at, index) => {
    if (c.off !== true) return { [`${at}.off`]: [ctx.t('off 只能为 true', 'off must be true')] };
    ctx.edit(id, index);
    ctx.off.add(id);
    return {};
  },
};

function setFactValue(ctx: ChangeContext, id: string, c: Record<string, unknown>, at: string, index: number): Errors {
  const fact = c.fact;
  if (typeof fact !== 'string' || !FACTS.has(fact)) {
    return { [`${at}.fact`]: [ctx.t(`未知的事实“${String(fact)}”`, `unknown fact "${String(fact)}"`)] };
  }
  const current = ctx.measures.get(id) ?? ctx.edit(id, index);
  const targets = leaves(current.conditions).filter((l) => l.fact === fact);
  if (targets.length === 0) {
    const facts = [...new Set(leaves(current.conditions).map((l) => l.fact))].join(', ');
    return {
      [`${at}.fact`]: [
        ctx.t(
          `措施 ${id} 没有关于“${fact}”的条件（它的条件涉及：${facts}）`,
          `measure ${id} has no condition on "${fact}" (its conditions use: ${facts})`,
        ),
      ],
    };
  }
  for (const leaf of targets) {
    const problems = validateConditions({ ...leaf, value: c.value }, `${at}.value`);
    if (problems.length > 0) return { [`${at}.value`]: problems };
  }
  const edited = ctx.edit(id, index);
  for (const leaf of leaves(edited.conditions).filter((l) => l.fact === fact)) setLeaf(leaf, leaf.operator, c.value);
  return {};
}

function editCondition(ctx: ChangeContext, id: string, c: Record<string, unknown>, at: string, index: number): Errors {
  const found = leafAt(ctx, ctx.measures.get(id) ?? ctx.edit(id, index), c.condition, `${at}.condition`);
  if ('errors' in found) return found.errors;
  if (c.operator === undefined && !('value' in c))
    return { [at]: [ctx.t('须给出 operator 或 value', 'give operator or value (or both)')] };
  const operator = c.operator === undefined ? found.leaf.operator : c.operator;
  if (typeof operator !== 'string' || !parseOperator(operator)) {
    return {
      [`${at}.operator`]: [ctx.t(`未知的运算符“${shown(operator)}”`, `unknown operator "${shown(operator)}"`)],
    };
  }
  const value = 'value' in c ? c.value : found.leaf.value;
  const problems = validateConditions({ ...found.leaf, operator, value }, `${at}.value`);
  if (problems.length > 0) return { [`${at}.value`]: problems };
  ctx.edit(id, index);
  setLeaf(found.leaf, operator, value);
  return {};
}

function addCondition(ctx: ChangeContext, id: string, c: Record<string, unknown>, at: string, index: number): Errors {
  const spec = c.addCondition as Record<string, unknown>;
  const field = `${at}.addCondition`;
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    return { [field]: [ctx.t('须为 {fact, operator, value, label?}', 'must be {fact, operator, value, label?}')] };
  const measure = ctx.edit(id, index);
  const steps = parseConditionPath(typeof c.into === 'string' ? c.into : '');
  const group = steps ? nodeAt(measure.conditions, steps) : undefined;
  if ((c.into !== undefined && typeof c.into !== 'string') || !group || !('all' in group || 'any' in group)) {
    return {
      [`${at}.into`]: [
        ctx.t(
          `“${shown(c.into ?? '')}”不是措施 ${id} 中的 all/any 条件组`,
          `"${shown(c.into ?? '')}" is not an all/any group of measure ${id}`,
        ),
      ],
    };
  }
  const leaf = { fact: spec.fact, operator: spec.operator, value: spec.value, label: spec.label } as LeafCondition;
  if (
    leaf.label === undefined &&
    typeof leaf.fact === 'string' &&
    FACTS.has(leaf.fact) &&
    typeof leaf.operator === 'string'
  ) {
    leaf.label = { zh: leafInWords(leaf, 'zh'), en: leafInWords(leaf, 'en') };
  }
  const problems = validateConditions(leaf, field);
  if (problems.length > 0) return classify(problems, field);
  ('all' in group ? group.all : group.any).push(leaf);
  return {};
}

function removeCondition(
  ctx: ChangeContext,
  id: string,
  c: Record<string, unknown>,
  at: string,
  index: number,
): Errors {
  const field = `${at}.removeCondition`;
  const measure = ctx.measures.get(id) ?? ctx.edit(id, index);
  const steps = typeof c.removeCondition === 'string' ? parseConditionPath(c.removeCondition) : null;
  const last = steps?.[steps.length - 1];
  const parent = steps && last ? nodeAt(measure.conditions, steps.slice(0, -1)) : undefined;
  const list =
    parent && last && last.kind !== 'not' && last.kind in parent
      ? (parent as Record<string, ConditionNode[]>)[last.kind]
      : undefined;
  if (!list || !last || last.kind === 'not' || last.index >= list.length) {
    return {
      [field]: [
        ctx.t(
          `“${String(c.removeCondition)}”不是措施 ${id} 中某个 all/any 组里的条件`,
          `"${String(c.removeCondition)}" is not a condition inside an all/any group of measure ${id}`,
        ),
      ],
    };
  }
  if (list.length === 1)
    return {
      [field]: [
        ctx.t(
          '删除后条件组为空（空组总是成立），请删除整个组',
          'removing it would leave an empty group (which always passes); remove the group instead',
        ),
      ],
    };
  ctx.edit(id, index);
  list.splice((last as { index: number }).index, 1);
  return {};
}

function changePeriod(ctx: ChangeContext, id: string, c: Record<string, unknown>, at: string, index: number): Errors {
  const p = c.period as Record<string, unknown>;
  const field = `${at}.period`;
  if (typeof p !== 'object' || p === null || Array.isArray(p) || !('from' in p || 'to' in p)) {
    return {
      [field]: [
        ctx.t(
          '须为 {from?, to?}（YYYY-MM-DD；to 为 null 表示长期）',
          'must be {from?, to?} (YYYY-MM-DD; to: null = open-ended)',
        ),
      ],
    };
  }
  const errors: Errors = {};
  for (const key of Object.keys(p))
    if (key !== 'from' && key !== 'to')
      errors[`${field}.${key}`] = [ctx.t(`未知字段“${key}”`, `unknown field "${key}"`)];
  if ('from' in p && !isIsoDate(p.from))
    errors[`${field}.from`] = [ctx.t('from 须为 YYYY-MM-DD 格式的日期', 'from must be a date written YYYY-MM-DD')];
  if ('to' in p && p.to !== null && !isIsoDate(p.to))
    errors[`${field}.to`] = [
      ctx.t('to 须为 YYYY-MM-DD 格式的日期或 null', 'to must be a date written YYYY-MM-DD, or null'),
    ];
  if (Object.keys(errors).length > 0) return errors;
  const current = (ctx.measures.get(id) ?? ctx.edit(id, index)).period;
  const next = {
    from: (p.from as string | undefined) ?? current.from,
    to: 'to' in p ? (p.to as string | null) : current.to,
  };
  if (next.to !== null && next.to < next.from)
    return {
      [field]: [
        ctx.t(
          `执行期 ${next.from} 至 ${next.to} 结束早于开始`,
          `the period ${next.from} to ${next.to} ends before it starts`,
        ),
      ],
    };
  ctx.edit(id, index).period = next;
  return {};
}

function changeEstimate(ctx: ChangeContext, id: string, c: Record<string, unknown>, at: string, index: number): Errors {
  const field = `${at}.estimate`;
  const measure = ctx.measures.get(id) ?? ctx.edit(id, index);
  if (!measure.estimate)
    return { [field]: [ctx.t(`措施 ${id} 没有估算公式`, `measure ${id} has no estimate formula`)] };
  const params = c.estimate;
  if (typeof params !== 'object' || params === null || Array.isArray(params) || 'formula' in params) {
    return {
      [field]: [
        ctx.t('须为参数对象（不能改公式本身）', 'must be an object of parameters (the formula itself cannot change)'),
      ],
    };
  }
  const next = { ...measure.estimate, ...(params as Record<string, unknown>) };
  const problems = estimateSpecProblems(next);
  if (problems.length > 0) return { [field]: problems };
  ctx.edit(id, index).estimate = next;
  return {};
}

function leafAt(
  ctx: ChangeContext,
  measure: Measure,
  path: unknown,
  field: string,
): { leaf: LeafCondition } | { errors: Errors } {
  const steps: PathStep[] | null = typeof path === 'string' ? parseConditionPath(path) : null;
  const node = steps ? nodeAt(measure.conditions, steps) : undefined;
  if (!node || !('fact' in node)) {
    return {
      errors: {
        [field]: [
          ctx.t(
            `“${String(path)}”不是措施 ${measure.id} 的一个条件（路径形如 all[3]）`,
            `"${String(path)}" is not a condition of measure ${measure.id} (a path looks like all[3])`,
          ),
        ],
      },
    };
  }
  return { leaf: node };
}

/** Sets a leaf's operator and value, and rewrites its label so it no longer states the old bound. */
function setLeaf(leaf: LeafCondition, operator: string, value: unknown): void {
  const before = { ...leaf };
  leaf.operator = operator;
  leaf.value = value;
  leaf.label = relabel(before, leaf);
}

function relabel(before: LeafCondition, after: LeafCondition): LocalizedText {
  const one = (lang: Lang, note: string) => {
    const text = before.label[lang];
    const old = valueInWords(before.fact, before.value, lang);
    if (before.operator === after.operator && old && text.includes(old))
      return text.replace(old, valueInWords(after.fact, after.value, lang));
    return `${text}${note.replace('{bound}', boundInWords(after, lang))}`;
  };
  return { zh: one('zh', '（情景：{bound}）'), en: one('en', ' (scenario: {bound})') };
}

/** Problems of an added condition, by the part of it they are about. */
function classify(problems: string[], field: string): Errors {
  const out: Errors = {};
  for (const p of problems) {
    const part = /unknown fact/.test(p)
      ? 'fact'
      : /unknown operator/.test(p)
        ? 'operator'
        : /label/.test(p)
          ? 'label'
          : 'value';
    (out[`${field}.${part}`] ??= []).push(p);
  }
  return out;
}

/** A request value as it reads in a message: text as it is, anything else as JSON. */
function shown(value: unknown): string {
  if (typeof value === 'string') return value;
  const json: string | undefined = JSON.stringify(value);
  return json ?? typeof value;
}
