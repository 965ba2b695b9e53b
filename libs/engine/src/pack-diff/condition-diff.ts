import { canonicalJson } from '../rules/rule-pack-loader';
import { ConditionNode, Lang, LeafCondition } from '../types';
import { boundInWords, factName, leafInWords, skeleton } from './condition-words';
import { ChangeInWords } from './pack-diff.types';

interface PlacedLeaf {
  path: string;
  leaf: LeafCondition;
}

/** Every leaf with its path under `conditions` ("all[3]", "all[1].any[0]"). */
export function placedLeaves(node: ConditionNode, path = ''): PlacedLeaf[] {
  const at = (kind: string, i?: number) => `${path ? `${path}.` : ''}${kind}${i === undefined ? '' : `[${i}]`}`;
  if ('all' in node) return node.all.flatMap((c, i) => placedLeaves(c, at('all', i)));
  if ('any' in node) return node.any.flatMap((c, i) => placedLeaves(c, at('any', i)));
  if ('not' in node) return placedLeaves(node.not, at('not'));
  return [{ path, leaf: node }];
}

const signature = (l: LeafCondition) => canonicalJson([l.fact, l.operator, l.value]);

/**
 * The changed conditions of a measure in words: "研发投入强度 ≥ 6% → ≥ 5%", "新增条件：…", "删除条件：…".
 * Equal conditions are matched first (so a removed one does not shift the rest), then the others by fact, in order.
 */
export function diffConditions(a: ConditionNode, b: ConditionNode, lang: Lang): ChangeInWords[] {
  const unmatchedAfter = placedLeaves(b);
  const out: ChangeInWords[] = [];
  const unmatchedBefore = placedLeaves(a).filter((x) => {
    const i = unmatchedAfter.findIndex((y) => signature(y.leaf) === signature(x.leaf));
    if (i < 0) return true;
    out.push(...leafChange(x, unmatchedAfter.splice(i, 1)[0], lang));
    return false;
  });
  for (const x of unmatchedBefore) {
    const i = unmatchedAfter.findIndex((y) => y.leaf.fact === x.leaf.fact);
    if (i >= 0) out.push(...leafChange(x, unmatchedAfter.splice(i, 1)[0], lang));
    else
      out.push(
        words(
          'condition',
          lang,
          `删除条件：${leafInWords(x.leaf, 'zh')}`,
          `Condition removed: ${leafInWords(x.leaf, 'en')}`,
          x.leaf,
          undefined,
        ),
      );
  }
  for (const y of unmatchedAfter) {
    out.push(
      words(
        'condition',
        lang,
        `新增条件：${leafInWords(y.leaf, 'zh')}`,
        `Condition added: ${leafInWords(y.leaf, 'en')}`,
        undefined,
        y.leaf,
      ),
    );
  }
  if (out.length === 0 && skeleton(a) !== skeleton(b)) {
    out.push(
      words(
        'condition',
        lang,
        '条件的组合方式（全部满足 / 满足其一 / 不满足）已改变',
        'How the conditions combine (all / any / not) changed',
        skeleton(a),
        skeleton(b),
      ),
    );
  }
  return out;
}

function leafChange(x: PlacedLeaf, y: PlacedLeaf, lang: Lang): ChangeInWords[] {
  const a = x.leaf;
  const b = y.leaf;
  if (signature(a) !== signature(b)) {
    const text =
      a.fact === b.fact
        ? `${factName(a.fact, lang)} ${boundInWords(a, lang)} → ${boundInWords(b, lang)}`
        : `${leafInWords(a, lang)} → ${leafInWords(b, lang)}`;
    return [{ aspect: 'condition', text, path: y.path, before: strip(a), after: strip(b) }];
  }
  if (canonicalJson(a.label) !== canonicalJson(b.label)) {
    return [
      words(
        'condition',
        lang,
        `条件说明改为“${b.label.zh}”`,
        `Condition label now reads "${b.label.en}"`,
        a.label[lang],
        b.label[lang],
        y.path,
      ),
    ];
  }
  return [];
}

const strip = (l: LeafCondition) => ({ fact: l.fact, operator: l.operator, value: l.value });

export function words(
  aspect: ChangeInWords['aspect'],
  lang: Lang,
  zh: string,
  en: string,
  before?: unknown,
  after?: unknown,
  path?: string,
): ChangeInWords {
  return {
    aspect,
    text: lang === 'zh' ? zh : en,
    ...(path ? { path } : {}),
    ...(before !== undefined ? { before } : {}),
    ...(after !== undefined ? { after } : {}),
  };
}
